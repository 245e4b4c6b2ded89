import Foundation
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// The data-quality counts kept per segment (`QualitySegments`): counted whole, they equal plain
/// SQL over the store (grouped joins); kept from night to night, they equal a count from scratch.
final class QualitySegmentsTests: XCTestCase {
    /// The timeliness counts equal the plain join of every row to its file and facility, grouped
    /// by municipality and days, then bucketed (files read on different nights, a facility id
    /// with two accepted rows, an unknown facility, month dates, a date SQLite cannot read, a
    /// facility without teryt).
    func testTimelinessEqualsTheGroupedJoin() throws {
        let fx = try FixtureStore()
        try fx.provider("KRS:0000000001", name: "Przystań")
        try fx.facility("F1", provider: "KRS:0000000001", teryt: "2464011", type: "night_shelter")
        try fx.facility("F2", provider: "KRS:0000000001", teryt: "1261011", type: "shelter")
        try fx.facility("F2", provider: "KRS:0000000001", teryt: "0202011", type: "shelter")
        try fx.insert(Datasets.named("ngo/facilities")!, ["facility_id": .text("F3"), "provider_id": .text("KRS:0000000001")])
        for (f, date) in [("F1", "2026-11-20"), ("F1", "2026-11-20"), ("F1", "2026-11-02"), ("F2", "2026-11-29"), ("F2", "2026-11"),
                          ("F9", "2026-11-20"), ("F3", "2026-11-25"), ("F1", "2026-99-99"), ("F2", "2026-12-03")] {
            try fx.service(facility: f, date: date, service: "night", quantity: 1)
        }
        let db = fx.db.writer
        // A second file of services, read by a recorded run on another night.
        try db.execute("""
            INSERT INTO files (path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
            VALUES ('fixture/services2.csv', 'x2', 'ngo/services', 'csv', 'utf-8', 0, '2026-11-22T01:00:00Z', 'night2')
            """)
        let second = db.lastInsertRowID
        try RunLog.begin(db, runID: "night2", command: "run", asOf: "2026-11-22", startedAt: "2026-11-22T01:00:00Z")
        try db.execute("UPDATE staged_services SET file_id = ? WHERE row_id % 2 = 0", [.integer(second)])

        let counts = try QualitySegments.load(db, asOf: "2026-11-30", reuse: nil)
        XCTAssertEqual(counts.timeliness, try Self.joinedTimeliness(db, asOf: "2026-11-30"))
        // By hand (rows alternate between the two files): F1's 2026-11-20 rows are 10 days
        // (read on 2026-11-30) and 2 days (2026-11-22) old, its 2026-11-02 row 28 days,
        // 2026-99-99 no date (11+); F2 (two municipalities) 2026-11-29 and 2026-12-03 lie after
        // their night (0) in each; F3 has no teryt (""): 5 days; F9 is unknown; a month is no event.
        let services = 2
        XCTAssertEqual(counts.timeliness.mapValues { $0[services] }, [
            "2464011": [0, 1, 0, 1, 2], "1261011": [2, 0, 0, 0, 0], "0202011": [2, 0, 0, 0, 0], "": [0, 0, 1, 0, 0],
        ])
    }

    /// Two facilities whose ids Swift finds equal and SQLite does not ("Fó" composed and
    /// decomposed), in two municipalities: each one's services count in its own municipality, as
    /// the join does (numbered by `String ==`, both would count in the first one's).
    func testFacilitiesToldApartByTheirBytes() throws {
        let fx = try FixtureStore()
        try fx.provider("KRS:0000000001", name: "Przystań")
        try fx.facility("F\u{F3}", provider: "KRS:0000000001", teryt: "2464011", type: "night_shelter")
        try fx.facility("Fo\u{301}", provider: "KRS:0000000001", teryt: "1261011", type: "shelter")
        for (f, date) in [("F\u{F3}", "2026-11-29"), ("Fo\u{301}", "2026-11-20"), ("Fo\u{301}", "2026-11-21")] {
            try fx.service(facility: f, date: date, service: "night", quantity: 1)
        }
        let counts = try QualitySegments.load(fx.db.writer, asOf: "2026-11-30", reuse: nil)
        XCTAssertEqual(counts.timeliness, try Self.joinedTimeliness(fx.db.writer, asOf: "2026-11-30"))
        XCTAssertEqual(counts.timeliness.mapValues { $0[2] }, ["2464011": [0, 1, 0, 0, 0], "1261011": [0, 0, 0, 2, 0]])
    }

