import Foundation
import MiaraIngest
import MiaraMeasures
@testable import MiaraStore
import MiaraValues
import XCTest

/// A fixture inbox in a temporary folder, ingested into a fresh store.
final class IngestHarness {
    let root: URL
    var inbox: URL { root.appendingPathComponent("inbox") }
    var storePath: String { root.appendingPathComponent("miara.sqlite").path }
    var asOf = Day(iso: "2024-12-31")!
    var key: [UInt8]? = Array("test-key".utf8)
    var questionnaires: [String: Questionnaire] = [:]
    static let standard = Standard(criteria: [
        .init(code: "B01", name: "Temperatura", weight: 2), .init(code: "K01", name: "IPWzB", weight: 3),
    ], floorAreaPerPlace: ["night_shelter": 3, "shelter": 4])

    /// The benchmarked measures of the built-in catalogue, which plan rows may name.
    static let planMeasures = (try? MeasureCatalogue.builtIn().planMeasureCodes) ?? []

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("miara-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes a file below the inbox (text as UTF-8 unless bytes are given).
    @discardableResult
    func file(_ path: String, _ text: String) throws -> URL { try file(path, bytes: Array(text.utf8)) }

    @discardableResult
    func file(_ path: String, bytes: [UInt8]) throws -> URL {
        let url = inbox.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Minimal valid reference data: two municipalities, a provider, persons, facilities.
    func baseline() throws {
        try file("mops/municipalities/m.csv", """
            teryt,name,year,population,county,kind
            2464011,Częstochowa,2024,214342,,urban
            2264011,Sopot,2024,34000,,urban
            """)
        try file("ngo/providers/p.csv", """
            provider_id,name,legal_form
            KRS:0000184388,Fundacja A,foundation
            """)
        try file("mops/persons/p.csv", """
            person_id,sex,birth_year,teryt,first_seen,ethos
            person01,m,1970,2464011,2024-01-10,2
            person02,K,1980,2464011,2024-02-01,3
            """)
        try file("ngo/facilities/f.csv", """
            facility_id,provider_id,teryt,type,places,floor_area_m2,opened
            F1,KRS:0000184388,2464011,night_shelter,20,60,2020-01-01
            F2,KRS:0000184388,2464011,soup_kitchen,,,2020-01-01
            """)
    }

    var settings: IngestSettings {
        IngestSettings(asOf: asOf, pseudonymiser: key.map { Pseudonymiser(keyBytes: $0) }, standard: Self.standard, language: .en,
                       planMeasures: Self.planMeasures)
    }

    /// Ingests the inbox; returns the store and the per-file reports.
    @discardableResult
    func ingest(runID: String = "test") throws -> (Store, [FileReport]) {
        let store = try Store.open(storePath, .readWrite)
        let (files, _) = try Inbox.discover(inbox)
        let reports = try Ingestor(store: store, settings: settings, runID: runID, questionnaires: questionnaires).ingest(files)
        return (store, reports)
    }

    /// Rejects as `path:line:column:code`, sorted.
    func rejects(_ store: Store) throws -> [String] {
        try store.db.query("SELECT file, line, \"column\", check_code FROM rejects ORDER BY file, line, \"column\"").map {
            "\($0[0].text!):\($0[1].int!):\($0[2].text!):\($0[3].text!)"
        }
    }

    func warnings(_ store: Store) throws -> [String] {
        try store.db.query("SELECT file, line, \"column\", check_code FROM warnings ORDER BY file, line").map {
            "\($0[0].text!):\($0[1].int!):\($0[2].text!):\($0[3].text!)"
        }
    }
}
