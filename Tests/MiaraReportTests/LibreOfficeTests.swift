import Foundation
import MiaraXLSX
import XCTest

/// Opens miara's workbooks in LibreOffice headless, as a user would, and converts them to CSV:
/// a workbook Calc cannot open gives no output. Skipped where `soffice` is not installed
/// (.ci/run installs libreoffice-calc-nogui).
final class LibreOfficeTests: XCTestCase {
    func testWorkbooksOpenInLibreOffice() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("LibreOffice is not installed")
        }
        let (dir, files) = try WorkbookFixture.shared.get().written(.pl)
        let wanted = ["ministerstwo.xlsx", "benchmark.xlsx"] + files.filter { $0.hasPrefix("gmina-") }.prefix(1)
        XCTAssertTrue(wanted.allSatisfy(files.contains))
        let out = dir.appendingPathComponent("libreoffice")
        try? FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for f in wanted {
            // One file per run: a fresh profile's first start converts only the first argument.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: soffice)
            p.arguments = ["--headless", "-env:UserInstallation=file://\(out.path)/profile", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out.path,
                           dir.appendingPathComponent(f).path]
            // A clean environment: the test runner's library paths must not leak into LibreOffice.
            p.environment = ["PATH": "/usr/bin:/bin", "HOME": out.path, "LANG": "C.UTF-8"]
            let log = Pipe()
            p.standardOutput = log
            p.standardError = log
            try p.run()
            let said = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, said)
            let csv = out.appendingPathComponent((f as NSString).deletingPathExtension + ".csv")
            let text = (try? String(contentsOf: csv, encoding: .utf8)) ?? ""
            XCTAssertFalse(text.isEmpty, "LibreOffice could not open \(f): \(said)")
        }
        // The ministry's first sheet: header row with teryt first, numbers with a '.' decimal point.
        let ministry = try String(contentsOf: out.appendingPathComponent("ministerstwo.csv"), encoding: .utf8)
        XCTAssertTrue(ministry.hasPrefix("teryt,"), String(ministry.prefix(80)))
    }
}
