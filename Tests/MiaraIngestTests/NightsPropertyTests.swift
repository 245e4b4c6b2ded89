import Foundation
import MiaraIngest
import MiaraStore
import MiaraValues
import XCTest

/// The invariant of the store, as a property: for random splits of a small inbox over nights, in
/// random order, with files sent again and a back-dated as-of on some nights, the store after
/// the last night equals the store of one run over all files with the last as-of — its accepted
/// rows, its rejects and every file's counts. Corrections (`corrections`: files re-sending keys of
/// an earlier file with other values) arrive on the night of the file they correct or later, and
/// sort after it by path, so they win in one run and over the nights alike.
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
    /// Corrections and the index in `files` of the file each corrects: a services row replaced
    /// (the table is appended to, not rebuilt), a services row of an unknown facility (its C11
    /// makes a rebuild), a cost row replaced.
    static let corrections: [(file: (String, String), corrects: Int)] = [
        (("ngo/services/w.csv", "facility_id,date,service,quantity,person_id\nF2,2024-03-05,meal,5,person02\nF9,2024-04-01,meal,2,person01\n"), 7),
        (("ngo/costs/d.csv", "contract_id,month,category,amount_pln,funding\nK1,2024-03,staff,1500,municipal\n"), 8),
    ]
    static let asOfs = ["2024-06-30", "2024-12-31"]

    /// The store's state: accepted rows of every table, rejects and file counts, by path and line.
    func state(_ store: Store) throws -> [String] {
        var out: [String] = []
        for spec in Datasets.all {
            let cols = spec.columns.map { "t.\"\($0.name)\"" }.joined(separator: ", ")
            out += try store.db.query("SELECT f.path, t.line, t.key, s.raw, \(cols) FROM \(spec.table) t JOIN files f ON f.id = t.file_id JOIN staged_\(spec.table) s ON s.row_id = t.row_id ORDER BY 1, 2")
                .map { "\(spec.table) " + $0.map { "\($0)" }.joined(separator: "|") }
        }
        out += try store.db.query("""
            SELECT f.path, r.line, r.unit_id, r.date, a.item, a.score FROM survey_responses r JOIN files f ON f.id = r.file_id
            JOIN survey_answers a ON a.response_id = r.id ORDER BY 1, 2, 5
            """).map { "answer " + $0.map { "\($0)" }.joined(separator: "|") }
        out += try store.db.query("SELECT file, line, dataset, \"column\", check_code, reason, raw FROM rejects ORDER BY 1, 2, 4, 5")
            .map { "reject " + $0.map { "\($0)" }.joined(separator: "|") }
        out += try store.db.query("SELECT path, sha256, rows_read, rows_accepted, rows_rejected, file_check FROM files ORDER BY 1")
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

    func testAnySplitOverNightsEqualsOneRun() throws {
        var rng = SplitMix(seed: 20261201)
        let all = Self.files + Self.corrections.map(\.file)
        let once = try IngestHarness()
        once.questionnaires = ["uzytkownicy": SurveyIngestTests.map]
        let expected = try state(try ingest(once, all, asOf: Self.asOfs[1], run: "once"))
        XCTAssertTrue(expected.contains { $0.hasPrefix("reject ") && $0.contains("C13") })
        XCTAssertTrue(expected.contains { $0.hasPrefix("reject ") && $0.contains("C12") })
        XCTAssertTrue(expected.contains { $0.hasPrefix("reject ") && $0.contains("C16") })

        let cases = 200
        for c in 0..<cases {
            let nights = 1 + Int(rng.next() % 4)
            var plan = [[(String, String)]](repeating: [], count: nights)
            var night = Self.files.map { _ in Int(rng.next() % UInt64(nights)) }
            night += Self.corrections.map { c in max(night[c.corrects], Int(rng.next() % UInt64(nights))) }
            for (f, n) in zip(all, night) { plan[n].append(f) }
            var sent: [(String, String)] = []
            let h = try IngestHarness()
            h.questionnaires = ["uzytkownicy": SurveyIngestTests.map]
            var store: Store? = nil
            var story: [String] = []
            for (n, night) in plan.enumerated() {
                var files = night
                // Files sent again (same bytes): skipped.
                for f in sent where rng.next() % 3 == 0 { files.append(f) }
                let asOf = n == nights - 1 ? Self.asOfs[1] : Self.asOfs[Int(rng.next() % 2)]
                store = try ingest(h, files, asOf: asOf, run: "n\(n)")
                sent += night
                story.append("\(asOf): " + files.map(\.0).joined(separator: " "))
            }
            let got = try state(store!)
            if got != expected {
                XCTFail("case \(c) differs from one run; nights:\n" + story.joined(separator: "\n")
                        + "\nmissing: \(Set(expected).subtracting(got).sorted())\nextra: \(Set(got).subtracting(expected).sorted())")
                return
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
