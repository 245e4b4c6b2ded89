import Foundation
import MiaraTestSupport
import MiaraXLSX
import XCTest

/// Opens miara's workbooks in LibreOffice headless, as a user would, and converts them to CSV:
/// a workbook Calc cannot open gives no output; then prints the municipal workbook to PDF and reads
/// its pages with `pdftotext`. Skipped where `soffice` or `pdftotext` is not installed: .ci/run
/// installs both (libreoffice-calc-nogui, poppler-utils) and fails on any skip.
final class LibreOfficeTests: XCTestCase {
    func testWorkbooksOpenInLibreOffice() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("LibreOffice is not installed")
        }
        let (dir, files) = try WorkbookFixture.shared.get().written(.pl)
        let wanted = ["ministerstwo.xlsx", "benchmark.xlsx"] + files.filter { $0.hasPrefix("gmina-") }.prefix(1)
            + files.filter { $0.hasPrefix("podmiot-") }.prefix(1)
        XCTAssertTrue(wanted.allSatisfy(files.contains))
        // LibreOffice's output and profile go to a folder of this test's own, not into the shared fixture.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("miara-libreoffice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let clean = ["PATH": "/usr/bin:/bin", "HOME": out.path, "LANG": "C.UTF-8"]
        for f in wanted {
            // One file per run: a fresh profile's first start converts only the first argument.
            // A clean environment: the test runner's library paths must not leak into LibreOffice.
            let r = try Subprocess.run(URL(fileURLWithPath: soffice),
                                       ["--headless", "-env:UserInstallation=file://\(out.path)/profile", "--convert-to",
                                        "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out.path, dir.appendingPathComponent(f).path],
                                       environment: clean, cleanEnvironment: true)
            let said = r.out + r.err
            XCTAssertEqual(r.status, 0, said)
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
        let printed = try Subprocess.run(URL(fileURLWithPath: soffice),
                                         ["--headless", "-env:UserInstallation=file://\(out.path)/profile", "--convert-to", "pdf",
                                          "--outdir", out.path, dir.appendingPathComponent(gmina).path],
                                         environment: clean, cleanEnvironment: true)
        XCTAssertEqual(printed.status, 0, printed.out + printed.err)
        let pdf = out.appendingPathComponent((gmina as NSString).deletingPathExtension + ".pdf")
        XCTAssertTrue(FileManager.default.fileExists(atPath: pdf.path), "LibreOffice could not print \(gmina)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            throw XCTSkip("pdftotext (poppler-utils) is not installed: the printed pages were not checked")
        }
        func page(_ n: Int) throws -> String {
            let r = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-f", String(n), "-l", String(n), pdf.path, "-"])
            XCTAssertEqual(r.status, 0, r.err)
            return r.out
        }
        XCTAssertTrue(try page(1).contains("Strona 1 z"), "page 1 has the footer")
        XCTAssertTrue(try page(2).contains("Ekonomiczne — "), "the Summary prints on one page")
    }
}
