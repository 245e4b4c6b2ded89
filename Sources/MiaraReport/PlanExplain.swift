import Foundation
import MiaraMeasures
import MiaraStore
import MiaraValues

/// What `miara explain MEASURE --unit TERYT --period H --action N` shows for one plans.csv row:
/// the plan row (file and line), the measure rows that give its baseline and its value (with
/// their numerator and denominator, and the command that lists their records), and how
/// progress, elapsed time and the assessment follow.
public struct PlanExplanation: Sendable {
    public var plan: PlanRecord
    /// The plans.csv row, nil when the half-year is not monitored (dropped, not started, outside the schedule).
    public var row: PlanProgressRow?
    public var baselinePeriod: Period?
    public var period: Period
    /// The municipality's unsplit rows of the baseline and the half-year, before disclosure control.
    public var baseline: MeasureRow?
    public var value: MeasureRow?
    public var schedule: PlanSchedule?
}

public enum PlanExplain {
    /// Recomputes the plans.csv row of one action and half-year with the measure's own file for
    /// just the two periods, the coverage of those periods and disclosure control, as the compute
    /// stage does for the whole run.
    public static func explain(_ measures: MeasureConnections, catalogue: MeasureCatalogue, standard: Standard, teryt: String, code: String,
                               actionNo: Int, period: Period, asOf: Day, costLagDays: Int = 0, minCell: Int) throws -> PlanExplanation {
        let m = MeasureCode(code.uppercased())
        guard let def = catalogue.planMeasures.first(where: { $0.code == m }) else {
            throw Explain.failure(PlanExplainText.notPlanMeasure(code, catalogue.planMeasureCodes.joined(separator: ", ")))
        }
        guard period.length == .half else { throw Explain.failure(PlanExplainText.halfYears) }
        guard let plan = try StoreRecords.plans(measures.reader).first(where: { $0.teryt == teryt && $0.measure == m.raw && $0.actionNo == actionNo }) else {
            throw Explain.failure(PlanExplainText.noPlanRow(teryt, m.raw, actionNo))
        }
        let base = Period(plan.baselinePeriod)
        let periods = [base, period].compactMap { $0 }
        // Clipped as compute clips them: a cost-based measure at the settled date (SPEC 5).
        let dates = ClipDates(asOf: asOf, costLagDays: costLagDays)
        let clipped = periods.compactMap { def.clipped($0, at: dates) }
        let db = measures.connections[0]
        try MeasureEngine.prepare(db, standard: standard)
        let rows = try MeasureEngine.compute(db: db, definition: def, periods: clipped, asOf: asOf)
            .filter { $0.grain == .municipality && $0.unitID == teryt && $0.facilityType.isEmpty && $0.dimension.isEmpty }
        let coverage = try Coverage.compute(db: measures.reader, periods: periods, asOf: asOf, costLagDays: costLagDays)
        let values = PlanValues(rows: rows, catalogue: catalogue, minCell: minCell, coverage: coverage, asOf: asOf,
                                costLagDays: costLagDays)
        let row = PlanProgress.rows([plan], values: values, directions: [m: def.direction], asOf: asOf).first { $0.period == period }
        return PlanExplanation(plan: plan, row: row, baselinePeriod: base, period: period,
                               baseline: rows.first { $0.period == base }, value: rows.first { $0.period == period },
                               schedule: PlanSchedule(plan, asOf: asOf))
    }

    public static func render(_ e: PlanExplanation, _ lang: Language = .en) -> String {
        typealias W = PlanExplainText
        let p = e.plan
        var out = ""
        func num(_ v: Double?) -> String { v.map(CSVText.number) ?? "—" }
        out += "plans.csv: " + (e.row.map { PlansCSV.text([$0]).split(separator: "\n").last.map(String.init) ?? "" }
                                ?? W.noRow(e.period.text, dropped: p.state == "dropped")(lang)) + "\n"
        out += "\(W.planRow(lang)): \(p.file):\(p.line)\n"
        out += "  teryt \(p.teryt), \(W.measureWord(lang)) \(p.measure), action_no \(p.actionNo): \(p.action)\n"
        out += "  \(W.ownerWord(lang)) \(p.owner); \(W.startWord(lang)) \(p.start), \(W.deadlineWord(lang)) \(p.deadline); "
            + "\(W.baselinePeriodWord(lang)) \(p.baselinePeriod); \(W.targetWord(lang)) \(CSVText.number(p.target)); \(W.stateWord(lang)) \(p.state)\n"
        func measure(_ label: Phrase, _ period: Period?, _ r: MeasureRow?, shown: Double?, flags: [String]) {
            guard let period else { out += "\(label(lang)): \(W.noPeriod(lang))\n"; return }
            out += "\(label(lang)): \(p.measure) \(period.text) \(W.municipalityWord(lang)) \(p.teryt): "
            if let r {
                let parts = W.formula(lang).components(separatedBy: "%@")
                out += parts[0] + num(r.value) + parts[1] + num(r.numerator) + parts[2] + num(r.denominator)
                if let n = r.n { out += ", n \(n)" }
                if r.value != nil && shown == nil { out += W.suppressed(lang) }
                if !flags.isEmpty { out += " [\(flags.joined(separator: ", "))]" }
            } else {
                out += W.noMeasureRow(lang)
            }
            out += "\n  \(W.recordsWord(lang)): miara explain \(p.measure) --unit \(p.teryt) --grain municipality --period \(period.text)\n"
        }
        measure(W.baseline, e.baselinePeriod, e.baseline, shown: e.row?.baseline, flags: [])
        measure(W.value, e.period, e.value, shown: e.row?.value, flags: e.row?.flags.map(\.rawValue) ?? [])
        if let r = e.row, let s = e.schedule {
            if let pr = r.progress, let b = r.baseline, let v = r.value {
                out += "\(W.progressFormula(lang)) = (\(num(v)) − \(num(b))) ÷ (\(num(r.target)) − \(num(b))) = \(num(pr))\n"
            } else {
                out += W.noProgress(lang) + "\n"
            }
            let done = r.clippedEnd - s.start + 1, whole = s.deadline - s.start + 1
            out += "\(W.elapsed(lang)) \(s.start.iso)…\(r.clippedEnd.iso) (\(done)) ÷ \(W.daysWord(lang)) \(s.start.iso)…\(s.deadline.iso) (\(whole)), "
                + "\(W.within01(lang)) = \(num(r.elapsed))\n"
            out += "\(W.assessment(lang)): \(r.assessment.rawValue) (\(W.firstThatHolds(lang)))\n"
        }
        return out
    }
}