    /// Property: over random sequences of nights — new files of several datasets, rows whose held
    /// state flips (a re-sent file replacing rows), a facility moved to another municipality, runs
    /// with their own as-of and files no recorded run read (their night is the report's as-of,
    /// which changes) — the counts kept from night to night (the stored segments whose
    /// fingerprint and nights are current, the others counted again, then stored) equal a count
    /// from scratch, which equals plain SQL over the store.
    func testCountsKeptOverRandomNightsEqualACountFromScratch() throws {
        var rng = PropertySeed.generator("QualitySegmentsTests.testCountsKeptOverRandomNightsEqualACountFromScratch")
        let seed = rng.seed
        var reusedTotal = 0, freshTotal = 0
        for sequence in 0..<12 {
            let world = try RandomWorld()
            let nights = Int.random(in: 3...7, using: &rng)
            for night in 0..<nights {
                try world.night(night, &rng)
                let asOf = world.asOf
                let db = world.db.writer
                let reuse = QualitySegments.Reuse(settings: "test", digests: try MeasureInputDigests.read(db))
                let kept = try QualitySegments.load(db, asOf: asOf, reuse: reuse)
                try QualitySegments.save(db, fresh: kept.fresh, keep: kept.current)
                let scratch = try QualitySegments.load(db, asOf: asOf, reuse: nil)
                let context = "sequence \(sequence) night \(night); replay with MIARA_SEED=\(seed)"
                XCTAssertEqual(kept.empty, scratch.empty, context)
                XCTAssertEqual(kept.owners, scratch.owners, context)
                XCTAssertEqual(kept.timeliness, scratch.timeliness, context)
                XCTAssertEqual(Self.withOptionalColumns(scratch.empty), try Self.groupedEmpties(db), context)
                XCTAssertEqual(scratch.owners, try Self.joinedOwners(db), context)
                XCTAssertEqual(scratch.timeliness, try Self.joinedTimeliness(db, asOf: asOf), context)
                reusedTotal += kept.reused.count
                freshTotal += kept.fresh.count
            }
        }
        // The sequences did take segments from the store, and count some again.
        XCTAssertGreaterThan(reusedTotal, 0, "MIARA_SEED=\(seed)")
        XCTAssertGreaterThan(freshTotal, 0, "MIARA_SEED=\(seed)")
    }

    /// A night with one new services file of one month counts that month of services again and
    /// nothing else; a new persons file counts persons and programmes (whose persons name their
    /// municipality); a facility moved counts the facilities and every segment whose rows are
    /// placed by their facility.
    func testANightCountsAgainOnlyTheSegmentsItsFilesChanged() throws {
        let world = try RandomWorld()
        var rng = SplitMix(seed: 7)
        try world.night(0, &rng)
        for month in ["2026-08", "2026-09", "2026-10"] {
            let f = try world.newFile(Datasets.services)
            for d in 1...3 { try world.stage(Datasets.services, file: f, world.serviceRow(facility: "F1", date: "\(month)-1\(d)")) }
        }
        func night() throws -> QualitySegments.Loaded {
            let db = world.db.writer
            let kept = try QualitySegments.load(db, asOf: world.asOf,
                                                reuse: .init(settings: "test", digests: try MeasureInputDigests.read(db)))
            try QualitySegments.save(db, fresh: kept.fresh, keep: kept.current)
            return kept
        }
        let first = try night()
        XCTAssertEqual(first.reused, [])
        XCTAssertEqual(try night().fresh.map(\.key), [], "nothing new: every segment taken from the store")

        let f = try world.newFile(Datasets.services)
        try world.stage(Datasets.services, file: f, world.serviceRow(facility: "F2", date: "2026-10-31"))
        let day = try night()
        XCTAssertEqual(day.fresh.map { "\($0.key.table) \($0.key.segment)" }, ["services 2026-10"])
        XCTAssertEqual(day.reused.count, first.current.count - 1)

        let p = try world.newFile(Datasets.persons)
        try world.stage(Datasets.persons, file: p, ["person_id": .text("P9"), "teryt": .text("2464011")])
        XCTAssertEqual(try night().fresh.map { "\($0.key.table) \($0.key.segment)" }, ["persons ", "programmes "])

        try world.moveFacility("F1", to: "1261011")
        let moved = try night()
        let placed = moved.current.filter { ["stays", "services", "audits", "facilities", "providers"].contains($0.table) }
        XCTAssertEqual(Set(moved.fresh.map(\.key)), placed)
    }

