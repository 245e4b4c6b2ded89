import Foundation
import MiaraTestSupport
import MiaraXLSX
import MiaraPipeline
import MiaraReport
import MiaraValues
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

/// Every workbook and template kind printed as a user would (LibreOffice to PDF): no chart
/// crossing a page or under a repeated header, no clipped wrapped text, templates on a few
/// pages (`PrintedLayoutCheck` reads the files; LibreOffice counts the pages, printed per kind).
final class PrintedPagesTests: XCTestCase {
    var soffice: String { get throws {
        guard let s = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo"), FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw XCTSkip("LibreOffice, poppler-utils or python3 is not installed")
        }
        return s
    } }

    /// Converts `files` to PDF in `out`; the page count of each (nil when it did not print).
    func printed(_ files: [URL], out: URL) throws -> [String: Int] {
        let soffice = try soffice
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // A fresh profile's first start converts only its first argument: one file, then the rest.
        for batch in [Array(files.prefix(1)), Array(files.dropFirst())] where !batch.isEmpty {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: soffice)
            p.arguments = ["--headless", "-env:UserInstallation=file://\(out.path)/profile", "--convert-to", "pdf", "--outdir", out.path] + batch.map(\.path)
            p.environment = ["PATH": "/usr/bin:/bin", "HOME": out.path, "LANG": "C.UTF-8"]
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
        }
        var pages: [String: Int] = [:]
        for f in files {
            let pdf = out.appendingPathComponent(f.deletingPathExtension().lastPathComponent + ".pdf")
            let info = try run("/usr/bin/pdfinfo", [pdf.path])
            if let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }) {
                pages[f.lastPathComponent] = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
            }
        }
        return pages
    }

    func run(_ exe: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe; p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text
    }

    func testEveryWorkbookKindPrintsWithoutSplitChartsOrClippedText() throws {
        _ = try soffice
        let (dir, files) = try WorkbookFixture.shared.get().written(.pl)
        var charts = 0
        for f in files where f.hasSuffix(".xlsx") {
            let lines = try PrintedLayoutCheck.run(dir.appendingPathComponent(f).path)
            for problem in lines where problem.hasPrefix("PROBLEM") { XCTFail("\(f): \(problem)") }
            charts += lines.filter { $0.hasPrefix("CHART") }.count
        }
        XCTAssertGreaterThan(charts, 0, "the fixture's workbooks have charts to check")
        let kinds = ["ministerstwo.xlsx", "benchmark.xlsx"] + files.filter { $0.hasPrefix("gmina-") }.prefix(1)
            + files.filter { $0.hasPrefix("podmiot-") }.prefix(1)
        let pages = try printed(kinds.map { dir.appendingPathComponent($0) }, out: dir.appendingPathComponent("pages"))
        for k in kinds {
            let n = try XCTUnwrap(pages[k], "\(k) did not print")
            print("printed pages: \(k): \(n)")
        }
        // Every chart's title is printed (a chart cut at a page edge may lose it).
        let gmina = try XCTUnwrap(kinds.first { $0.hasPrefix("gmina-") })
        let text = try run("/usr/bin/pdftotext", [dir.appendingPathComponent("pages/\((gmina as NSString).deletingPathExtension).pdf").path, "-"])
        let titles = try PrintedLayoutCheck.run(dir.appendingPathComponent(gmina).path).filter { $0.hasPrefix("CHART Porównanie ") }
        XCTAssertFalse(titles.isEmpty)
        for t in titles {
            let words = t.dropFirst("CHART Porównanie ".count).split(separator: " ").prefix(2).joined(separator: " ")
            XCTAssertTrue(text.contains(words), "chart \(words) is printed")
        }
    }

    func testEveryTemplateKindPrintsOnAFewPages() throws {
        _ = try soffice
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("miara-template-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let standard = try Standard.load(path: PipelineConfig().standard)
        var files: [URL] = []
        for spec in Datasets.all {
            let month = TemplateRequest(dataset: spec, asOfYear: 2026, standard: standard).monthColumn != nil ? Month(year: 2026, month: 3) : nil
            let f = root.appendingPathComponent("\(spec.table).xlsx")
            try TemplateWorkbook.write(TemplateRequest(dataset: spec, month: month, asOfYear: 2026, standard: standard), to: f.path)
            files.append(f)
            for problem in try PrintedLayoutCheck.run(f.path, template: true) where problem.hasPrefix("PROBLEM") { XCTFail("\(spec.name): \(problem)") }
        }
        let pages = try printed(files, out: root.appendingPathComponent("pdf"))
        for f in files {
            let n = try XCTUnwrap(pages[f.lastPathComponent], "\(f.lastPathComponent) did not print")
            print("printed pages: template \(f.lastPathComponent): \(n)")
            // The data sheet's header and 30 rows on one page, the instructions on at most two.
            XCTAssertLessThanOrEqual(n, 3, f.lastPathComponent)
        }
    }
}
