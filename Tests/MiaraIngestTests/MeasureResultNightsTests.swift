import Foundation
import MiaraStore
import MiaraTestSupport
import XCTest

/// The compute stage's derived state (each measure's rows per period, kept in the store with the
/// fingerprint of their inputs) as a property, through the binary: for random splits of a small
/// inbox over nights (`NightsPropertyTests.plan`: files in random order, corrections before and
/// after the file they correct, a person's file and a stays file sent again with corrected rows,
/// a back-dated as-of on some nights) plus a services file that re-sends one day, a `miara run`
/// every night gives, after the last night, the outputs of one run from scratch byte for byte:
/// every published file but the manifest when all nights share the as-of, the CSVs otherwise (a
/// workbook's Data quality sheet names the as-of of the night each file was read). Across the cases, some nights take results from the
/// store and some recompute (counted from the stored fingerprints: what the property exercises).
///
/// Each run draws a fresh seed and prints it; `MIARA_SEED=<seed>` replays a failure;
/// `MIARA_RESULTS_NIGHTS_CASES` changes the number of cases.
final class MeasureResultNightsTests: XCTestCase {
    /// A day of services sent again (the same rows as `v.csv`'s of 2024-01-06, in a file that sorts
    /// after it and arrives on its night or later, so it replaces them).
    static let resentDay = ("ngo/services/x-resent-day.csv", "facility_id,date,service,quantity,person_id\nF1,2024-01-06,bed_night,1,person01\n")

    /// The stored results' fingerprints after a night.
    static func fingerprints(_ ws: NightsPropertyTests.Workspace) throws -> [MeasureResults.Key: String] {
        try Store.open(ws.store.path, .readWrite).read { try MeasureResults.fingerprints($0) }
    }

    func testAnyNightsOfRunsGiveTheOutputsOfOneRun() throws {
        var rng = PropertySeed.generator("MeasureResultNightsTests.testAnyNightsOfRunsGiveTheOutputsOfOneRun")
        let cases = NightsPropertyTests.cases("MIARA_RESULTS_NIGHTS_CASES", 4)
        var references: [String: [String: Data]] = [:]
        var reused = 0, recomputed = 0, nightsRun = 0, wholeCases = 0
        for c in 0..<cases {
            var plan = NightsPropertyTests.plan(&rng)
            // Half the cases keep one as-of on every night, so that every output is compared.
            if rng.next() % 2 == 0 { plan.asOfs = plan.asOfs.map { _ in NightsPropertyTests.asOfs[1] } }
            // The re-sent day arrives on a random night from the one that brings `v.csv` (it sorts
            // after it: arriving earlier, it would rightly lose to it, with a W03).
            let first = plan.nights.firstIndex { $0.contains { $0.0 == "ngo/services/v.csv" } }!
            plan.nights[first + Int(rng.next() % UInt64(plan.nights.count - first))].append(Self.resentDay)
            plan.final.append(Self.resentDay)
            let key = plan.firstVersions.map(\.0).joined(separator: ",")
            if references[key] == nil {
                let once = try NightsPropertyTests.Workspace("results-once")
                if !plan.firstVersions.isEmpty {
                    XCTAssertEqual(try once.night("ingest", plan.firstVersions, asOf: NightsPropertyTests.asOfs[1]).status, 0)
                }
                let r = try once.night("run", plan.final, asOf: NightsPropertyTests.asOfs[1])
                XCTAssertEqual(r.status, 0, r.err)
                references[key] = try once.outputs()
            }
            let expected = references[key]!
            XCTAssertNotNil(expected["measures.csv"])
            let ws = try NightsPropertyTests.Workspace("results-nights")
            var before: [MeasureResults.Key: String] = [:]
            for (n, files) in plan.nights.enumerated() {
                let r = try ws.night("run", files, asOf: plan.asOfs[n])
                XCTAssertEqual(r.status, 0, "night \(n + 1): " + r.err)
                nightsRun += 1
                // A result whose fingerprint did not change was taken from the store.
                let after = try Self.fingerprints(ws)
                XCTAssertFalse(after.isEmpty, "night \(n + 1) stored no results")
                if n > 0 {
                    for (k, f) in after { if before[k] == f { reused += 1 } else { recomputed += 1 } }
                }
                before = after
            }
            // The Data quality sheet of a workbook names the as-of of the night each file was read
            // (SPEC: never the clock): with a back-dated night, the workbooks rightly differ from one
            // run's; the CSVs never do.
            let sameAsOf = plan.asOfs.allSatisfy { $0 == NightsPropertyTests.asOfs[1] }
            if sameAsOf { wholeCases += 1 }
            let got = try ws.outputs()
            let differing = Set(expected.keys).union(got.keys).filter { sameAsOf || $0.hasSuffix(".csv") }
                .filter { expected[$0] != got[$0] }.sorted()
            if !differing.isEmpty {
                let lines = differing.filter { $0.hasSuffix(".csv") }.map { name -> String in
                    let a = Set(String(decoding: expected[name] ?? Data(), as: UTF8.self).split(separator: "\n"))
                    let b = Set(String(decoding: got[name] ?? Data(), as: UTF8.self).split(separator: "\n"))
                    return "\(name): one run only \(a.subtracting(b).sorted()), nights only \(b.subtracting(a).sorted())"
                }
                XCTFail("case \(c) differs from one run in \(differing); replay with MIARA_SEED=\(rng.seed)\n" + plan.story
                        + "\n" + lines.joined(separator: "\n"))
                return
            }
        }
        print("MeasureResultNightsTests: \(cases) night sequences (seed \(rng.seed)), \(nightsRun) nights run, "
              + "\(wholeCases) with every output compared (one as-of), the others their CSVs; "
              + "after the first night \(reused) (measure, period) results taken from the store, \(recomputed) computed")
    }
}
