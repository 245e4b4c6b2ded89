import Foundation
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara plan` (SPEC 12): a fillable `mops/plans` template for one municipality, pre-filled with
/// one row per measure it has `below_average` in a period (teryt, measure, action 1, the period as
/// the baseline) and, beside the input columns, the measure's name, the municipality's value, the
/// group's mean and median and the gap to the mean, for reading only. The values are computed from
/// the store as `miara compute` computes them for that period alone (disclosure control applied:
/// a suppressed value is never below average).
public struct PlanStage {
    /// The municipality's TERYT code.
    public var teryt: String
    /// `YYYY` or `YYYYH1|H2`; nil: the as-of year.
    public var period: String?
    /// The template file to write.
    public var out: String

    public init(teryt: String, period: String? = nil, out: String) {
        self.teryt = teryt; self.period = period; self.out = out
    }

    /// What was written: the period and the measures pre-filled.
    public struct Result {
        public var period: Period
        public var measures: [String]
    }

    /// Writes the template for `teryt` to `out`, computed for the one period on the run's store.
    public func run(_ run: RunContext) throws -> Result {
        guard Teryt(teryt) != nil else { throw MiaraError.configuration(file: "--teryt", ConfigText.expectedTeryt(teryt)) }
        let asOf = run.asOf
        let p: Period
        if let period {
            guard let text = YearOrHalf.parse(period), let q = Period(text) else {
                throw MiaraError.configuration(file: "--period", ConfigText.expectedHalfYear(period))
            }
            p = q
        } else {
            p = Period(year: asOf.year, length: .year, index: 1)!
        }
        // The run narrowed to the one period: its as-of date, its store.
        var c = run.config
        c.periods = [p.text]
        c.asOfText = asOf.iso
        let store = try run.existingStore()
        let context = try RunContext(config: c, runID: run.runID, command: run.command, console: Printer(mode: .quiet, language: c.language),
                                     store: store)
        guard try store.read({ try StoreRecords.municipalityNames($0) })[teryt] != nil else {
            throw MiaraError.configuration(file: "--teryt", ConfigText.noMunicipality(teryt))
        }
        let computed = try ComputeStage(config: c).run(context)
        let pl = c.language == .pl
        var rows: [[String: String]] = []
        for d in context.catalogue.planMeasures {
            guard let b = computed.benchmark.first(where: { $0.measure == d.code && $0.period == p && $0.teryt == teryt }),
                  b.flags.contains(.below_average), let value = b.value, let mean = b.mean else { continue }
            rows.append([
                "teryt": teryt, "measure": d.code.raw, "action_no": "1", "baseline_period": p.text,
                PlanContext.measureName: pl ? d.namePL : d.nameEN, PlanContext.value: CSVText.number(value),
                PlanContext.groupMean: CSVText.number(mean), PlanContext.groupMedian: b.median.map(CSVText.number) ?? "",
                PlanContext.gap: CSVText.number(value - mean),
            ])
        }
        let note = pl
            ? "Gmina \(teryt), okres \(p.text): wiersze dla miar poniżej średniej grupy (\(rows.count)). Uzupełnij działanie, odpowiedzialnego, początek, termin, wartość docelową i stan; kolejne działania dla tej samej miary dopisz z numerem 2, 3, … Szare kolumny po prawej są tylko do odczytu."
            : "Municipality \(teryt), period \(p.text): rows for the measures below the group average (\(rows.count)). Fill in action, owner, start, deadline, target and state; add further actions for a measure with numbers 2, 3, … The grey columns on the right are for reading only."
        let request = TemplateRequest(dataset: Datasets.plans, language: c.language, asOfYear: asOf.year,
                                      standard: context.standard, rows: rows,
                                      planMeasures: TemplateStage.planMeasures(context.catalogue, language: c.language),
                                      withContext: true, notes: [note])
        try TemplateWorkbook.write(request, to: out)
        return Result(period: p, measures: rows.compactMap { $0["measure"] })
    }
}
