import Foundation
@testable import MiaraStore
import MiaraValues

/// Builds a small store for tests: opens a migrated `Store` (in memory by default) and inserts
/// rows straight into the dataset tables of SPEC 2 (and into their staging tables, as accepted
/// records), with provenance filled as ingestion would: one `files` row per dataset
/// (`fixture/<dataset>.csv`), `key` = the key columns joined by U+001F, `line` counting from 2
/// per file, `raw` (staging only) = the values joined by `,`.
///
/// Values are written as stored (ISO dates, `YYYY-MM` months, lower-case codes, canonical
/// provider ids); nothing is checked, so a test can also build rows ingestion would refuse.
///
/// ```swift
/// let fx = try FixtureStore()
/// try fx.municipality("2464011", population: 200_000)
/// try fx.provider("KRS:0000000001")
/// try fx.facility("F1", provider: "KRS:0000000001", teryt: "2464011", type: "night_shelter", places: 10, opened: "2020-01-01")
/// try fx.person("P000001", teryt: "2464011")
/// try fx.stay("S1", person: "P000001", facility: "F1", admitted: "2024-01-10", discharged: "2024-01-20", destination: "rented")
/// ```
public final class FixtureStore {
    public let store: Store
    var db: SQLiteDatabase { store.db }
    private var fileIDs: [String: Int64] = [:]
    private var lines: [String: Int] = [:]

    /// Opens a store at `path` (`:memory:` by default); the schema is migrated by `Store`.
    public init(path: String = ":memory:") throws {
        store = try Store.open(path, .readWrite)
    }

    // MARK: Generic insertion

    /// Inserts one row into a dataset's table; `values` maps column names to stored values
    /// (missing columns are NULL). Returns the row's `row_id`.
    @discardableResult
    public func insert(_ dataset: DatasetSpec, _ values: [String: SQLValue]) throws -> Int64 {
        for name in values.keys where dataset.column(name) == nil {
            throw FixtureError("dataset \(dataset.name) has no column \(name)")
        }
        let fileID = try file(for: dataset)
        let line = (lines[dataset.table] ?? 1) + 1
        lines[dataset.table] = line
        let ordered = dataset.columns.map { values[$0.name] ?? .null }
        let raw = ordered.map(FixtureStore.text).joined(separator: ",")
        // The record as staged (with its text), accepted (`held` NULL: in the dataset's view).
        let (scols, smarks) = Schema.insertTerms(table: dataset.table, given: ["file_id", "line", "raw"] + dataset.columns.map(\.name))
        try db.execute("INSERT INTO staged_\(dataset.table) (\(scols.joined(separator: ", "))) VALUES (\(smarks.joined(separator: ", ")))",
                       [.integer(fileID), .integer(Int64(line)), .text(raw)] + ordered)
        let rowID = db.lastInsertRowID
        return rowID
    }

    /// The `files` row the fixture's rows of `dataset` point to (created on first use).
    public func file(for dataset: DatasetSpec) throws -> Int64 {
        if let id = fileIDs[dataset.table] { return id }
        try db.execute("""
            INSERT INTO files (path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
            VALUES (?, ?, ?, 'csv', 'utf-8', 0, '2024-01-01T00:00:00Z', 'fixture')
            """, [.text("fixture/\(dataset.table).csv"), .text("fixture-\(dataset.table)"), .text(dataset.name)])
        let id = db.lastInsertRowID
        fileIDs[dataset.table] = id
        return id
    }

