/// What a column holds and how it is read (SPEC 1.3, 1.4).
public enum ColumnType: Sendable, Equatable {
    /// An identifier of the inputs' own (stay_id, facility_id, …): any text.
    case id
    /// Free text scanned for PESELs (W02): `name`, `county`, `note`.
    case freeText
    case teryt
    case providerID
    case personID
    case date
    case month
    /// `services.date`: a date or a month.
    case dateOrMonth
    /// `staff.period`: `YYYY` or a month.
    case yearOrMonth
    case decimal
    case integer
    case flag
    /// A code from a list (`Codes`).
    case code(CodeList)
    /// A criterion code of the standard file (checked against the configured standard).
    case criterion
    /// A code of the measure catalogue that is benchmarked (`plans.measure`, checked against the
    /// catalogue in use; any other is C05).
    case measure
    /// `plans.baseline_period`: a year `YYYY` or a half-year `YYYYH1`/`YYYYH2`.
    case yearOrHalf

    /// The SQLite column type the value is stored as.
    public var sqlType: String {
        switch self {
        case .decimal: return "REAL"
        case .integer, .flag: return "INTEGER"
        default: return "TEXT"
        }
    }
}

/// What a valid PESEL in a column becomes (SPEC 1.4): personal data never enters the store.
public enum PESELRule: Sendable, Equatable {
    /// Replaced by its HMAC pseudonym, the same in every column so references still join; needs the
    /// pseudonym key (without one the file is C15). `person_id` and the inputs' own identifiers.
    case pseudonymise
    /// Replaced by `[PESEL]` (W02): free text.
    case mask
    /// The row is quarantined: a number column holding one is C19; any other type fails its own check.
    case refuse

    /// The rule a column type has unless its definition says otherwise.
    public static func `default`(for type: ColumnType) -> PESELRule {
        switch type {
        case .id, .personID: return .pseudonymise
        case .freeText: return .mask
        default: return .refuse
        }
    }
}

/// One column of a dataset: name, type, whether it is required, and its range rules.
public struct ColumnSpec: Sendable {
    public let name: String
    public let type: ColumnType
    public let required: Bool
    /// Negative values fail C09 (PLN, quantity, places, FTE, floor area, contracted units).
    public let nonNegative: Bool
    /// Values outside this range fail C19 (birth_year, population, ethos).
    public let range: RangeRule?
    /// Dates after the as-of date fail C10 (false for plan dates).
    public let asOfChecked: Bool
    /// The dataset (table) this column names a row of, checked by C11.
    public let references: String?
    /// What a valid PESEL in this column becomes (by default from the type: identifiers are
    /// pseudonymised, free text masked, anything else refused).
    public let pesel: PESELRule

    public init(_ name: String, _ type: ColumnType, required: Bool = false, nonNegative: Bool = false,
                range: RangeRule? = nil, asOf: Bool = true, references: String? = nil, pesel: PESELRule? = nil) {
        self.name = name; self.type = type; self.required = required; self.nonNegative = nonNegative
        self.range = range; self.asOfChecked = asOf; self.references = references
        self.pesel = pesel ?? .default(for: type)
    }
}

/// An integer range for C19; `maxIsAsOfYear` makes the upper bound the as-of year.
public struct RangeRule: Sendable {
    public let min: Int
    public let max: Int?
    public let maxIsAsOfYear: Bool
    public init(min: Int, max: Int? = nil, maxIsAsOfYear: Bool = false) {
        self.min = min; self.max = max; self.maxIsAsOfYear = maxIsAsOfYear
    }
}

/// The row rules of SPEC 2 step 2 that a dataset has, besides its columns.
public enum RowRule: Sendable {
    /// `later` must not be before `earlier` (C08, column `later`).
    case order(earlier: String, later: String)
    /// `column` is required when `when` holds a value (C02 at `column`).
    case requiredWhenPresent(column: String, when: String)
    /// `column` is required when `when` holds one of `values` (C02 at `column`).
    case requiredWhenIn(column: String, when: String, values: Set<String>)
    /// `end` is required unless `outcome` is `ongoing` (C19 at `end`).
    case endUnlessOngoing
}

/// One dataset of SPEC 2: its inbox folder, table, columns in order, key and row rules.
public struct DatasetSpec: Sendable {
    /// The inbox folder relative to the inbox, e.g. `ngo/stays`.
    public let name: String
    /// The store table, e.g. `stays`.
    public let table: String
    public let columns: [ColumnSpec]
    public let key: [String]
    public let rules: [RowRule]
    /// Columns a template of this dataset adds beside the input columns for reading only (the
    /// `miara plan` context): ingestion skips them without a W01.
    public var contextColumns: [String] = []

