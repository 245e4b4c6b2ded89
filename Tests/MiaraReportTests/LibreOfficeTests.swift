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
            + files.filter { $0.hasPrefix("podmiot-") }.prefix(1)
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

        // Printed as a user would (PDF): the municipal workbook's Summary fills exactly page 1,
        // the Economic sheet starts on page 2.
        let gmina = try XCTUnwrap(files.first { $0.hasPrefix("gmina-") })
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice)
        p.arguments = ["--headless", "-env:UserInstallation=file://\(out.path)/profile", "--convert-to", "pdf", "--outdir", out.path,
                       dir.appendingPathComponent(gmina).path]
        p.environment = ["PATH": "/usr/bin:/bin", "HOME": out.path, "LANG": "C.UTF-8"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let pdf = out.appendingPathComponent((gmina as NSString).deletingPathExtension + ".pdf")
        XCTAssertTrue(FileManager.default.fileExists(atPath: pdf.path), "LibreOffice could not print \(gmina)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
        func page(_ n: Int) throws -> String {
            let t = Process()
            t.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
            t.arguments = ["-f", String(n), "-l", String(n), pdf.path, "-"]
            let pipe = Pipe()
            t.standardOutput = pipe
            try t.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            t.waitUntilExit()
            return text
        }
        XCTAssertTrue(try page(1).contains("Strona 1 z"), "page 1 has the footer")
        XCTAssertTrue(try page(2).contains("Ekonomiczne — "), "the Summary prints on one page")
    }
}
