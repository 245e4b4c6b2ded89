import Foundation
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara explain`: the numerator and denominator of one measure row and the stored records
/// behind them, each with its file and line; with `action`, a plans.csv row (SPEC 12): the plan
/// row and the measure rows that give its baseline and value. The store is only read, in one
/// measures scope.
public struct ExplainStage {
    public var measure: String
    public var unit: String
    public var period: String
    public var grain: Grain?
    public var dimension = ""
    public var facilityType = ""
    /// Print every record (default: the first 20 of each role).
    public var all = false
    /// Write every record to this CSV file (0600) and print only the summary.
    public var csv: String?
    /// The plans.csv row of this action number.
    public var action: Int?

    public init(measure: String, unit: String, period: String) {
        self.measure = measure; self.unit = unit; self.period = period
    }

    /// What `explain` prints, and whether a row was found (exit 1 when not).
    public struct Output {
        public var text: String
        public var found: Bool
    }

    /// Explains the row; a request that names no row the catalogue can have (an unknown
    /// measure, period or unit grain) is a `MiaraError` with the code `.explain` or `.usage` (exit 2).
    public func run(_ context: RunContext) throws -> Output {
        let config = context.config
        guard let p = Period(period) else { throw MiaraError(.usage, ExplainText.notAPeriod(period)) }
        try NoCompletedIngest.check(try context.store())
        return try context.measures(readers: 0) { m in
            if let action {
                let e = try PlanExplain.explain(m, catalogue: context.catalogue, standard: context.standard, teryt: unit, code: measure,
                                                actionNo: action, period: p, asOf: context.asOf, costLagDays: config.costLagDays,
                                                minCell: config.minCell)
                return Output(text: PlanExplain.render(e, config.language), found: e.row != nil)
            }
            let e = try Explain.explain(m, catalogue: context.catalogue, standard: context.standard, code: measure, unit: unit,
                                        period: p, asOf: context.asOf, costLagDays: config.costLagDays, grain: grain,
                                        dimension: dimension, facilityType: facilityType)
            var text = Explain.render(e, all: all, summaryOnly: csv != nil, language: config.language)
            if let path = csv {
                try AtomicFile.write(Data(Explain.csv(e).utf8), to: URL(fileURLWithPath: path), private: true)
                text += (config.language == .pl ? "rekordy: " : "records: ") + path + "\n"
            }
            return Output(text: text, found: !e.rows.isEmpty)
        }
    }
}