    /// The counts' stored text reads back as the same counts (a file with no optional column, a
    /// municipality without TERYT), and counts whose TERYT holds a separator are not stored.
    func testCountsTextReadsBackTheSameCounts() throws {
        var c = QualitySegments.Counts()
        c.empty = [3: [0, 2], 4: []]
        c.owners = [3: ["2464011", "0202011"]]
        c.timeliness = [2: ["": [0, 0, 1, 0, 0], "2464011": [5, 0, 0, 0, 7]]]
        c.nights = [3: "2026-10-31"]
        let text = try XCTUnwrap(c.text)
        XCTAssertEqual(QualitySegments.Counts(text: text), c)
        XCTAssertEqual(QualitySegments.Counts(text: []), QualitySegments.Counts())
        c.owners[5] = ["24\u{1F}64011"]
        XCTAssertNil(c.text)
    }

    // MARK: Plain SQL over the store (what the counts must equal)

    static func withOptionalColumns(_ empty: [String: [Int: [Int]]]) -> [String: [Int: [Int]]] {
        empty.filter { t, _ in Datasets.all.contains { $0.table == t && $0.columns.contains { !$0.required } } }
    }

    /// Per table with optional columns, per file: its accepted rows with each optional column NULL.
    static func groupedEmpties(_ db: StoreReader) throws -> [String: [Int: [Int]]] {
        var out: [String: [Int: [Int]]] = [:]
        for spec in Datasets.all {
            let optional = spec.columns.filter { !$0.required }.map(\.name)
            guard !optional.isEmpty else { continue }
            let sums = optional.map { "sum(\"\($0)\" IS NULL)" }.joined(separator: ", ")
            try db.forEach("SELECT file_id, \(sums) FROM \(spec.table) GROUP BY file_id") { st in
                out[spec.table, default: [:]][st.int(0)] = optional.indices.map { st.int(1 + $0) }
            }
        }
        return out
    }

    /// Per file, the municipalities its accepted rows name (the rows' own teryt, or joined to
    /// their facility, contract, person or provider).
    static func joinedOwners(_ db: StoreReader) throws -> [Int: Set<String>] {
        let queries = [
            "SELECT DISTINCT file_id, teryt FROM municipalities", "SELECT DISTINCT file_id, teryt FROM persons",
            "SELECT DISTINCT file_id, teryt FROM facilities", "SELECT DISTINCT file_id, teryt FROM contracts",
            "SELECT DISTINCT file_id, teryt FROM benefits", "SELECT DISTINCT file_id, teryt FROM staff",
            "SELECT DISTINCT x.file_id, f.teryt FROM stays x JOIN facilities f USING (facility_id)",
            "SELECT DISTINCT x.file_id, f.teryt FROM services x JOIN facilities f USING (facility_id)",
            "SELECT DISTINCT x.file_id, f.teryt FROM audits x JOIN facilities f USING (facility_id)",
            "SELECT DISTINCT x.file_id, c.teryt FROM costs x JOIN contracts c USING (contract_id)",
            "SELECT DISTINCT x.file_id, p.teryt FROM programmes x JOIN persons p USING (person_id)",
            "SELECT DISTINCT p.file_id, f.teryt FROM providers p JOIN facilities f USING (provider_id)",
            "SELECT DISTINCT p.file_id, c.teryt FROM providers p JOIN contracts c USING (provider_id)",
        ]
        var out: [Int: Set<String>] = [:]
        for q in queries {
            try db.forEach(q) { st in if let t = st.string(1) { out[st.int(0), default: []].insert(t) } }
        }
        return out
    }