    static func text(_ v: SQLValue) -> String {
        switch v {
        case .null: return ""
        case .integer(let i): return String(i)
        case .real(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .text(let s): return s
        }
    }

    // MARK: One builder per dataset (SPEC 2)

    /// `mops/municipalities`.
    public func municipality(_ teryt: String, name: String = "Gmina", year: Int = 2024, population: Int = 100_000,
                             county: String? = nil, kind: String? = nil) throws {
        try insert(Datasets.municipalities, ["teryt": .text(teryt), "name": .text(name), "year": .int(year),
                                             "population": .int(population), "county": .opt(county), "kind": .opt(kind)])
    }

    /// `ngo/providers`.
    public func provider(_ id: String, name: String = "Provider", legalForm: String? = nil) throws {
        try insert(Datasets.providers, ["provider_id": .text(id), "name": .text(name), "legal_form": .opt(legalForm)])
    }

    /// `mops/persons`.
    public func person(_ id: String, sex: String = "m", birthYear: Int = 1970, teryt: String, firstSeen: String = "2020-01-01",
                       ethos: Int = 3, income: String? = nil, disability: Bool? = nil) throws {
        try insert(Datasets.persons, ["person_id": .text(id), "sex": .text(sex), "birth_year": .int(birthYear),
                                      "teryt": .text(teryt), "first_seen": .text(firstSeen), "ethos": .int(ethos),
                                      "income_at_entry": .opt(income), "disability": disability.map { .int($0 ? 1 : 0) } ?? .null])
    }

    /// `ngo/facilities`.
    public func facility(_ id: String, provider: String, teryt: String, type: String, places: Int? = nil,
                         floorArea: Double? = nil, opened: String = "2020-01-01", closed: String? = nil) throws {
        try insert(Datasets.facilities, ["facility_id": .text(id), "provider_id": .text(provider), "teryt": .text(teryt),
                                         "type": .text(type), "places": places.map { .int($0) } ?? .null,
                                         "floor_area_m2": floorArea.map { .real($0) } ?? .null,
                                         "opened": .text(opened), "closed": .opt(closed)])
    }

    /// `ngo/contracts`.
    public func contract(_ id: String, teryt: String, provider: String, facility: String?, service: String,
                         start: String, end: String, amount: Double = 0, unitPrice: Double? = nil,
                         contractedUnits: Int? = nil) throws {
        try insert(Datasets.contracts, ["contract_id": .text(id), "teryt": .text(teryt), "provider_id": .text(provider),
                                        "facility_id": .opt(facility), "service": .text(service), "start": .text(start),
                                        "end": .text(end), "amount_pln": .real(amount),
                                        "unit_price_pln": unitPrice.map { .real($0) } ?? .null,
                                        "contracted_units": contractedUnits.map { .int($0) } ?? .null])
    }

    /// `ngo/stays`; `discharged` nil = ongoing.
    public func stay(_ id: String, person: String, facility: String, admitted: String, discharged: String? = nil,
                     destination: String? = nil) throws {
        try insert(Datasets.stays, ["stay_id": .text(id), "person_id": .text(person), "facility_id": .text(facility),
                                    "admitted": .text(admitted), "discharged": .opt(discharged), "destination": .opt(destination)])
    }

    /// `ngo/services`; `date` is a day (`YYYY-MM-DD`) or a month (`YYYY-MM`).
    public func service(facility: String, date: String, service: String, quantity: Int, person: String? = nil) throws {
        try insert(Datasets.services, ["facility_id": .text(facility), "date": .text(date), "service": .text(service),
                                       "quantity": .int(quantity), "person_id": .opt(person)])
    }

    /// `ngo/costs`; `month` is `YYYY-MM`.
    public func cost(contract: String, month: String, category: String = "staff", amount: Double,
                     funding: String = "municipal") throws {
        try insert(Datasets.costs, ["contract_id": .text(contract), "month": .text(month), "category": .text(category),
                                    "amount_pln": .real(amount), "funding": .text(funding)])
    }

    /// `ngo/audits`.
    public func audit(facility: String, date: String, criterion: String, result: String, note: String? = nil) throws {
        try insert(Datasets.audits, ["facility_id": .text(facility), "date": .text(date), "criterion": .text(criterion),
                                     "result": .text(result), "note": .opt(note)])
    }

    /// `mops/benefits`.
    public func benefit(person: String, teryt: String, benefit: String = "zasilek_celowy", dateFrom: String,
                        dateTo: String? = nil, amount: Double) throws {
        try insert(Datasets.benefits, ["person_id": .text(person), "teryt": .text(teryt), "benefit": .text(benefit),
                                       "date_from": .text(dateFrom), "date_to": .opt(dateTo), "amount_pln": .real(amount)])
    }

    /// `mops/programmes`; `kind` is `ipwzb` or `kontrakt`.
    public func programme(_ id: String, person: String, kind: String = "ipwzb", start: String, plannedEnd: String? = nil,
                          end: String? = nil, outcome: String = "ongoing") throws {
        try insert(Datasets.programmes, ["programme_id": .text(id), "person_id": .text(person), "kind": .text(kind),
                                         "start": .text(start), "planned_end": .opt(plannedEnd), "end": .opt(end),
                                         "outcome": .text(outcome)])
    }

    /// `mops/staff`; `period` is `YYYY` or `YYYY-MM`.
    public func staff(teryt: String, period: String, role: String, fte: Double) throws {
        try insert(Datasets.staff, ["teryt": .text(teryt), "period": .text(period), "role": .text(role), "fte": .real(fte)])
    }

    // MARK: Surveys

    /// One survey response with its answers (`survey_responses`, `survey_answers`); returns its id.
    @discardableResult
    public func surveyResponse(questionnaire: String = "ankieta", group: String, unitKind: String, unitID: String,
                               date: String, answers: [(item: String, dimension: String, score: Double)]) throws -> Int64 {
        let fileID = try surveyFile(questionnaire)
        let line = (lines["survey:" + questionnaire] ?? 1) + 1
        lines["survey:" + questionnaire] = line
        try db.execute("""
            INSERT INTO survey_responses (file_id, line, raw, questionnaire, survey_group, unit_kind, unit_id, date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(fileID), .integer(Int64(line)), .text(([unitID, date] + answers.map { FixtureStore.text(.real($0.score)) }).joined(separator: ",")),
                  .text(questionnaire), .text(group), .text(unitKind), .text(unitID), .text(date)])
        let id = db.lastInsertRowID
        for a in answers {
            try db.execute("INSERT INTO survey_answers (response_id, item, dimension, score) VALUES (?, ?, ?, ?)",
                           [.integer(id), .text(a.item), .text(a.dimension), .real(a.score)])
        }
        return id
    }

    /// One item of a questionnaire map (`survey_items`, `questionnaire_items`), as survey ingestion
    /// stores it from the map whether or not a response answers it.
    public func questionnaireItem(_ questionnaire: String = "ankieta", group: String, item: String, dimension: String) throws {
        try db.execute("INSERT OR IGNORE INTO survey_items (survey_group, item, dimension, questionnaire) VALUES (?, ?, ?, ?)",
                       [.text(group), .text(item), .text(dimension), .text(questionnaire)])
        try db.execute("INSERT OR IGNORE INTO questionnaire_items (questionnaire, survey_group, item, dimension) VALUES (?, ?, ?, ?)",
                       [.text(questionnaire), .text(group), .text(item), .text(dimension)])
    }

    private func surveyFile(_ questionnaire: String) throws -> Int64 {
        let k = "survey:" + questionnaire
        if let id = fileIDs[k] { return id }
        try db.execute("""
            INSERT INTO files (path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
            VALUES (?, ?, ?, 'csv', 'utf-8', 0, '2024-01-01T00:00:00Z', 'fixture')
            """, [.text("surveys/\(questionnaire)/fixture.csv"), .text("fixture-\(k)"), .text("surveys/\(questionnaire)")])
        let id = db.lastInsertRowID
        fileIDs[k] = id
        return id
    }
}

/// A fixture that cannot be built as asked.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

extension SQLValue {
    /// `.integer` from an `Int`.
    static func int(_ v: Int) -> SQLValue { .integer(Int64(v)) }
    /// `.text`, or `.null` for nil.
    static func opt(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
}

extension FixtureStore {
    /// Runs `body` in the fixture store's measures scope (`Store.measures`, no extra reader).
    public func measures<T>(_ body: (MeasureConnections) throws -> T) throws -> T { try store.measures(readers: 0, body) }
}

extension Store {
    /// Runs `body` in the store's measures scope with no extra reader (tests).
    public func measures<T>(_ body: (MeasureConnections) throws -> T) throws -> T { try measures(readers: 0, body) }
}
