import Foundation
import MiaraIngest
@testable import MiaraStore
@testable import MiaraTestSupport
import MiaraValues
import XCTest

/// The invariant of SPEC 2 as a property: for random splits of a small inbox over nights, in
/// random order, with files sent again, a back-dated as-of on some nights, corrections sent
/// before and after the file they correct and paths sent again with new bytes, the store after
/// the last night equals the store of one run from scratch with the last as-of — its accepted
/// rows, its rejects and every file's counts — and (through the binary, on fewer cases) so do
/// measures.csv, benchmark.csv, coverage.csv, rejects.csv, warnings.csv and every workbook, byte
/// for byte.
///
/// "One run from scratch": files sharing keys arrive in path order (SPEC 2), so a correction
/// that sorts after the file it corrects arrives on its night or later and wins, and one that
/// sorts before it arrives on its night or earlier and loses. A path sent again with new bytes is
/// a later file of its own: it replaces the rows of its keys, the earlier version's other rows and
/// its line in `files` stay. One run cannot hold two versions of one path, so where paths were sent
/// again the reference reads their first versions in a run before the one run over everything
/// else (both with the last as-of).
///
/// Each run draws a fresh seed and prints it; `MIARA_SEED=<seed>` replays a failure.
/// `MIARA_NIGHTS_CASES` and `MIARA_NIGHTS_PIPELINE_CASES` change the number of cases.
final class NightsPropertyTests: XCTestCase {
    /// Every rule the nights can change: references across files (C11, also a cascade through
    /// persons and facilities), a facility without beds (C12), overlapping stays (C13), rows
    /// after a back-dated as-of (C10, also of a key repeated in its file: C16), surveys.
    static let files: [(String, String)] = [
        ("mops/municipalities/m.csv", "teryt,name,year,population,county,kind\n2464011,Częstochowa,2024,214342,,urban\n2264011,Sopot,2024,34000,,urban\n"),
        ("ngo/providers/p.csv", "provider_id,name,legal_form\nKRS:0000184388,Fundacja A,foundation\n"),
        ("mops/persons/p1.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson01,m,1970,2464011,2024-01-10,2\nperson02,K,1980,2464011,2024-02-01,3\n"),
        ("mops/persons/p2.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\nperson03,m,1975,2264011,2024-08-10,2\nperson04,K,1985,9999999,2024-02-01,3\n"),
        ("ngo/facilities/f.csv", "facility_id,provider_id,teryt,type,places,floor_area_m2,opened\nF1,KRS:0000184388,2464011,night_shelter,20,60,2020-01-01\nF2,KRS:0000184388,2464011,soup_kitchen,,,2020-01-01\nF3,KRS:0000184388,2264011,shelter,10,50,2024-09-01\n"),
        ("ngo/stays/s1.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS1,person01,F1,2024-01-05,2024-01-20,rented\nS2,person01,F1,2024-01-15,2024-01-25,rented\nS3,person02,F2,2024-02-03,,\n"),
        ("ngo/stays/s2.csv", "stay_id,person_id,facility_id,admitted,discharged,destination\nS4,person03,F3,2024-09-02,,\nS5,person04,F1,2024-03-01,,\nS6,person02,F1,2024-10-01,2024-10-03,street\nS6,person02,F1,2024-05-01,2024-05-03,street\n"),
        ("ngo/services/v.csv", "facility_id,date,service,quantity,person_id\nF1,2024-01-06,bed_night,1,person01\nF2,2024-03-05,meal,2,person02\nF3,2024-09-05,meal,3,person03\nF2,2024-11,meal,40,\nF9,2024-04-01,meal,1,person01\n"),
        ("ngo/costs/c.csv", "contract_id,month,category,amount_pln,funding\nK1,2024-03,staff,1000,municipal\nK1,2024-08,food,200,own\n"),
        ("ngo/contracts/k.csv", "contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln\nK1,2464011,KRS:0000184388,F1,night_shelter,2024-01-01,2025-12-31,18000\n"),
        ("surveys/uzytkownicy/a.csv", "Placówka;Data wypełnienia;Personel traktuje mnie z szacunkiem;Czuję się tu niebezpiecznie\nF3;2024-09-10;4;2\nF1;2024-05-01;5;1\n"),
    ]
    /// Corrections that sort after the file they correct (they arrive on its night or later and
    /// win): a services row replaced (the table is appended to, not rebuilt), a services row of an
    /// unknown facility (its C11 makes a rebuild), a cost row replaced.
    static let correctionsAfter: [(file: (String, String), corrects: Int)] = [
        (("ngo/services/w.csv", "facility_id,date,service,quantity,person_id\nF2,2024-03-05,meal,5,person02\nF9,2024-04-01,meal,2,person01\n"), 7),
        (("ngo/costs/d.csv", "contract_id,month,category,amount_pln,funding\nK1,2024-03,staff,1500,municipal\n"), 8),
    ]
    /// Corrections that sort before the file they correct (they arrive on its night or earlier and
    /// lose to it): a services row and a cost row the later file sends again with its own values.
    static let correctionsBefore: [(file: (String, String), corrects: Int)] = [
        (("ngo/services/u.csv", "facility_id,date,service,quantity,person_id\nF3,2024-09-05,meal,7,person03\nF1,2024-02-01,meal,1,person01\n"), 7),
        (("ngo/costs/a.csv", "contract_id,month,category,amount_pln,funding\nK1,2024-08,food,999,own\nK1,2024-09,food,50,own\n"), 8),
    ]
    /// Paths that may be sent again with new bytes (files sharing no key with another file): the
    /// index in `files` and the second version — values changed, a row left out, a row added.
    static let newVersions: [(index: Int, text: String)] = [
        (3, "person_id,sex,birth_year,teryt,first_seen,ethos\nperson04,K,1985,2464011,2024-02-01,3\nperson05,m,1990,2264011,2024-09-01,1\n"),
        (4, "facility_id,provider_id,teryt,type,places,floor_area_m2,opened\nF1,KRS:0000184388,2464011,night_shelter,25,60,2020-01-01\nF3,KRS:0000184388,2264011,shelter,,50,2024-09-01\n"),
        (5, "stay_id,person_id,facility_id,admitted,discharged,destination\nS2,person01,F1,2024-01-21,2024-01-25,own_flat\nS3,person02,F2,2024-02-03,2024-02-10,street\nS7,person05,F3,2024-09-03,,\n"),
    ]
    static let asOfs = ["2024-06-30", "2024-12-31"]

