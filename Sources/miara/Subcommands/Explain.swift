import ArgumentParser
import MiaraPipeline
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
        let context = try options.context("explain", mode: .read)
        var stage = ExplainStage(measure: measure, unit: unit, period: period)
        stage.grain = grain; stage.dimension = dimension; stage.facilityType = facilityType
        stage.all = all; stage.csv = csv; stage.action = action
        let out = try stage.run(context)
        print(out.text, terminator: "")
        if !out.found { throw ExitCode(1) }
    }
}
