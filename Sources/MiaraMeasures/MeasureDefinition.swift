import Foundation
import MiaraValues

/// The workbook sheet a measure belongs to.
public enum MeasureFamily: String, Sendable, CaseIterable {
    case economic, social, quality
}

/// Which facilities get a facility-grain row (those open on some day of the period, of these types).
public enum FacilityRows: Sendable, Equatable {
    /// The levelled ("bed") facility types.
    case bed
    /// Every type.
    case every
    /// The types listed.
    case types([String])
}

/// How a row's value is made from its numerator, denominator and n.
public enum MeasureValueRule: Sendable, Equatable {
    /// numerator ÷ denominator (no value when the denominator is 0 or unknown).
    case ratio
    /// An SQL expression over `numerator`, `denominator` and `n` (NULL = no value).
    case expression(String)
    /// An aggregate of one role's contributions (S05: `median(n)`).
    case aggregate(RoleAggregate)
    /// A query of its own over the measure's `contributions` (Q03's Cronbach α), returning
    /// grain, unit_id, facility_type, dimension, value.
    case custom(path: String, sql: String?)
}

/// One entry of the measure catalogue (`Pipelines/measures.yaml`).
public struct MeasureDefinition: Sendable {
    public let code: MeasureCode
    public let namePL: String
    public let nameEN: String
    /// The unit text of measures.csv (`PLN`, `share`, `score 1–5`, `m²`, …).
    public let unit: String
    public let direction: Direction
    /// The grains the measure is published at, in catalogue order.
    public var grains: [Grain]
    public let split: MeasureSplit
    public let norm: MeasureNorm?
    /// Which count of a row is its person count for disclosure control.
    public let personCount: PersonCountSource
    public let formulaPL: String
    public let formulaEN: String
    /// The `sql` path as written in the catalogue (relative to the catalogue file).
    public var sqlPath: String
    /// The resolved location of the SQL file.
    public var sqlURL: URL
    /// The query text; nil when the file does not exist (`MeasureEngine` then throws).
    public var sqlText: String?
    /// The catalogue line of the entry.
    public let line: Int
    /// The workbook sheet (economic, social, quality).
    public var family: MeasureFamily = .economic
    /// Shown on the municipal summary and charted in the benchmark workbook.
    public var headline = false
    /// Takes part in benchmarking (its unsplit municipality rows).
    public var benchmarked = true
    /// The datasets the measure reads (shown by `explain` and the formula book).
    public var datasets: [String] = []
    /// The survey group whose questionnaires feed the measure (bound as `:group`).
    public var surveyGroup: String?
    /// Further named parameters of the query (`:name`), in catalogue order.
    public var parameters: [(name: String, value: String)] = []
    /// Facilities that get a facility-grain row.
    public var facilityRows: FacilityRows = .every
    /// With `split: dimension`: whether the overall row (empty dimension) is written.
    public var overall = true
    public var numerator: RoleAggregate?
    public var denominator: RoleAggregate?
    public var n: RoleAggregate?
    public var sd: RoleAggregate?
    public var value: MeasureValueRule = .ratio
    /// `coverage: true`: the measure's rows are flagged `incomplete` where their unit holds a
    /// facility-month of the period without both costs and activity (`Coverage`).
    public var flagsIncomplete = false
    /// `clip: settled`: a cost-based measure (SPEC 5), computed over its period clipped at the
    /// settled date instead of the as-of date (every quantity of the row); `as_of` by default.
    public var clip: PeriodClip = .asOf
    /// `months: true`: the measure's contributions over a period are its contributions over each
    /// month of the period (clipped as the period is), together; the engine runs its file once
    /// per month and rolls the months up to every period that contains them (`MonthRollup`).
    public var months = false

    public init(code: MeasureCode, namePL: String, nameEN: String, unit: String, direction: Direction, grains: [Grain],
                split: MeasureSplit, norm: MeasureNorm?, personCount: PersonCountSource, formulaPL: String,
                formulaEN: String, sqlPath: String, sqlURL: URL, sqlText: String?, line: Int) {
        self.code = code; self.namePL = namePL; self.nameEN = nameEN; self.unit = unit; self.direction = direction
        self.grains = grains; self.split = split; self.norm = norm; self.personCount = personCount
        self.formulaPL = formulaPL; self.formulaEN = formulaEN; self.sqlPath = sqlPath; self.sqlURL = sqlURL
        self.sqlText = sqlText; self.line = line
    }

    /// `p` as this measure computes it on a run with `dates`: clipped at the as-of date, or at the
    /// settled date under `clip: settled`; nil when it starts after that day (no rows).
    public func clipped(_ p: Period, at dates: ClipDates) -> ClippedPeriod? { dates.clipped(p, clip) }

    /// The published columns and their aggregates, in the order numerator, denominator, n.
    public var counts: [(column: String, aggregate: RoleAggregate?)] {
        [("numerator", numerator), ("denominator", denominator), ("n", n)]
    }
}
