import ArgumentParser
import Foundation
import MiaraMeasures
import MiaraPipeline
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara explain`: the numerator and denominator of one measure row and the stored records
/// behind them, each with its file and line; with `--action N`, a plans.csv row (SPEC 12): the
/// plan row and the measure rows that give its baseline and value.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a measure row's numerator, denominator and the records behind them (file:line).")
    @OptionGroup var options: PipelineOptions
    @Argument(help: "Measure code, e.g. E01.")
    var measure: String
    @Option(help: "Unit id: facility_id, provider_id (KRS:…), teryt, or all.")
    var unit: String
    @Option(help: "Period: 2024, 2024H1, 2024Q3 or 2024-03.")
    var period: String
    @Option(help: "Grain when the unit id is ambiguous: facility, provider, municipality, all.")
    var grain: Grain?
    @Option(help: "Survey dimension of a measure split by dimension (default: overall).")
    var dimension: String = ""
    @Option(name: .customLong("facility-type"), help: "Facility type of a measure split by type (default: every type).")
    var facilityType: String = ""
    @Flag(help: "Print every record (default: the first 20 of each role).")
    var all = false
    @Option(help: "Write every record to this CSV file and print only the summary.")
    var csv: String?
    @Option(help: "Explain the plans.csv row of this action number of the municipality's plan for the measure (--unit TERYT, --period YYYYH1|H2).")
    var action: Int?

    func run() throws {
        let config = try options.config()
        guard let p = Period(period) else { throw ValidationError("not a period: \(period) (2024, 2024H1, 2024Q3, 2024-03)") }
        let store = try PrivateFiles.openStoreForReading(config.store, missing: config.missingStore())
        try NoCompletedIngest.check(store.db, path: config.store)
        let catalogue: MeasureCatalogue
        catalogue = try MeasureCatalogue.load(from: URL(fileURLWithPath: config.measures))
        let standard = try Standard.load(path: config.standard)
        if let action {
            do {
                let e = try PlanExplain.explain(db: store.db, catalogue: catalogue, standard: standard, teryt: unit, code: measure,
                                                actionNo: action, period: p, asOf: try config.asOf(), costLagDays: config.costLagDays,
                                                minCell: config.minCell)
                print(PlanExplain.render(e, config.language), terminator: "")
                if e.row == nil { throw ExitCode(1) }
            }
            return
        }
        let e: Explanation
        do {
            e = try MiaraReport.Explain.explain(db: store.db, catalogue: catalogue, standard: standard, code: measure, unit: unit,
                                                period: p, asOf: try config.asOf(), costLagDays: config.costLagDays, grain: grain, dimension: dimension,
                                                facilityType: facilityType)
        }
        print(MiaraReport.Explain.render(e, all: all, summaryOnly: csv != nil, language: config.language), terminator: "")
        if let path = csv {
            try AtomicFile.write(Data(MiaraReport.Explain.csv(e).utf8), to: URL(fileURLWithPath: path), private: true)
            print((config.language == .pl ? "rekordy: " : "records: ") + path)
        }
        if e.rows.isEmpty { throw ExitCode(1) }
    }
}