    /// Per municipality of the row's facility ("" for none), per event, the rows per bucket of the
    /// days from the event to the night its file was read (the run's as-of, else `asOf`).
    static func joinedTimeliness(_ db: StoreReader, asOf: String) throws -> [String: [[Int]]] {
        var out: [String: [[Int]]] = [:]
        for (e, event) in QualitySegments.events.enumerated() {
            let table = Datasets.named(event.dataset)!.table
            try db.forEach("""
                SELECT coalesce(fa.teryt, ''),
                       julianday(coalesce((SELECT r.as_of FROM runs r WHERE r.run_id = fl.run_id), ?1)) - julianday(t."\(event.column)") AS d,
                       count(*)
                FROM \(table) t JOIN files fl ON fl.id = t.file_id JOIN facilities fa ON fa.facility_id = t.facility_id
                WHERE length(t."\(event.column)") = 10 GROUP BY 1, 2
                """, [.text(asOf)]) { st in
                let teryt = st.string(0) ?? ""
                var rows = out[teryt] ?? Array(repeating: [0, 0, 0, 0, 0], count: QualitySegments.events.count)
                rows[e][QualitySegments.bucket(days: st.double(1))] += st.int(2)
                out[teryt] = rows
            }
        }
        return out
    }
}

/// A small store that random nights change the way ingestion would: new files (a run's, or
/// read by no recorded run), staged rows whose held state flips, a facility moved (a new row in
/// a new file, the old one held back as replaced), as-of dates that change.
final class RandomWorld {
    let fx: FixtureStore
    var db: SQLiteDatabase { fx.db }
    /// The report's as-of date of the current night.
    private(set) var asOf = "2026-10-31"
    private var run: String?
    private var files = 0
    private var line = 1
    static let teryts = ["0202011", "1261011", "2464011"]

    init() throws {
        fx = try FixtureStore()
        for t in Self.teryts { try fx.municipality(t) }
        try fx.provider("KRS:0000000001")
        let f = try newFile(Datasets.facilities)
        for (i, id) in ["F1", "F2", "F3", "F4"].enumerated() {
            try stage(Datasets.facilities, file: f, ["facility_id": .text(id), "provider_id": .text("KRS:0000000001"),
                                                     "teryt": .text(Self.teryts[i % 3]), "type": .text("shelter")])
        }
        let c = try newFile(Datasets.contracts)
        for (i, id) in ["C1", "C2"].enumerated() {
            try stage(Datasets.contracts, file: c, ["contract_id": .text(id), "teryt": .text(Self.teryts[i]),
                                                    "provider_id": .text("KRS:0000000001"), "service": .text("shelter")])
        }
    }

    /// A `files` row of `dataset`, read by the night's run (or by none).
    func newFile(_ dataset: DatasetSpec) throws -> Int64 {
        files += 1
        try db.execute("""
            INSERT INTO files (path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
            VALUES (?1, ?2, ?3, 'csv', 'utf-8', 0, '2026-11-01T00:00:00Z', ?4)
            """, [.text("random/\(dataset.table)-\(files).csv"), .text("sha-\(files)"), .text(dataset.name), .text(run ?? "no-run")])
        return db.lastInsertRowID
    }

    /// One accepted staged row of `file`.
    func stage(_ dataset: DatasetSpec, file: Int64, _ values: [String: SQLValue]) throws {
        line += 1
        let ordered = dataset.columns.map { values[$0.name] ?? .null }
        let (names, marks) = Schema.insertTerms(table: dataset.table, given: ["file_id", "line", "raw"] + dataset.columns.map(\.name))
        try db.execute("INSERT INTO staged_\(dataset.table) (\(names.joined(separator: ", "))) VALUES (\(marks.joined(separator: ", ")))",
                       [.integer(file), .integer(Int64(line)), .text("")] + ordered)
    }

    func serviceRow(facility: String, date: String, person: String? = nil) -> [String: SQLValue] {
        ["facility_id": .text(facility), "date": .text(date), "service": .text("night"), "quantity": .integer(1),
         "person_id": person.map { .text($0) } ?? .null]
    }

