import Foundation
@testable import MiaraIngest
@testable import MiaraStore
import MiaraTestSupport
import MiaraValues
import MiaraXLSX
import XCTest

/// The derivation with the ledger the writer keeps of the rows it stages (`StagedRowLedger`)
/// against the same derivation without it (the whole-table GROUP BY and look-ups), on random
/// inboxes full of what the ledger's shortcuts decide: keys repeated within a file (C16) and
/// across files (replaced, W03), references to missing facilities, persons and contracts (C11),
/// dates after the as-of date (C10), in CSV and XLSX files (an XLSX row's text comes first among
/// its values), over two nights (a first night, then rows added to tables nobody references).
final class StagedRowLedgerTests: XCTestCase {
    static let services = ["bed_night", "meal", "bath"]
    static let categories = ["staff", "food"]
    static let funding = ["own", "municipal"]

    /// A file of random rows: its path below the inbox, its header and rows (cells as text;
    /// XLSX cells that are numbers are written as numbers).
    struct File {
        let path: String
        let header: [String]
        let rows: [[String]]
        var xlsx: Bool { path.hasSuffix(".xlsx") }
    }

    static func servicesFile(_ name: String, rows: Int, using rng: inout SplitMix) -> File {
        let dates = ["2024-03-01", "2024-03-02", "2024-03", "2025-02-01", "2024-04-10"]
        return File(path: "ngo/services/\(name)", header: ["facility_id", "date", "service", "quantity", "person_id"], rows: (0..<rows).map { _ in
            [["F1", "F1", "F2", "F9"].randomElement(using: &rng)!, dates.randomElement(using: &rng)!,
             services.randomElement(using: &rng)!, String(Int.random(in: 1...3, using: &rng)),
             ["person01", "person02", "", "person99"].randomElement(using: &rng)!]
        })
    }

    static func costsFile(_ name: String, rows: Int, using rng: inout SplitMix) -> File {
        File(path: "ngo/costs/\(name)", header: ["contract_id", "month", "category", "amount_pln", "funding"], rows: (0..<rows).map { _ in
            [["C1", "C1", "C9"].randomElement(using: &rng)!, ["2024-01", "2024-02", "2025-03"].randomElement(using: &rng)!,
             categories.randomElement(using: &rng)!, String(Int.random(in: 10...99, using: &rng)), funding.randomElement(using: &rng)!]
        })
    }

    static func staysFile(_ name: String, rows: Int, using rng: inout SplitMix) -> File {
        File(path: "ngo/stays/\(name)", header: ["stay_id", "person_id", "facility_id", "admitted", "discharged", "destination"], rows: (0..<rows).map { _ in
            [["S1", "S2", "S3", "S4"].randomElement(using: &rng)!, ["person01", "person02", "person99"].randomElement(using: &rng)!,
             ["F1", "F9"].randomElement(using: &rng)!, ["2024-01-05", "2024-06-01", "2025-01-10"].randomElement(using: &rng)!, "", ""]
        })
    }

