import Foundation
import MiaraIngest
import MiaraMeasures
import MiaraPipeline
import MiaraReport
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// Fillable templates: every dataset's template, filled as a person would (dates as date cells,
/// numbers as numbers), is read by ingestion into the same stored rows as the equivalent CSV.
final class TemplateTests: XCTestCase {
    let asOf = Day(iso: "2026-11-30")!
    var standard: Standard { get throws { try Standard.load(path: PipelineConfig().standard) } }
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("miara-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// The catalogue's example row of a dataset, plus a second row that differs in its key.
    func rows(_ spec: DatasetSpec) -> [[String: String]] {
        let example = Dictionary(uniqueKeysWithValues: spec.columns.map { ($0.name, ColumnLabels.of(spec.name, $0.name)?.example ?? "") })
        return [example]
    }

    func settings() throws -> IngestSettings {
        IngestSettings(asOf: asOf, pseudonymiser: nil, standard: try standard, language: .en,
                       planMeasures: try MeasureCatalogue.builtIn().planMeasureCodes)
    }

    /// Every SPEC column of every table, rows sorted, as text.
    func dump(_ store: Store) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for spec in Datasets.all {
            let cols = spec.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            out[spec.table] = try store.db.query("SELECT \(cols) FROM \(spec.table)").map { row in
                row.map { v -> String in
                    switch v {
                    case .null: return "∅"
                    case .text(let s): return s
                    case .integer(let i): return "i\(i)"
                    case .real(let d): return "r\(d)"
                    }
                }.joined(separator: "|")
            }.sorted()
        }
        return out
    }

    func ingest(_ inbox: URL, name: String) throws -> (Store, [FileReport]) {
        let store = try Store.open(root.appendingPathComponent("\(name).sqlite").path, .readWrite)
        let (files, _) = try Inbox.discover(inbox)
        let reports = try Ingestor(store: store, settings: try settings(), runID: name).ingest(files)
        return (store, reports)
    }

