import ArgumentParser
import MiaraPipeline

/// `miara template`: a fillable XLSX template of one dataset for the people who type the data.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a fillable XLSX template of an NGO or MOPS dataset (drop-down lists, checks, instructions).",
        discussion: """
            The first sheet is read by `miara ingest` as it is: fill it in and put the file into the inbox folder \
            of the dataset. With --provider and a store, the provider's own facility and contract ids become \
            drop-down lists. Example: miara template --dataset ngo/stays --provider KRS:0000184388 --store miara.sqlite --out stays.xlsx
            """)
    @OptionGroup var options: PipelineOptions
    @Option(help: "The dataset, e.g. ngo/stays, ngo/costs, mops/persons.")
    var dataset: String
    @Option(help: "The provider (KRS:…, NIP:… or REGON:…) whose facility and contract ids to offer; needs a store.")
    var provider: String?
    @Option(help: "Reporting month YYYY-MM, filled in beforehand (ngo/costs, ngo/services).")
    var month: String?
    @Option(help: "The template file to write (.xlsx).")
    var out: String

    func run() throws {
        guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--out must name an .xlsx file") }
        let context = try options.context("template", mode: .read)
        try TemplateStage(dataset: dataset, provider: provider, month: month, out: out).run(context)
        print(out)
    }
}
