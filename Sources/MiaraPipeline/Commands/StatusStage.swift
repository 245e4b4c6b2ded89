import Foundation
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara status`: the store's file counts per dataset and the latest runs, stage by stage.
public struct StatusStage {
    /// How many runs to show.
    public var runs: Int
    public init(runs: Int = 10) { self.runs = runs }

    /// The lines to print, in the run's language; the store is only read.
    public func run(_ context: RunContext) throws -> [String] {
        let config = context.config, c = context.console
        var out: [String] = []
        let store = try context.store()
        out.append(c.t("magazyn: \(config.store)", "store: \(config.store)"))
        try store.read { db in
            let files = try StoreRecords.files(db)
            let read = files.reduce(0) { $0 + $1.rowsRead }, accepted = files.reduce(0) { $0 + $1.rowsAccepted }
            let rejected = files.reduce(0) { $0 + $1.rowsRejected }, whole = files.filter { $0.fileCheck != nil }.count
            let last = files.map(\.ingestedAt).max { $0.bytewisePrecedes($1) }
            out.append(c.t("\(CountedNoun.file(files.count, .pl)) (odrzucone w całości: \(whole)), wiersze odczytane: \(read), przyjęte: \(accepted), odrzucone: \(rejected); ostatnie wczytanie: \(last ?? "nigdy")",
                           "files: \(files.count) (\(whole) rejected whole), rows read \(read), accepted \(accepted), rejected \(rejected); last ingested \(last ?? "never")"))
            let pending = try StoreRecords.pendingRows(db).reduce(into: [String: Int]()) { $0[$1.dataset, default: 0] += $1.count }
            for d in try StoreRecords.datasetTotals(db) {
                let p = pending[d.dataset] ?? 0
                out.append("  \(d.dataset)  " + c.t("\(CountedNoun.file(d.files, .pl)), przyjęte: \(d.rowsAccepted), odrzucone: \(d.rowsRejected), w tym oczekujące: \(p)",
                                                    "\(d.files) files, \(d.rowsAccepted) accepted, \(d.rowsRejected) rejected, of which pending \(p)"))
            }
            if let latest = RunFolder.latest(in: URL(fileURLWithPath: config.outputs)) {
                out.append(c.t("najnowsze wyniki: \(latest.path)", "latest: \(latest.path)"))
            }
            let entries = try RunLog.recent(db, limit: runs)
            out.append(entries.isEmpty ? c.t("przebiegi: brak", "runs: none") : c.t("przebiegi (od najnowszego):", "runs (newest first):"))
            for e in entries {
                out.append("  \(e.runID)  \(e.command)  " + c.t("stan na", "as-of") + " \(e.asOf)  \(e.startedAt) → \(e.finishedAt ?? "…")  \(StageNames.label(e.status, config.language))")
                for s in try StageLog.stages(db, runID: e.runID) {
                    let rows = s.rows.map { c.t("  wiersze ", "  rows ") + "\($0)" } ?? ""
                    let time = s.finishedAt.map { " → " + String($0.dropFirst(11)) } ?? " → …"
                    let stage = StageNames.label(s.stage, config.language)
                    out.append("      \(stage.padding(toLength: config.language == .pl ? 11 : 9, withPad: " ", startingAt: 0)) \(s.startedAt.dropFirst(11))\(time)  \(StageNames.label(s.outcome, config.language))\(rows)")
                }
            }
        }
        return out
    }
}
