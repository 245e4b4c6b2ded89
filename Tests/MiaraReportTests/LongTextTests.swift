import Foundation
import MiaraTestSupport
import XCTest

/// Texts of any length cost time linear in their length: a provider name, an audit note, an
/// unknown header name and a value under it of 4 MB each go through `run` (ingest, compute, report)
/// and `validate` of the built binary in at most a few times what 512 KB take, never the 64 times a
/// quadratic step would take for 8 times the text. (The old footer cut took 22 s for a 400 KB name
/// and hung for hours on 50 MB.)
final class LongTextTests: XCTestCase {
    /// Writes a small inbox whose long texts are `n` bytes each.
    func inbox(_ n: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-long-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        func long(_ word: String) -> String { String(String(repeating: word, count: n / word.utf8.count + 1).utf8.prefix(n))! }
        let name = long("Fundacja & Dom ")
        let facility = "F1"
        func write(_ rel: String, _ lines: [String]) throws { try InboxFile.write(rel, lines, in: dir.appendingPathComponent("inbox")) }
        try write("mops/municipalities/m.csv", ["teryt,name,year,population,county,kind", "2464011,Częstochowa,2024,214342,,urban"])
        try write("ngo/providers/p.csv", ["provider_id,name,legal_form", "KRS:0000184388,\(name),foundation"])
        try write("mops/persons/p.csv", ["person_id,sex,birth_year,teryt,first_seen,ethos"]
            + (1...6).map { "person0\($0),m,1970,2464011,2024-01-10,2" })
        try write("ngo/facilities/f.csv", ["facility_id,provider_id,teryt,type,places,floor_area_m2,opened",
                                           "\(facility),KRS:0000184388,2464011,night_shelter,20,60,2020-01-01"])
        try write("ngo/contracts/c.csv", ["contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln",
                                          "C1,2464011,KRS:0000184388,\(facility),night_shelter,2024-01-01,2024-12-31,100000"])
        // An unknown header name as long as the texts, and as long a value under it.
        try write("ngo/stays/s.csv", ["stay_id,person_id,facility_id,admitted,discharged,destination,\(long("uwagi"))"]
            + (1...6).map { "S\($0),person0\($0),\(facility),2024-02-0\($0),2024-03-0\($0),rented,\($0 == 1 ? long("y") : "")" })
        try write("ngo/audits/a.csv", ["facility_id,date,criterion,result,note", "\(facility),2024-05-01,H01,met,\"\(long("uwaga, "))\""])
        try InboxFile.pipeline(in: dir, store: "miara.sqlite", extra: ["lang: en"], pipelines: ReportHarness.pipelines)
        return dir
    }

    /// Runs the binary, its output thrown away; stops it (SIGTERM) after `limit` seconds.
    /// Returns the exit status and the seconds taken, or nil when it was stopped.
    func timed(_ args: [String], cwd: URL, limit: TimeInterval) throws -> (status: Int32, seconds: Double)? {
        let p = Process()
        p.executableURL = try MiaraBinary.url()
        p.arguments = args
        p.currentDirectoryURL = cwd
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let start = Date()
        try p.run()
        while p.isRunning {
            if Date().timeIntervalSince(start) > limit { p.terminate(); p.waitUntilExit(); return nil }
            usleep(20_000)
        }
        return (p.terminationStatus, Date().timeIntervalSince(start))
    }

    /// `run` then `validate` of the stays file on an inbox of `n`-byte texts: the seconds taken.
    func night(_ n: Int, limit: TimeInterval) throws -> Double? {
        let dir = try inbox(n)
        guard let run = try timed(["run", "--pipeline", "p.yaml"], cwd: dir, limit: limit) else { return nil }
        XCTAssertEqual(run.status, 0, "run with \(n)-byte texts")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/latest/manifest.json").path))
        guard let validate = try timed(["validate", "--pipeline", "p.yaml", "--dataset", "ngo/stays", "inbox/ngo/stays/s.csv"],
                                       cwd: dir, limit: limit - run.seconds) else { return nil }
        XCTAssertEqual(validate.status, 0, "validate with \(n)-byte texts (W01 only)")
        return run.seconds + validate.seconds
    }

    func testEightTimesLongerTextsTakeAtMostAFewTimesLonger() throws {
        let small = 512 * 1024, big = 8 * small
        guard let t0 = try night(small, limit: 600) else { return XCTFail("512 KB texts: still running after 600 s") }
        // Linear: at most 8 times (less, as part of the time does not depend on the texts);
        // quadratic: 64 times. 16 (and a minute) leave room for a busy machine.
        let limit = 16 * t0 + 60
        let t1 = try night(big, limit: limit)
        print("long texts: \(small) bytes \(String(format: "%.2f", t0)) s, \(big) bytes \(t1.map { String(format: "%.2f", $0) } ?? "stopped") s")
        XCTAssertNotNil(t1, "4 MB texts: still running after \(Int(limit)) s (16 × the 512 KB night + 60 s)")
    }
}