    public func column(_ name: String) -> ColumnSpec? { columns.first { $0.name == name } }
    public var requiredColumns: [ColumnSpec] { columns.filter { $0.required } }
}

/// The thirteen MOPS and NGO datasets of SPEC 2, in the order cross-row checks take them.
public enum Datasets {
    public static let municipalities = DatasetSpec(name: "mops/municipalities", table: "municipalities", columns: [
        ColumnSpec("teryt", .teryt, required: true),
        ColumnSpec("name", .freeText, required: true),
        ColumnSpec("year", .integer, required: true),
        ColumnSpec("population", .integer, required: true, range: RangeRule(min: 1)),
        ColumnSpec("county", .freeText),
        ColumnSpec("kind", .code(Codes.municipalityKinds)),
    ], key: ["teryt", "year"], rules: [])

    public static let providers = DatasetSpec(name: "ngo/providers", table: "providers", columns: [
        ColumnSpec("provider_id", .providerID, required: true),
        ColumnSpec("name", .freeText, required: true),
        ColumnSpec("legal_form", .code(Codes.legalForms)),
    ], key: ["provider_id"], rules: [])

    public static let persons = DatasetSpec(name: "mops/persons", table: "persons", columns: [
        ColumnSpec("person_id", .personID, required: true),
        ColumnSpec("sex", .code(Codes.sex), required: true),
        ColumnSpec("birth_year", .integer, required: true, range: RangeRule(min: 1900, maxIsAsOfYear: true)),
        ColumnSpec("teryt", .teryt, required: true, references: "municipalities"),
        ColumnSpec("first_seen", .date, required: true),
        ColumnSpec("ethos", .integer, required: true, range: RangeRule(min: 1, max: 6)),
        ColumnSpec("income_at_entry", .code(Codes.incomes)),
        ColumnSpec("disability", .flag),
    ], key: ["person_id"], rules: [])

    public static let facilities = DatasetSpec(name: "ngo/facilities", table: "facilities", columns: [
        ColumnSpec("facility_id", .id, required: true),
        ColumnSpec("provider_id", .providerID, required: true, references: "providers"),
        ColumnSpec("teryt", .teryt, required: true, references: "municipalities"),
        ColumnSpec("type", .code(Codes.facilityTypes), required: true),
        ColumnSpec("places", .integer, nonNegative: true),
        ColumnSpec("floor_area_m2", .decimal, nonNegative: true),
        ColumnSpec("opened", .date, required: true),
        ColumnSpec("closed", .date),
    ], key: ["facility_id"], rules: [
        .requiredWhenIn(column: "places", when: "type", values: Codes.bedFacilityTypes),
        .order(earlier: "opened", later: "closed"),
    ])

    public static let contracts = DatasetSpec(name: "ngo/contracts", table: "contracts", columns: [
        ColumnSpec("contract_id", .id, required: true),
        ColumnSpec("teryt", .teryt, required: true, references: "municipalities"),
        ColumnSpec("provider_id", .providerID, required: true, references: "providers"),
        ColumnSpec("facility_id", .id, references: "facilities"),
        ColumnSpec("service", .code(Codes.facilityTypes), required: true),
        ColumnSpec("start", .date, required: true, asOf: false),
        ColumnSpec("end", .date, required: true, asOf: false),
        ColumnSpec("amount_pln", .decimal, required: true, nonNegative: true),
        ColumnSpec("unit_price_pln", .decimal, nonNegative: true),
        ColumnSpec("contracted_units", .integer, nonNegative: true),
    ], key: ["contract_id"], rules: [.order(earlier: "start", later: "end")])

    public static let stays = DatasetSpec(name: "ngo/stays", table: "stays", columns: [
        ColumnSpec("stay_id", .id, required: true),
        ColumnSpec("person_id", .personID, required: true, references: "persons"),
        ColumnSpec("facility_id", .id, required: true, references: "facilities"),
        ColumnSpec("admitted", .date, required: true),
        ColumnSpec("discharged", .date),
        ColumnSpec("destination", .code(Codes.destinations)),
    ], key: ["stay_id"], rules: [
        .requiredWhenPresent(column: "destination", when: "discharged"),
        .order(earlier: "admitted", later: "discharged"),
    ])

