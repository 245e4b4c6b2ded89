import Foundation
import MiaraValues
import MiaraTestSupport
import XCTest
import ZIPFoundation

/// A PESEL inside a longer identifier (`NC-70111213891` as a facility id) is pseudonymised in
/// place at ingestion (decisions.md 79): the store, its WAL, measures.csv, every workbook and a
/// template's drop-down lists show the same `NC-P…` id, and not one byte holds the PESEL.
final class PESELInIdentifierTests: XCTestCase {
    /// Valid PESELs (check digit computed by hand: 70111213891 → weights sum 99, (10 − 9) mod 10 = 1).
    static let first = "70111213891", second = "44051401359"
    /// `P` + 20 hex of HMAC-SHA256("test-key", PESEL), computed outside miara (Python hmac).
    static let firstPseudonym = "Pe6be8e99cd009c368642", secondPseudonym = "P1359128048243803c13e"

    func testPESELInsideAFacilityIDIsPseudonymisedInPlaceInTheStoreAndEveryOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-idpesel-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let a = "NC-\(Self.first)", b = "NC-\(Self.second)"
        func write(_ rel: String, _ lines: [String]) throws { try InboxFile.write(rel, lines, in: dir.appendingPathComponent("inbox")) }
        try write("mops/municipalities/m.csv", ["teryt,name,year,population,county,kind", "2464011,Częstochowa,2024,214342,,urban"])
        try write("ngo/providers/p.csv", ["provider_id,name,legal_form", "KRS:0000184388,Fundacja,foundation"])
        try write("mops/persons/p.csv", ["person_id,sex,birth_year,teryt,first_seen,ethos"]
            + (1...6).map { "person0\($0),m,1970,2464011,2024-01-10,2" })
        // Two facilities whose ids differ only in the PESEL: they must stay two facilities.
        try write("ngo/facilities/f.csv", ["facility_id,provider_id,teryt,type,places,floor_area_m2,opened",
                                           "\(a),KRS:0000184388,2464011,night_shelter,20,60,2020-01-01",
                                           "\(b),KRS:0000184388,2464011,night_shelter,10,30,2020-01-01"])
        try write("ngo/contracts/c.csv", ["contract_id,teryt,provider_id,facility_id,service,start,end,amount_pln",
                                          "C1,2464011,KRS:0000184388,\(a),night_shelter,2024-01-01,2024-12-31,100000"])
        try write("ngo/stays/s.csv", ["stay_id,person_id,facility_id,admitted,discharged,destination"]
            + (1...6).map { "S\($0),person0\($0),\($0 <= 3 ? a : b),2024-02-0\($0),2024-03-0\($0),rented" })
        try write("ngo/audits/a.csv", ["facility_id,date,criterion,result,note", "\(a),2024-05-01,H01,met,ok"])
        let pipeline = try InboxFile.pipeline(in: dir, store: "state/miara.sqlite", extra: ["lang: en"], pipelines: ReportHarness.pipelines)

        var console = ""
        let p = ["--pipeline", pipeline.path]
        let run = try ReportHarness.miara(["run"] + p, cwd: dir)
        console += run.out + run.err
        XCTAssertEqual(run.status, 0, console.replacingOccurrences(of: "\n", with: " / "))
        let template = dir.appendingPathComponent("out/stays-template.xlsx")
        let t = try ReportHarness.miara(["template", "--dataset", "ngo/stays", "--provider", "KRS:0000184388", "--out", template.path] + p, cwd: dir)
        console += t.out + t.err
        XCTAssertEqual(t.status, 0, console)

        // Every byte: the store folder (database, WAL), the run folder, the template (XLSX members
        // decompressed) and the console.
        var scanned: [(String, Data)] = [("console", Data(console.utf8))]
        for folder in ["state", "out"] {
            let e = FileManager.default.enumerator(at: dir.appendingPathComponent(folder), includingPropertiesForKeys: [.isRegularFileKey])!
            for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                scanned.append((url.path, try Data(contentsOf: url)))
                guard url.pathExtension == "xlsx" else { continue }
                let archive = try Archive(url: url, accessMode: .read)
                for entry in archive {
                    var member = Data()
                    _ = try archive.extract(entry) { member.append($0) }
                    scanned.append(("\(url.lastPathComponent)!\(entry.path)", member))
                }
            }
        }
        let names = scanned.map(\.0)
        XCTAssertTrue(names.contains { $0.hasSuffix("miara.sqlite") }, "\(names)")
        XCTAssertTrue(names.contains { $0.hasSuffix("measures.csv") }, "\(names)")
        XCTAssertTrue(names.contains { $0.hasPrefix("stays-template.xlsx!") }, "\(names)")
        XCTAssertTrue(names.contains { $0.hasPrefix("provider-") && $0.contains(".xlsx!") }, "\(names)")
        for (name, data) in scanned {
            for pesel in [Self.first, Self.second] {
                XCTAssertNil(data.range(of: Data(pesel.utf8)), "\(name) holds \(pesel)")
            }
        }
        // Every output shows the same pseudonymised id, and the two facilities stay apart.
        let idA = Data("NC-\(Self.firstPseudonym)".utf8), idB = Data("NC-\(Self.secondPseudonym)".utf8)
        func holding(_ id: Data) -> Set<String> {
            Set(scanned.filter { $0.1.range(of: id) != nil }.map { URL(fileURLWithPath: $0.0.components(separatedBy: "!")[0]).lastPathComponent })
        }
        for id in [idA, idB] {
            let where_ = holding(id)
            XCTAssertTrue(where_.contains("miara.sqlite"), "\(where_)")
            XCTAssertTrue(where_.contains("measures.csv"), "\(where_)")
            XCTAssertTrue(where_.contains("stays-template.xlsx"), "\(where_)")
            XCTAssertTrue(where_.contains { $0.hasPrefix("provider-") }, "\(where_)")
            XCTAssertTrue(where_.contains { $0.hasPrefix("municipality-") }, "\(where_)")
        }
        XCTAssertFalse(scanned.contains { $0.1.range(of: Data("[PESEL]".utf8)) != nil && $0.0.hasSuffix("measures.csv") },
                       "measures.csv shows the pseudonymised id, not a masked one")
    }
}
