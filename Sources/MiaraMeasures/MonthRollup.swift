import Foundation
import MiaraStore
import MiaraValues

/// The month grain of the measures whose catalogue entry says `months: true`: each month a night
/// needs is computed once (its shared relations built for the month, the measure file run with
/// the month's `:s` and `:e`) into a `RollupAccumulator`, and a period's accumulator is the merge
/// of its months' (exact: counts and sums add, person sets unite, median values join), so its
/// rows are the rows of one query over the whole period. A year, its halves, its quarters and
/// their previous periods read each month once instead of up to five times.
enum MonthRollup {
    /// The engine's parameters that are bounds of the whole period: a measure rolled up from
    /// months may not read them (the catalogue refuses such an entry).
    static let periodParameters = ["ps", "pe", "days"]

    /// The `:name` parameters a query names (in its text; comments included, which only refuses more).
    static func parameterNames(in sql: String) -> Set<String> {
        var out = Set<String>()
        let b = Array(sql.utf8)
        func isIdent(_ c: UInt8) -> Bool { c == 95 || (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 122) }
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: ":"), i + 1 < b.count, isIdent(b[i + 1]), !(i > 0 && b[i - 1] == UInt8(ascii: ":")) {
                var j = i + 1
                while j < b.count && isIdent(b[j]) { j += 1 }
                out.insert(String(decoding: b[(i + 1)..<j], as: UTF8.self))
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// The months of a clipped period, each clipped where the period is (the month in which a
    /// clipped period ends runs to that day).
    static func months(of p: ClippedPeriod) -> [ClippedPeriod] {
        Coverage.monthPeriods(p).compactMap { $0.clipped(asOf: p.end) }
    }

    /// One month's work: the month and the catalogue entries (indexes) computed over it.
    struct Job: Sendable {
        var month: ClippedPeriod
        var entries: [Int]
    }

    /// The months `pending` (entry index, clipped period) pairs read, each with the entries that
    /// read it: longest months first (so the connections finish together), then in calendar order.
    static func jobs(_ pending: [(entry: Int, period: ClippedPeriod)]) -> [Job] {
        var entries: [ClippedPeriod: Set<Int>] = [:]
        for (d, p) in pending { for m in months(of: p) { entries[m, default: []].insert(d) } }
        return entries.keys.sorted { a, b in
            a.days != b.days ? a.days > b.days : (a.start != b.start ? a.start < b.start : a.end < b.end)
        }.map { Job(month: $0, entries: entries[$0]!.sorted()) }
    }

    /// Runs one month's job on `db` (prepared with `MeasureEngine.prepare`): builds the month's
    /// shared relations that its entries read, and accumulates each entry's contributions.
    /// Returns each entry's accumulator or failure, by entry index, with the seconds it took.
    static func run(_ job: Job, definitions defs: [MeasureDefinition], needs: [Set<SharedRelations.Relation>],
                    asOf: Day, on db: MeasureConnection) -> [Int: (accumulator: Result<RollupAccumulator, Error>, seconds: Double)] {
        var out: [Int: (accumulator: Result<RollupAccumulator, Error>, seconds: Double)] = [:]
        var built = SharedRelations.Built()
        for d in job.entries {
            let t0 = Date()
            let r = Result { () throws -> RollupAccumulator in
                try built.ensure(needs[d], for: job.month, on: db)
                return try MeasureEngine.accumulate(db: db, definition: defs[d], period: job.month, asOf: asOf)
            }
            out[d] = (r, Date().timeIntervalSince(t0))
        }
        return out
    }

    /// The accumulator of `period`: the merge of its months' (nil when one was not computed; the
    /// failure of the first that failed, in calendar order).
    static func merged(_ d: MeasureDefinition, _ period: ClippedPeriod,
                       from months: [ClippedPeriod: Result<RollupAccumulator, Error>]) throws -> RollupAccumulator? {
        var acc = RollupAccumulator(d)
        for m in Self.months(of: period) {
            guard let part = months[m] else { return nil }
            acc.merge(try part.get())
        }
        return acc
    }
}