    /// A new facilities file placing `id` in `teryt`; its earlier rows are held back as replaced.
    func moveFacility(_ id: String, to teryt: String) throws {
        try db.execute("UPDATE staged_facilities SET held = 'replaced' WHERE facility_id = ?1 AND held IS NULL", [.text(id)])
        let f = try newFile(Datasets.facilities)
        try stage(Datasets.facilities, file: f, ["facility_id": .text(id), "provider_id": .text("KRS:0000000001"),
                                                 "teryt": .text(teryt), "type": .text("shelter")])
    }

    /// One night: its as-of and run (or none), then one to three changes.
    func night(_ n: Int, _ rng: inout SplitMix) throws {
        asOf = ["2026-10-31", "2026-11-02", "2026-11-15"].randomElement(using: &rng)!
        if Bool.random(using: &rng) {
            run = "night-\(n)-\(files)"
            try RunLog.begin(db.writer, runID: run!, command: "run", asOf: ["2026-10-30", "2026-11-01"].randomElement(using: &rng)!,
                             startedAt: "2026-11-01T01:00:00Z")
        } else {
            run = nil
        }
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0, 1, 2: try newRows(&rng)
            case 3, 4: try flipHeld(&rng)
            case 5: try moveFacility(["F1", "F2", "F3", "F4"].randomElement(using: &rng)!, to: Self.teryts.randomElement(using: &rng)!)
            default: try newRows(&rng)
            }
        }
    }

    private func day(_ rng: inout SplitMix) -> String {
        let month = ["2026-08", "2026-09", "2026-10"].randomElement(using: &rng)!
        return month + "-" + String(format: "%02d", Int.random(in: 1...28, using: &rng))
    }

    /// A new file of a random dataset with one to six rows.
    private func newRows(_ rng: inout SplitMix) throws {
        let facilities = ["F1", "F2", "F3", "F4", "F9"], persons = ["P1", "P2", "P3"]
        let dataset = [Datasets.services, Datasets.services, Datasets.stays, Datasets.audits, Datasets.programmes, Datasets.persons,
                       Datasets.costs].randomElement(using: &rng)!
        let f = try newFile(dataset)
        for i in 0..<Int.random(in: 1...6, using: &rng) {
            let facility = facilities.randomElement(using: &rng)!, person = persons.randomElement(using: &rng)!
            let values: [String: SQLValue]
            switch dataset.table {
            case "services":
                let date = Int.random(in: 0..<5, using: &rng) == 0 ? "2026-09" : day(&rng)
                values = serviceRow(facility: facility, date: date, person: Bool.random(using: &rng) ? person : nil)
            case "stays":
                values = ["stay_id": .text("S\(files)-\(i)"), "person_id": .text(person), "facility_id": .text(facility),
                          "admitted": .text(day(&rng)), "discharged": Bool.random(using: &rng) ? .text(day(&rng)) : .null]
            case "audits":
                values = ["facility_id": .text(facility), "date": .text(day(&rng)), "criterion": .text("K\(i)"), "result": .text("ok")]
            case "programmes":
                values = ["programme_id": .text("G\(files)-\(i)"), "person_id": .text(person), "kind": .text("ipwzb"), "start": .text(day(&rng))]
            case "persons":
                values = ["person_id": .text(person), "teryt": .text(Self.teryts.randomElement(using: &rng)!), "sex": .text("m")]
            default:
                values = ["contract_id": .text(["C1", "C2", "C9"].randomElement(using: &rng)!), "month": .text(String(day(&rng).prefix(7))),
                          "category": .text("staff"), "amount_pln": .real(10)]
            }
            try stage(dataset, file: f, values)
        }
    }

    /// Flips the held state of one to three staged rows of a random dataset (a re-sent file
    /// replacing rows, or a pending row accepted).
    private func flipHeld(_ rng: inout SplitMix) throws {
        let table = ["services", "stays", "audits", "persons", "programmes", "costs"].randomElement(using: &rng)!
        let ids = try db.query("SELECT row_id FROM staged_\(table)").compactMap { $0[0].int }
        guard !ids.isEmpty else { return }
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            try db.execute("UPDATE staged_\(table) SET held = CASE WHEN held IS NULL THEN 'replaced' END WHERE row_id = ?1",
                           [.integer(Int64(ids.randomElement(using: &rng)!))])
        }
    }
}