    func testEveryTemplateFilledInIsStoredLikeTheEquivalentCSV() throws {
        let xlsxInbox = root.appendingPathComponent("xlsx"), csvInbox = root.appendingPathComponent("csv")
        for spec in Datasets.all {
            for dir in [xlsxInbox, csvInbox] {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent(spec.name), withIntermediateDirectories: true)
            }
            let r = rows(spec)
            // With a reporting month, the 4,999 unused rows hold the month formula: still empty rows.
            let month = ["costs", "services"].contains(spec.table) ? Month(year: 2026, month: 3) : nil
            try TemplateWorkbook.write(TemplateRequest(dataset: spec, month: month, asOfYear: 2026, standard: try standard, rows: r),
                                       to: xlsxInbox.appendingPathComponent("\(spec.name)/filled.xlsx").path)
            let csv = CSVText.line(spec.columns.map(\.name)) + r.map { row in CSVText.line(spec.columns.map { row[$0.name] ?? "" }) }.joined()
            try Data(csv.utf8).write(to: csvInbox.appendingPathComponent("\(spec.name)/filled.csv"))
        }
        let (fromXLSX, xr) = try ingest(xlsxInbox, name: "x")
        let (fromCSV, cr) = try ingest(csvInbox, name: "c")
        XCTAssertEqual(xr.count, Datasets.all.count)
        let why = try fromXLSX.db.query("SELECT file, check_code, \"column\", reason FROM rejects")
        for rep in xr + cr { XCTAssertEqual(rep.rowsRejected, 0, "\(rep.path): \(why)") }
        let x = try dump(fromXLSX), c = try dump(fromCSV)
        for spec in Datasets.all {
            XCTAssertEqual(x[spec.table]?.count, 1, spec.table)
            XCTAssertEqual(x[spec.table], c[spec.table], spec.table)
        }
    }

    /// The same, with the template file opened and filled by another program (openpyxl), as a
    /// spreadsheet would: dates as date cells, numbers as numbers.
    func testTemplatesFilledByOpenpyxlAreStoredLikeTheCSV() throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python), shell(python, ["-c", "import openpyxl"]) == 0 else {
            throw XCTSkip("python3-openpyxl is not installed")
        }
        let xlsxInbox = root.appendingPathComponent("py"), csvInbox = root.appendingPathComponent("csv")
        var jobs: [[String: Any]] = []
        for spec in Datasets.all {
            for dir in [xlsxInbox, csvInbox] {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent(spec.name), withIntermediateDirectories: true)
            }
            let empty = root.appendingPathComponent("\(spec.table)-empty.xlsx").path
            try TemplateWorkbook.write(TemplateRequest(dataset: spec, asOfYear: 2026, standard: try standard), to: empty)
            let row = rows(spec)[0]
            let cells: [[String]] = spec.columns.compactMap { c in
                guard let v = row[c.name], !v.isEmpty else { return nil }
                let kind: String
                switch c.type { case .date: kind = "date"; case .integer: kind = "int"; case .decimal: kind = "float"; default: kind = "text" }
                return [c.name, v, kind]
            }
            jobs.append(["template": empty, "out": xlsxInbox.appendingPathComponent("\(spec.name)/filled.xlsx").path,
                         "header": spec.columns.map(\.name), "cells": cells])
            let csv = CSVText.line(spec.columns.map(\.name)) + CSVText.line(spec.columns.map { row[$0.name] ?? "" })
            try Data(csv.utf8).write(to: csvInbox.appendingPathComponent("\(spec.name)/filled.csv"))
        }
        let jobFile = root.appendingPathComponent("jobs.json")
        try JSONSerialization.data(withJSONObject: jobs).write(to: jobFile)
        let script = """
            import datetime, json, sys, openpyxl
            for job in json.load(open(sys.argv[1])):
                wb = openpyxl.load_workbook(job["template"])
                ws = wb.worksheets[0]
                for name, value, kind in job["cells"]:
                    col = job["header"].index(name) + 1
                    if kind == "date": value = datetime.date.fromisoformat(value)
                    elif kind == "int": value = int(value)
                    elif kind == "float": value = float(value)
                    ws.cell(row=2, column=col).value = value
                wb.save(job["out"])
            """
        XCTAssertEqual(shell(python, ["-c", script, jobFile.path]), 0)
        let (fromXLSX, xr) = try ingest(xlsxInbox, name: "py")
        let (fromCSV, _) = try ingest(csvInbox, name: "c2")
        let why = try fromXLSX.db.query("SELECT file, check_code, \"column\", reason FROM rejects")
        XCTAssertEqual(xr.count, Datasets.all.count)
        for rep in xr { XCTAssertEqual(rep.rowsRejected, 0, "\(rep.path): \(why)") }
        let x = try dump(fromXLSX), c = try dump(fromCSV)
        for spec in Datasets.all {
            XCTAssertEqual(x[spec.table]?.count, 1, spec.table)
            XCTAssertEqual(x[spec.table], c[spec.table], spec.table)
        }
    }

    @discardableResult
    func shell(_ exe: String, _ args: [String]) -> Int32 {
        (try? Subprocess.run(URL(fileURLWithPath: exe), args, environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
                             cleanEnvironment: true))?.status ?? -1
    }

    func testBadCodeAndBadDateNameTheirCells() throws {
        for spec in Datasets.all {
            var row = rows(spec)[0]
            let code = spec.columns.firstIndex { if case .code = $0.type { return true }; return false }
            let date = spec.columns.firstIndex { $0.type == .date }
            if let code { row[spec.columns[code].name] = "zzz" }
            if let date { row[spec.columns[date].name] = "2026/13/45" }
            let path = root.appendingPathComponent("\(spec.table).xlsx").path
            try TemplateWorkbook.write(TemplateRequest(dataset: spec, asOfYear: 2026, standard: try standard, rows: [row]), to: path)
            var config = PipelineConfig()
            config.asOfText = asOf.iso
            let report = try ValidateStage(dataset: spec.name, paths: [path], inbox: nil).run(RunContext(config: config, command: "validate", console: Printer(mode: .quiet), storeUse: .read))
            let cells = Set(report.problems.map { "\($0.code.rawValue) \($0.cell ?? "-")" })
            let letter = { (i: Int) in String(UnicodeScalar(UInt8(65 + i))) }
            if let code { XCTAssertTrue(cells.contains("C05 \(spec.table)!\(letter(code))2"), "\(spec.name): \(cells)") }
            if let date { XCTAssertTrue(cells.contains("C03 \(spec.table)!\(letter(date))2"), "\(spec.name): \(cells)") }
            XCTAssertEqual(report.problems.count, (code == nil ? 0 : 1) + (date == nil ? 0 : 1), "\(spec.name): \(cells)")
        }
    }

    /// What a code column's drop-down offers (`mieszkanie socjalne (social_flat)`, in either
    /// language) is on the template's list sheet and passes validation as the code; ingestion
    /// stores the code itself.
    func testEveryDropDownValueIsAcceptedAsItsCode() throws {
        var config = PipelineConfig()
        config.asOfText = asOf.iso
        var checked = 0
        for spec in Datasets.all {
            for column in spec.columns {
                guard let codes = column.codes else { continue }
                for lang in Language.allCases {
                    let entries = codes.map { code -> String in
                        guard let name = CodeLabels.name(code, lang) else { return code }
                        return "\(name) (\(code))"
                    }
                    let empty = root.appendingPathComponent("\(spec.table)-\(column.name)-\(lang).xlsx").path
                    try TemplateWorkbook.write(TemplateRequest(dataset: spec, language: lang, asOfYear: 2026, standard: try standard), to: empty)
                    let offered = Set(try sheetCells(empty, sheet: 3))
                    for (code, entry) in zip(codes, entries) {
                        XCTAssertTrue(offered.contains(entry.replacingOccurrences(of: "&", with: "&amp;")), "\(spec.name).\(column.name) offers \(entry)")
                        var row = rows(spec)[0]
                        row[column.name] = entry
                        // A value another column requires with this one (a discharge's date) comes from the example.
                        let path = root.appendingPathComponent("\(spec.table)-\(column.name)-\(code)-\(lang).xlsx").path
                        try TemplateWorkbook.write(TemplateRequest(dataset: spec, language: lang, asOfYear: 2026, standard: try standard, rows: [row]), to: path)
                        let report = try ValidateStage(dataset: spec.name, paths: [path], inbox: nil).run(RunContext(config: config, command: "validate", console: Printer(mode: .quiet), storeUse: .read))
                        let onColumn = report.problems.filter { $0.code == .C05 }
                        XCTAssertTrue(onColumn.isEmpty, "\(spec.name).\(column.name) = \(entry): \(onColumn.map(\.description))")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 60)
        // Stored as the code.
        let inbox = root.appendingPathComponent("inbox-dd")
        let dir = inbox.appendingPathComponent(Datasets.providers.name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var row = rows(Datasets.providers)[0]
        row["legal_form"] = "\(try XCTUnwrap(CodeLabels.name("association", .pl))) (association)"
        try TemplateWorkbook.write(TemplateRequest(dataset: Datasets.providers, asOfYear: 2026, standard: try standard, rows: [row]),
                                   to: dir.appendingPathComponent("a.xlsx").path)
        let (store, reports) = try ingest(inbox, name: "dd")
        XCTAssertEqual(reports.first?.rowsRejected, 0)
        XCTAssertEqual(try store.db.query("SELECT legal_form FROM providers").first?[0].text, "association")
        // Only the exact offer: a wrong name before a right code is still refused.
        XCTAssertNil(CodeLabels.code(ofEntry: "rodzina (social_flat)", map: ["social_flat": "social_flat", "family": "family"]))
        XCTAssertEqual(CodeLabels.code(ofEntry: " Mieszkanie socjalne (SOCIAL_FLAT) ", map: ["social_flat": "social_flat"]), "social_flat")
    }

    func testAStandardOf300CriteriaBecomesARangeList() throws {
        // Inline, 300 items would hang libxlsxwriter 1.1.4 (and 255 bytes crash it).
        let big = Standard(criteria: (1...300).map { .init(code: String(format: "K%03d", $0), name: "Kryterium \($0)", weight: 1) },
                           floorAreaPerPlace: [:])
        let path = root.appendingPathComponent("audits.xlsx").path
        try TemplateWorkbook.write(TemplateRequest(dataset: Datasets.audits, asOfYear: 2026, standard: big), to: path)
        XCTAssertTrue(try sheetCells(path, sheet: 3).contains("K300"))
        XCTAssertTrue(try unzipped(path, "xl/worksheets/sheet1.xml").contains("Listy!$A$2:$A$301"))
    }

    /// Every message fits Excel's limits in both languages (the writer refuses one that does not).
    func testEveryTemplateIsWrittenInBothLanguages() throws {
        for spec in Datasets.all {
            for lang in Language.allCases {
                let r = TemplateRequest(dataset: spec, language: lang, asOfYear: 2026, standard: try standard)
                XCTAssertNoThrow(try TemplateWorkbook.write(r, to: root.appendingPathComponent("\(spec.table)-\(lang).xlsx").path), "\(spec.name) \(lang)")
            }
        }
    }

    func testTwoWritesGiveTheSameBytes() throws {
        let a = root.appendingPathComponent("a.xlsx"), b = root.appendingPathComponent("b.xlsx")
        for f in [a, b] { try TemplateWorkbook.write(TemplateRequest(dataset: Datasets.costs, month: Month(year: 2026, month: 3), asOfYear: 2026, standard: try standard), to: f.path) }
        XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b))
    }

    func unzipped(_ path: String, _ part: String) throws -> String {
        try Subprocess.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", path, part]).out
    }

    func testProviderOwnIDsBecomeTheDropDownLists() throws {
        // A store with the provider's facilities and contracts.
        let inbox = root.appendingPathComponent("inbox")
        for spec in [Datasets.municipalities, Datasets.providers, Datasets.facilities, Datasets.contracts] {
            let dir = inbox.appendingPathComponent(spec.name)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var rs = rows(spec)
            if spec.table == "facilities" {
                var r2 = rs[0]; r2["facility_id"] = "F-CZ-02"; r2["type"] = "soup_kitchen"; r2["places"] = ""; rs.append(r2)
                var r3 = rs[0]; r3["facility_id"] = "A-01"; rs.append(r3)
            }
            let csv = CSVText.line(spec.columns.map(\.name)) + rs.map { row in CSVText.line(spec.columns.map { row[$0.name] ?? "" }) }.joined()
            try Data(csv.utf8).write(to: dir.appendingPathComponent("a.csv"))
        }
        let (store, _) = try ingest(inbox, name: "own")
        _ = store
        var config = PipelineConfig()
        config.asOfText = asOf.iso
        config.store = root.appendingPathComponent("own.sqlite").path
        let out = root.appendingPathComponent("stays.xlsx").path
        try TemplateStage(dataset: "ngo/stays", provider: "KRS:0000184388", month: nil, out: out).run(RunContext(config: config, command: "template", console: Printer(mode: .quiet), storeUse: .read))
        let lists = try sheetCells(out, sheet: 3)
        XCTAssertTrue(lists.contains("F-CZ-01") && !lists.contains("F-CZ-02"), "a stay's list holds bed facilities only: \(lists)")
        let audits = root.appendingPathComponent("audits.xlsx").path
        try TemplateStage(dataset: "ngo/audits", provider: "KRS:0000184388", month: nil, out: audits).run(RunContext(config: config, command: "template", console: Printer(mode: .quiet), storeUse: .read))
        let auditTexts = try sheetCells(audits, sheet: 3)
        XCTAssertTrue(auditTexts.contains("F-CZ-02"))
        // The instructions name each id (type, municipality); the example row uses the provider's first id.
        let type = try XCTUnwrap(CodeLabels.name(rows(Datasets.facilities)[0]["type"] ?? "", .pl))
        let named = try XCTUnwrap(auditTexts.first { $0.hasPrefix("A-01 — ") }, "\(auditTexts)")
        XCTAssertTrue(named.contains(type) && named.contains("\nF-CZ-02 — \(CodeLabels.name("soup_kitchen", .pl)!)"), named)
        XCTAssertEqual(try instructionCell(audits, column: "facility_id", letter: "G"), "A-01", "the example row holds the provider's id, not the catalogue's F-CZ-01")
        let costs = root.appendingPathComponent("costs.xlsx").path
        try TemplateStage(dataset: "ngo/costs", provider: "KRS:0000184388", month: "2026-03", out: costs).run(RunContext(config: config, command: "template", console: Printer(mode: .quiet), storeUse: .read))
        XCTAssertTrue(try sheetCells(costs, sheet: 3).contains("U-2026-01"))
        XCTAssertThrowsError(try TemplateStage(dataset: "ngo/stays", provider: "NIP:123", month: nil, out: out).run(RunContext(config: config, command: "template", console: Printer(mode: .quiet), storeUse: .read)))
        XCTAssertThrowsError(try TemplateStage(dataset: "ngo/stays", provider: nil, month: "2026-03", out: out).run(RunContext(config: config, command: "template", console: Printer(mode: .quiet), storeUse: .read)))
    }

    /// The text in column `letter` of the instructions row of `column` (sheet 2, string cells).
    func instructionCell(_ path: String, column: String, letter: String) throws -> String? {
        let strings = try sheetCells(path, sheet: 2)
        let xml = try unzipped(path, "xl/worksheets/sheet2.xml")
        guard let nameIndex = strings.firstIndex(of: column) else { return nil }
        for row in xml.components(separatedBy: "<row ").dropFirst() {
            func cell(_ l: String) -> String? {
                guard let r = row.range(of: #"<c r="\#(l)\d+"[^>]*t="s"[^>]*><v>(\d+)</v>"#, options: .regularExpression) else { return nil }
                let v = row[r].components(separatedBy: "<v>")[1].prefix { $0 != "<" }
                return Int(v).map { strings[$0] }
            }
            if cell("A") == strings[nameIndex] { return cell(letter) }
        }
        return nil
    }

    /// The shared strings of a written workbook (the list sheet's values are strings).
    func sheetCells(_ path: String, sheet: Int) throws -> [String] {
        var texts: [String] = []
        let xml = try unzipped(path, "xl/sharedStrings.xml")
        for part in xml.components(separatedBy: "<t>").dropFirst() { texts.append(String(part.prefix { $0 != "<" })) }
        return texts
    }

    func testEveryTemplateOpensInLibreOffice() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("LibreOffice is not installed")
        }
        let out = root.appendingPathComponent("lo")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var files: [(URL, DatasetSpec)] = []
        for spec in Datasets.all {
            let file = root.appendingPathComponent("\(spec.table).xlsx")
            try TemplateWorkbook.write(TemplateRequest(dataset: spec, asOfYear: 2026, standard: try standard), to: file.path)
            files.append((file, spec))
        }
        let en = root.appendingPathComponent("stays-en.xlsx")
        try TemplateWorkbook.write(TemplateRequest(dataset: Datasets.stays, language: .en, asOfYear: 2026, standard: try standard), to: en.path)
        files.append((en, Datasets.stays))
        // A costs template for March 2026 with one row typed without its month: the pre-filled
        // month appears once the spreadsheet calculates.
        var row = rows(Datasets.costs)[0]
        row["month"] = nil
        let march = root.appendingPathComponent("costs-march.xlsx")
        try TemplateWorkbook.write(TemplateRequest(dataset: Datasets.costs, month: Month(year: 2026, month: 3), asOfYear: 2026,
                                                   standard: try standard, rows: [row]), to: march.path)
        files.append((march, Datasets.costs))
        // A fresh profile's first start converts only its first argument: one file, then the rest.
        for batch in [Array(files.prefix(1)), Array(files.dropFirst())] {
            let r = try Subprocess.run(URL(fileURLWithPath: soffice),
                                       ["--headless", "-env:UserInstallation=file://\(out.path)/profile", "--convert-to",
                                        "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out.path] + batch.map(\.0.path),
                                       environment: ["PATH": "/usr/bin:/bin", "HOME": out.path, "LANG": "C.UTF-8"], cleanEnvironment: true)
            XCTAssertEqual(r.status, 0, r.out + r.err)
        }
        for (file, spec) in files {
            let csv = (try? String(contentsOf: out.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".csv"), encoding: .utf8)) ?? ""
            XCTAssertTrue(csv.hasPrefix(spec.columns.map(\.name).joined(separator: ",")), "\(file.lastPathComponent): \(csv.prefix(80))")
        }
        let marchCSV = try String(contentsOf: out.appendingPathComponent("costs-march.csv"), encoding: .utf8)
        let lines = marchCSV.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count > 1 ? String(lines[1]) : "", "U-2026-01,2026-03,staff,\"25,000.00\",municipal", "the month filled in, the amount shown in the amount format")
        XCTAssertTrue(lines.dropFirst(2).allSatisfy { $0.allSatisfy { $0 == "," } }, "unused rows stay empty")
    }
}