    public static let services = DatasetSpec(name: "ngo/services", table: "services", columns: [
        ColumnSpec("facility_id", .id, required: true, references: "facilities"),
        ColumnSpec("date", .dateOrMonth, required: true),
        ColumnSpec("service", .code(Codes.services), required: true),
        ColumnSpec("quantity", .integer, required: true, nonNegative: true),
        ColumnSpec("person_id", .personID, references: "persons"),
    ], key: ["facility_id", "date", "service", "person_id"], rules: [])

    public static let costs = DatasetSpec(name: "ngo/costs", table: "costs", columns: [
        ColumnSpec("contract_id", .id, required: true, references: "contracts"),
        ColumnSpec("month", .month, required: true),
        ColumnSpec("category", .code(Codes.costCategories), required: true),
        ColumnSpec("amount_pln", .decimal, required: true, nonNegative: true),
        ColumnSpec("funding", .code(Codes.funding), required: true),
    ], key: ["contract_id", "month", "category", "funding"], rules: [])

    public static let audits = DatasetSpec(name: "ngo/audits", table: "audits", columns: [
        ColumnSpec("facility_id", .id, required: true, references: "facilities"),
        ColumnSpec("date", .date, required: true),
        ColumnSpec("criterion", .criterion, required: true),
        ColumnSpec("result", .code(Codes.auditResults), required: true),
        ColumnSpec("note", .freeText),
    ], key: ["facility_id", "date", "criterion"], rules: [])

    public static let benefits = DatasetSpec(name: "mops/benefits", table: "benefits", columns: [
        ColumnSpec("person_id", .personID, required: true, references: "persons"),
        ColumnSpec("teryt", .teryt, required: true, references: "municipalities"),
        ColumnSpec("benefit", .code(Codes.benefits), required: true),
        ColumnSpec("date_from", .date, required: true),
        ColumnSpec("date_to", .date, asOf: false),
        ColumnSpec("amount_pln", .decimal, required: true, nonNegative: true),
    ], key: ["person_id", "benefit", "date_from"], rules: [.order(earlier: "date_from", later: "date_to")])

    public static let programmes = DatasetSpec(name: "mops/programmes", table: "programmes", columns: [
        ColumnSpec("programme_id", .id, required: true),
        ColumnSpec("person_id", .personID, required: true, references: "persons"),
        ColumnSpec("kind", .code(Codes.programmeKinds), required: true),
        ColumnSpec("start", .date, required: true),
        ColumnSpec("planned_end", .date, asOf: false),
        ColumnSpec("end", .date),
        ColumnSpec("outcome", .code(Codes.programmeOutcomes), required: true),
    ], key: ["programme_id"], rules: [.endUnlessOngoing, .order(earlier: "start", later: "end")])

    public static let staff = DatasetSpec(name: "mops/staff", table: "staff", columns: [
        ColumnSpec("teryt", .teryt, required: true, references: "municipalities"),
        ColumnSpec("period", .yearOrMonth, required: true),
        ColumnSpec("role", .code(Codes.staffRoles), required: true),
        ColumnSpec("fte", .decimal, required: true, nonNegative: true),
    ], key: ["teryt", "period", "role"], rules: [])

    /// A municipality's improvement plan (SPEC 2, 12): one row per corrective action for a
    /// benchmarked measure. `start` and `deadline` are plans by nature (no C10).
    public static let plans = DatasetSpec(name: "mops/plans", table: "plans", columns: [
        ColumnSpec("teryt", .teryt, required: true, references: "municipalities"),
        ColumnSpec("measure", .measure, required: true),
        ColumnSpec("action_no", .integer, required: true, range: RangeRule(min: 1)),
        ColumnSpec("action", .freeText, required: true),
        ColumnSpec("owner", .freeText, required: true),
        ColumnSpec("start", .date, required: true, asOf: false),
        ColumnSpec("deadline", .date, required: true, asOf: false),
        ColumnSpec("baseline_period", .yearOrHalf, required: true),
        ColumnSpec("target", .decimal, required: true),
        ColumnSpec("state", .code(Codes.planStates), required: true),
        ColumnSpec("note", .freeText),
    ], key: ["teryt", "measure", "action_no"], rules: [.order(earlier: "start", later: "deadline")],
       contextColumns: PlanContext.columns)

    /// All thirteen, in the order of the C11 checks.
    public static let all: [DatasetSpec] = [municipalities, providers, persons, facilities, contracts, stays,
                                            services, costs, audits, benefits, programmes, staff, plans]

    public static func named(_ name: String) -> DatasetSpec? { all.first { $0.name == name } }
}