    /// One case: the files sent on each night (by path; the text is what is sent) and its as-of.
    struct Plan {
        var nights: [[(String, String)]]
        var asOfs: [String]
        /// The paths sent again with new bytes: reference's first run reads their first versions.
        var firstVersions: [(String, String)]
        /// Every file as the inbox holds it at the end (the latest version of each path).
        var final: [(String, String)]
        var story: String {
            zip(asOfs, nights).enumerated().map { "night \($0.offset + 1) as of \($0.element.0): " + $0.element.1.map(\.0).joined(separator: " ") }
                .joined(separator: "\n")
        }
    }

    /// A random case drawn from `rng`.
    static func plan(_ rng: inout SplitMix) -> Plan {
        let count = 1 + Int(rng.next() % 5)
        func night(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
        var sends: [(night: Int, file: (String, String))] = []
        // The earlier of two draws: most files come early, so later nights often bring only
        // corrections and new versions, and their rows are appended rather than rebuilt.
        let base = files.map { _ in min(night(0...count - 1), night(0...count - 1)) }
        var firstVersions: [(String, String)] = []
        var final = files
        for (i, f) in files.enumerated() {
            sends.append((base[i], f))
            // Sent again with new bytes on a later night, half the time there is one.
            if let v = newVersions.first(where: { $0.index == i }), base[i] < count - 1, rng.next() % 2 == 0 {
                sends.append((night(base[i] + 1...count - 1), (f.0, v.text)))
                firstVersions.append(f)
                final[i] = (f.0, v.text)
            }
        }
        for c in correctionsAfter { sends.append((night(base[c.corrects]...count - 1), c.file)); final.append(c.file) }
        for c in correctionsBefore { sends.append((night(0...base[c.corrects]), c.file)); final.append(c.file) }
        var nights = [[(String, String)]](repeating: [], count: count)
        var asOfs: [String] = []
        var sent: [(String, String)] = []
        for n in 0..<count {
            var tonight = sends.filter { $0.night == n }.map(\.file)
            // Files sent again with the same bytes (skipped), unless their path holds newer bytes.
            for f in sent where rng.next() % 3 == 0 && !tonight.contains(where: { $0.0 == f.0 })
                && final.contains(where: { $0 == f }) {
                tonight.append(f)
            }
            nights[n] = tonight
            sent += tonight
            // A back-dated as-of on a quarter of the nights: a changed as-of rebuilds most tables,
            // so most nights keep it and new rows are appended to the tables (Derivation.append).
            asOfs.append(n == count - 1 || rng.next() % 4 != 0 ? Self.asOfs[1] : Self.asOfs[0])
        }
        return Plan(nights: nights, asOfs: asOfs, firstVersions: firstVersions, final: final)
    }

    /// The number of cases: the environment's, else `fallback`.
    static func cases(_ variable: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap(Int.init) ?? fallback
    }

    // MARK: The store, in process

    /// The store's state: accepted rows of every table, rejects and file counts, by path and line.
    func state(_ store: Store) throws -> [String] {
        var out: [String] = []
        for spec in Datasets.all {
            let cols = spec.columns.map { "t.\"\($0.name)\"" }.joined(separator: ", ")
            out += try store.db.query("SELECT f.path, f.sha256, t.line, t.key, s.raw, \(cols) FROM \(spec.table) t JOIN files f ON f.id = t.file_id JOIN staged_\(spec.table) s ON s.row_id = t.row_id ORDER BY 1, 2, 3")
                .map { "\(spec.table) " + $0.map { "\($0)" }.joined(separator: "|") }
        }
        out += try store.db.query("""
            SELECT f.path, r.line, r.unit_id, r.date, a.item, a.score FROM survey_responses r JOIN files f ON f.id = r.file_id
            JOIN survey_answers a ON a.response_id = r.id ORDER BY 1, 2, 5
            """).map { "answer " + $0.map { "\($0)" }.joined(separator: "|") }
        out += try store.db.query("SELECT file, line, dataset, \"column\", check_code, reason, raw FROM rejects ORDER BY 1, 2, 4, 5, 7")
            .map { "reject " + $0.map { "\($0)" }.joined(separator: "|") }
        out += try store.db.query("SELECT path, sha256, rows_read, rows_accepted, rows_rejected, file_check FROM files ORDER BY 1, 2")
            .map { "file " + $0.map { "\($0)" }.joined(separator: "|") }
        return out
    }

    func ingest(_ h: IngestHarness, _ files: [(String, String)], asOf: String, run: String) throws -> Store {
        try? FileManager.default.removeItem(at: h.inbox)
        try FileManager.default.createDirectory(at: h.inbox, withIntermediateDirectories: true)
        for (p, t) in files { try h.file(p, t) }
        h.asOf = Day(iso: asOf)!
        return try h.ingest(runID: run).0
    }

    /// The reference store of a plan: one run from scratch (after a run of the first versions of
    /// paths sent again), with the last as-of.
    func referenceState(_ p: Plan) throws -> [String] {
        let h = try IngestHarness()
        h.questionnaires = ["uzytkownicy": SurveyIngestTests.map]
        if !p.firstVersions.isEmpty { _ = try ingest(h, p.firstVersions, asOf: Self.asOfs[1], run: "first-versions") }
        return try state(try ingest(h, p.final, asOf: Self.asOfs[1], run: "once"))
    }

    func testAnySplitOverNightsEqualsOneRun() throws {
        var rng = PropertySeed.generator("NightsPropertyTests.testAnySplitOverNightsEqualsOneRun")
        let cases = Self.cases("MIARA_NIGHTS_CASES", 25)
        // The fixture exercises what it claims to: the one run has these rejects.
        let plain = try referenceState(Plan(nights: [], asOfs: [], firstVersions: [],
                                            final: Self.files + Self.correctionsAfter.map(\.file) + Self.correctionsBefore.map(\.file)))
        for code in ["C11", "C12", "C13", "C16"] {
            XCTAssertTrue(plain.contains { $0.hasPrefix("reject ") && $0.contains(code) }, code)
        }
        var references: [String: [String]] = [:]
        var resent = 0, before = 0, digestsTaken = 0, digestsAdvanced = 0
        for c in 0..<cases {
            let plan = Self.plan(&rng)
            let key = plan.firstVersions.map(\.0).joined(separator: ",")
            if references[key] == nil { references[key] = try referenceState(plan) }
            let h = try IngestHarness()
            h.questionnaires = ["uzytkownicy": SurveyIngestTests.map]
            var store: Store?
            var generations: [String: Int] = [:]
            for (n, files) in plan.nights.enumerated() {
                let s = try ingest(h, files, asOf: plan.asOfs[n], run: "n\(n)")
                store = s
                // The measures' input digests a night takes from the store (datasets not derived
                // since they were read) are those of the rows.
                let kept = try MeasureInputDigests.read(s.db), read = try MeasureInputDigests.read(s.db, stored: false)
                if kept != read {
                    XCTFail("case \(c) night \(n): stored input digests differ from the rows'; replay with MIARA_SEED=\(rng.seed)\n" + plan.story)
                    return
                }
                let now = try StoredInputDigests.read(s.db).generations
                digestsTaken += now.keys.filter { kept.readNow[$0] == nil }.count
                // A dated dataset derived again by an append, whose digests the derivation brought
                // up to date (`StoredInputDigests.advance`): none of its months is read here.
                digestsAdvanced += MeasureInputDigests.monthColumns.map(\.table).filter { t in
                    (now[t] ?? 0) > (generations[t] ?? Int.max) && kept.readNow[t] == nil
                }.count
                generations = now
                try s.write { try kept.save($0) }
            }
            let got = try state(store!), expected = references[key]!
            resent += plan.firstVersions.isEmpty ? 0 : 1
            before += Self.correctionsBefore.contains { cb in
                let sentOn = plan.nights.firstIndex { $0.contains { $0.0 == cb.file.0 } }!
                let originalOn = plan.nights.firstIndex { $0.contains { $0.0 == Self.files[cb.corrects].0 } }!
                return sentOn < originalOn
            } ? 1 : 0
            if got != expected {
                XCTFail("case \(c) differs from one run; replay with MIARA_SEED=\(rng.seed)\n" + plan.story
                        + "\nmissing: \(Set(expected).subtracting(got).sorted())\nextra: \(Set(got).subtracting(expected).sorted())")
                return
            }
        }
        print("NightsPropertyTests: \(cases) cases (seed \(rng.seed)): \(resent) with a path sent again with new bytes, "
              + "\(before) with a correction sent a night before the file it corrects, "
              + "\(digestsTaken) datasets' input digests taken from the store, "
              + "\(digestsAdvanced) of them brought up to date by an append")
        XCTAssertGreaterThan(digestsTaken, 0, "the nights take stored digests")
        XCTAssertGreaterThan(digestsAdvanced, 0, "appends bring the stored digests up to date")
    }

    // MARK: Every output, through the binary

    /// A workspace for `miara`: surveys map, key, pipeline file (as-of rewritten per night).
    final class Workspace {
        let root: URL
        var inbox: URL { root.appendingPathComponent("inbox") }
        var latest: URL { root.appendingPathComponent("out/latest") }
        var store: URL { root.appendingPathComponent("miara.sqlite") }

        init(_ name: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("miara-nights-\(name)-\(UUID().uuidString)")
            let maps = root.appendingPathComponent("surveys")
            try FileManager.default.createDirectory(at: maps, withIntermediateDirectories: true)
            try """
                name: uzytkownicy
                group: users
                unit: { column: "Placówka", kind: facility }
                answers: { "Zdecydowanie się nie zgadzam": 1, "Raczej się nie zgadzam": 2, "Ani tak, ani nie": 3, "Raczej się zgadzam": 4, "Zdecydowanie się zgadzam": 5, "Trudno powiedzieć": null }
                items:
                  - { column: "Personel traktuje mnie z szacunkiem", code: U01, dimension: staff }
                  - { column: "Czuję się tu niebezpiecznie", code: U05, dimension: safety, reverse: true }
                date_column: "Data wypełnienia"
                """.write(to: maps.appendingPathComponent("uzytkownicy.yaml"), atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: root.appendingPathComponent("key").path,
                                               contents: Data("a-test-key-of-some-length\n".utf8), attributes: [.posixPermissions: 0o600])
        }
        deinit { try? FileManager.default.removeItem(at: root) }

        /// Sends `files` (the inbox holds only them) and runs `command` with `asOf`.
        func night(_ command: String, _ files: [(String, String)], asOf: String) throws -> Subprocess.Result {
            try? FileManager.default.removeItem(at: inbox)
            for (p, t) in files {
                let url = inbox.appendingPathComponent(p)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(t.utf8).write(to: url)
            }
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            try """
                inbox: inbox
                store: miara.sqlite
                outputs: out
                as_of: \(asOf)
                periods: [2024, 2024H2]
                max_reject_share: 1
                pseudonym_key_file: key
                surveys: surveys
                standard: \(Repository.pipelines.path)/standard.yaml
                measures: \(Repository.pipelines.path)/measures.yaml
                """.write(to: root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
            return try MiaraBinary.run([command, "--pipeline", "p.yaml"], cwd: root)
        }

        /// Every published file of the latest run but the manifest (run id, clock times), by name.
        func outputs() throws -> [String: Data] {
            var out: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: latest.path) where name != "manifest.json" {
                out[name] = try Data(contentsOf: latest.appendingPathComponent(name))
            }
            return out
        }
    }

    func testAnySplitOverNightsGivesTheOutputsOfOneRun() throws {
        var rng = PropertySeed.generator("NightsPropertyTests.testAnySplitOverNightsGivesTheOutputsOfOneRun")
        let cases = Self.cases("MIARA_NIGHTS_PIPELINE_CASES", 4)
        var references: [String: ([String: Data], [String])] = [:]
        for c in 0..<cases {
            let plan = Self.plan(&rng)
            let key = plan.firstVersions.map(\.0).joined(separator: ",")
            if references[key] == nil {
                let once = try Workspace("once")
                if !plan.firstVersions.isEmpty { XCTAssertEqual(try once.night("ingest", plan.firstVersions, asOf: Self.asOfs[1]).status, 0) }
                let r = try once.night("run", plan.final, asOf: Self.asOfs[1])
                XCTAssertEqual(r.status, 0, r.err)
                references[key] = (try once.outputs(), try state(try Store.open(once.store.path, .readWrite)))
            }
            let (expected, expectedState) = references[key]!
            XCTAssertTrue(["measures.csv", "benchmark.csv", "coverage.csv", "rejects.csv"].allSatisfy { expected[$0] != nil }, "\(expected.keys.sorted())")
            XCTAssertGreaterThanOrEqual(expected.keys.filter { $0.hasSuffix(".xlsx") }.count, 4, "\(expected.keys.sorted())")
            let ws = try Workspace("nights")
            for (n, files) in plan.nights.enumerated() {
                let last = n == plan.nights.count - 1
                let r = try ws.night(last ? "run" : "ingest", files, asOf: plan.asOfs[n])
                XCTAssertEqual(r.status, 0, "night \(n + 1): " + r.err)
            }
            let got = try ws.outputs()
            let differing = Set(expected.keys).union(got.keys).filter { expected[$0] != got[$0] }.sorted()
            let gotState = try state(try Store.open(ws.store.path, .readWrite))
            if !differing.isEmpty || gotState != expectedState {
                XCTFail("case \(c) differs from one run in \(differing) (store equal: \(gotState == expectedState)); replay with MIARA_SEED=\(rng.seed)\n"
                        + plan.story)
                return
            }
        }
        print("NightsPropertyTests: \(cases) pipeline cases (seed \(rng.seed)), \(references.count) references")
    }
}
