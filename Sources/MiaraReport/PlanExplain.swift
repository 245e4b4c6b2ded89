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
            throw Explain.Failure("\(code) is not a benchmarked measure a plan can name (\(catalogue.planMeasureCodes.joined(separator: ", ")))")
        }
        guard period.length == .half else { throw Explain.Failure("a plan is monitored by half-years: give --period YYYYH1 or YYYYH2") }
        guard let plan = try StoreRecords.plans(measures.reader).first(where: { $0.teryt == teryt && $0.measure == m.raw && $0.actionNo == actionNo }) else {
            throw Explain.Failure("no accepted plan row (teryt \(teryt), measure \(m.raw), action_no \(actionNo)) in the store")
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

    public static func render(_ e: PlanExplanation) -> String {
        let p = e.plan
        var out = ""
        func num(_ v: Double?) -> String { v.map(CSVText.number) ?? "—" }
        out += "plans.csv: " + (e.row.map { PlansCSV.text([$0]).split(separator: "\n").last.map(String.init) ?? "" }
                                ?? "no row for \(e.period.text) (\(p.state == "dropped" ? "the action is dropped" : "the half-year is not monitored"))") + "\n"
        out += "plan row: \(p.file):\(p.line)\n"
        out += "  teryt \(p.teryt), measure \(p.measure), action_no \(p.actionNo): \(p.action)\n"
        out += "  owner \(p.owner); start \(p.start), deadline \(p.deadline); baseline_period \(p.baselinePeriod); target \(CSVText.number(p.target)); state \(p.state)\n"
        func measure(_ label: String, _ period: Period?, _ r: MeasureRow?, shown: Double?, flags: [String]) {
            guard let period else { out += "\(label): no period\n"; return }
            out += "\(label): \(p.measure) \(period.text) municipality \(p.teryt): "
            if let r {
                out += "value \(num(r.value)) = numerator \(num(r.numerator)) ÷ denominator \(num(r.denominator))"
                if let n = r.n { out += ", n \(n)" }
                if r.value != nil && shown == nil { out += " (suppressed in plans.csv: below min_cell)" }
                if !flags.isEmpty { out += " [\(flags.joined(separator: ", "))]" }
            } else {
                out += "no row (the period starts after the as-of date)"
            }
            out += "\n  records: miara explain \(p.measure) --unit \(p.teryt) --grain municipality --period \(period.text)\n"
        }
        measure("baseline", e.baselinePeriod, e.baseline, shown: e.row?.baseline, flags: [])
        measure("value", e.period, e.value, shown: e.row?.value, flags: e.row?.flags.map(\.rawValue) ?? [])
        if let r = e.row, let s = e.schedule {
            if let pr = r.progress, let b = r.baseline, let v = r.value {
                out += "progress = (value − baseline) ÷ (target − baseline) = (\(num(v)) − \(num(b))) ÷ (\(num(r.target)) − \(num(b))) = \(num(pr))\n"
            } else {
                out += "progress: none (no value or no baseline, or the target equals the baseline)\n"
            }
            let done = r.clippedEnd - s.start + 1, whole = s.deadline - s.start + 1
            out += "elapsed = days \(s.start.iso)…\(r.clippedEnd.iso) (\(done)) ÷ days \(s.start.iso)…\(s.deadline.iso) (\(whole)), within [0, 1] = \(num(r.elapsed))\n"
            out += "assessment: \(r.assessment.rawValue) (the first that holds: met, no_value, overdue, on_track, behind)\n"
        }
        return out
    }
}
