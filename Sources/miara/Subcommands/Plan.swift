import ArgumentParser
import MiaraPipeline

/// `miara plan`: the improvement-plan template of one municipality, pre-filled with its
/// below-average measures (SPEC 12).
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a municipality's improvement-plan template (mops/plans), pre-filled with its below-average measures.",
        discussion: """
            One row per measure the municipality has below the group average in the period (teryt, measure, action 1, \
            baseline period), with the measure's name, value, group mean, median and gap beside them for reading. Fill in \
            action, owner, start, deadline, target and state and put the file into the inbox folder mops/plans/. \
            Example: miara plan --store miara.sqlite --teryt 2464011 --period 2025 --out plan-2464011.xlsx
            """)
    @OptionGroup var options: PipelineOptions
    @Option(help: "The municipality's TERYT code (7 digits).")
    var teryt: String
    @Option(help: "The period of the benchmark and the baseline: a year YYYY or a half-year YYYYH1/YYYYH2 (default: the as-of year).")
    var period: String?
    @Option(help: "The template file to write (.xlsx).")
    var out: String

    func run() throws {
        guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--out must name an .xlsx file") }
        let context = try options.context("plan", mode: .write)
        let r = try PlanStage(teryt: teryt, period: period, out: out).run(context)
        let c = context.console
        c.info(c.t("\(out): \(r.measures.count) miar poniżej średniej w \(r.period.text)\(r.measures.isEmpty ? "" : ": " + r.measures.joined(separator: ", "))",
                   "\(out): \(r.measures.count) measures below average in \(r.period.text)\(r.measures.isEmpty ? "" : ": " + r.measures.joined(separator: ", "))"))
    }
}