    func write(_ f: File, into h: IngestHarness) throws {
        guard f.xlsx else {
            try h.file(f.path, ([f.header] + f.rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
            return
        }
        let url = h.inbox.appendingPathComponent(f.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let wb = try XLSXWorkbook(path: url.path)
        let ws = try wb.addWorksheet("Dane")
        for (c, name) in f.header.enumerated() { ws.write(0, c, string: name) }
        for (r, row) in f.rows.enumerated() {
            for (c, v) in row.enumerated() where !v.isEmpty {
                if ["quantity", "amount_pln"].contains(f.header[c]), let n = Double(v) { ws.write(r + 1, c, number: n) } else { ws.write(r + 1, c, string: v) }
            }
        }
        try wb.close()
    }

    /// Every decision of a derivation: the rejects and warnings with their texts, and each
    /// staged row's `held`.
    func decisions(_ store: Store) throws -> [String] {
        var out = try store.db.query("""
            SELECT file, line, "column", check_code, reason, raw FROM rejects ORDER BY file, line, "column", check_code
            """).map { $0.map { $0.text ?? $0.int.map(String.init) ?? "NULL" }.joined(separator: "|") }
        out += try store.db.query("SELECT file, line, check_code, message FROM warnings ORDER BY file, line, check_code, message")
            .map { $0.map { $0.text ?? $0.int.map(String.init) ?? "NULL" }.joined(separator: "|") }
        for t in ["services", "costs", "stays", "persons", "facilities", "contracts"] {
            out += try store.db.query("SELECT row_id, coalesce(held, '-') FROM staged_\(t) ORDER BY row_id").map { "\(t) \($0[0].int!) \($0[1].text!)" }
        }
        return out
    }

    func testDerivingWithTheLedgerDecidesEveryRowAsDerivingWithoutIt() throws {
        var rng = PropertySeed.generator("StagedRowLedgerTests.testDerivingWithTheLedgerDecidesEveryRowAsDerivingWithoutIt")
        var used: Set<String> = []
        var repeats = 0, missing = 0
        for _ in 0..<6 {
            let kinds = ["csv", "xlsx"]
            var nights: [[File]] = [[], []]
            for n in 0..<2 {
                for i in 0..<Int.random(in: 1...3, using: &rng) {
                    let ext = kinds.randomElement(using: &rng)!
                    nights[n].append(Self.servicesFile("s\(n)\(i).\(ext)", rows: Int.random(in: 1...40, using: &rng), using: &rng))
                }
                nights[n].append(Self.costsFile("c\(n).\(kinds.randomElement(using: &rng)!)", rows: Int.random(in: 1...12, using: &rng), using: &rng))
            }
            nights[0].append(Self.staysFile("st.\(kinds.randomElement(using: &rng)!)", rows: Int.random(in: 1...6, using: &rng), using: &rng))
            let stores = try [true, false].map { ledger -> (IngestHarness, [[String]]) in
                let h = try IngestHarness()
                try h.baseline()
                try h.file("ngo/contracts/c.csv", """
                    contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln
                    C1,2464011,KRS:0000184388,F1,night_shelter,2024-01-01,2024-12-31,100
                    """)
                var seen: [[String]] = []
                for (n, files) in nights.enumerated() {
                    for f in files { try write(f, into: h) }
                    let store = try Store.open(h.storePath, .readWrite)
                    let (list, _) = try Inbox.discover(h.inbox)
                    let ingestor = Ingestor(store: store, settings: h.settings, runID: "night\(n)")
                    ingestor.usesLedger = ledger
                    _ = try ingestor.ingest(list)
                    if ledger { used.formUnion(ingestor.ledgerTables) } else { XCTAssertEqual(ingestor.ledgerTables, []) }
                    seen.append(try decisions(store))
                }
                return (h, seen)
            }
            for n in 0..<2 {
                XCTAssertEqual(stores[0].1[n], stores[1].1[n], "night \(n + 1): the derivation with the ledger differs from the one without it")
            }
            let last = stores[1].1[1]
            repeats += last.filter { $0.contains("|C16|") || $0.contains("|W03|") || $0.hasSuffix(" replaced") }.count
            missing += last.filter { $0.contains("|C11|") }.count
        }
        // The shortcuts were taken, on inboxes that needed them.
        XCTAssertTrue(used.isSuperset(of: ["services", "costs", "stays"]), "\(used.sorted())")
        XCTAssertGreaterThan(repeats, 0)
        XCTAssertGreaterThan(missing, 0)
    }

    /// A file whose rows are undone by a savepoint (a PESEL without a pseudonym key: C15, the
    /// file read again as one reject) leaves row ids the ledger recorded that the next file's
    /// rows take again: the ledger declines, and the next file's repeated key is still found.
    func testRowsUndoneBySavepointMakeTheLedgerDecline() throws {
        let h = try IngestHarness()
        h.key = nil
        try h.baseline()
        try h.file("ngo/services/a.csv", "facility_id,date,service,quantity,person_id\nF1,2024-03-02,bath,1,person02\nF1,2024-03-01,meal,1,44051401359\n")
        try h.file("ngo/services/b.csv", "facility_id,date,service,quantity,person_id\nF1,2024-03-01,meal,1,person01\nF1,2024-03-01,meal,2,person01\n")
        let store = try Store.open(h.storePath, .readWrite)
        let ingestor = Ingestor(store: store, settings: h.settings, runID: "n")
        let reports = try ingestor.ingest(try Inbox.discover(h.inbox).files)
        XCTAssertEqual(reports.first { $0.path == "ngo/services/a.csv" }?.fileCheck, .C15)
        XCTAssertEqual(try h.rejects(store).filter { $0.hasPrefix("ngo/services/b.csv") }, ["ngo/services/b.csv:3::C16"])
        XCTAssertFalse(ingestor.ledgerTables.contains("services"), "\(ingestor.ledgerTables)")
        XCTAssertTrue(ingestor.ledgerTables.contains("persons"), "\(ingestor.ledgerTables)")
    }
}
