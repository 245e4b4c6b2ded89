import ArgumentParser
import Foundation
import MiaraPipeline
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara status`: the latest runs and what the store holds.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the store's file counts and the latest runs, stage by stage.")
    @OptionGroup var options: PipelineOptions
    @Option(help: "How many runs to show.") var runs: Int = 10

    func run() throws {
        let config = try options.config()
        let store = try PrivateFiles.openStoreForReading(config.store, missing: config.missingStore())
        let c = options.console(config)
        print(c.t("magazyn: \(config.store)", "store: \(config.store)"))
        let files = try StoreRecords.files(store.db)
        let read = files.reduce(0) { $0 + $1.rowsRead }, accepted = files.reduce(0) { $0 + $1.rowsAccepted }
        let rejected = files.reduce(0) { $0 + $1.rowsRejected }, whole = files.filter { $0.fileCheck != nil }.count
        let last = files.map(\.ingestedAt).max { $0.bytewisePrecedes($1) }
        print(c.t("\(CountedNoun.file(files.count, .pl)) (odrzucone w całości: \(whole)), wiersze odczytane: \(read), przyjęte: \(accepted), odrzucone: \(rejected); ostatnie wczytanie: \(last ?? "nigdy")",
                  "files: \(files.count) (\(whole) rejected whole), rows read \(read), accepted \(accepted), rejected \(rejected); last ingested \(last ?? "never")"))
        let pending = try StoreRecords.pendingRows(store.db).reduce(into: [String: Int]()) { $0[$1.dataset, default: 0] += $1.count }
        for d in try StoreRecords.datasetTotals(store.db) {
            let p = pending[d.dataset] ?? 0
            print("  \(d.dataset)  " + c.t("\(CountedNoun.file(d.files, .pl)), przyjęte: \(d.rowsAccepted), odrzucone: \(d.rowsRejected), w tym oczekujące: \(p)",
                                           "\(d.files) files, \(d.rowsAccepted) accepted, \(d.rowsRejected) rejected, of which pending \(p)"))
        }
        if let latest = RunFolder.latest(in: URL(fileURLWithPath: config.outputs)) {
            print(c.t("najnowsze wyniki: \(latest.path)", "latest: \(latest.path)"))
        }
        let entries = try RunLog.recent(store.db, limit: runs)
        print(entries.isEmpty ? c.t("przebiegi: brak", "runs: none") : c.t("przebiegi (od najnowszego):", "runs (newest first):"))
        for e in entries {
            print("  \(e.runID)  \(e.command)  " + c.t("stan na", "as-of") + " \(e.asOf)  \(e.startedAt) → \(e.finishedAt ?? "…")  \(StageNames.label(e.status, config.language))")
            for s in try StageLog.stages(store.db, runID: e.runID) {
                let rows = s.rows.map { c.t("  wiersze ", "  rows ") + "\($0)" } ?? ""
                let time = s.finishedAt.map { " → " + String($0.dropFirst(11)) } ?? " → …"
                let stage = StageNames.label(s.stage, config.language)
                print("      \(stage.padding(toLength: config.language == .pl ? 11 : 9, withPad: " ", startingAt: 0)) \(s.startedAt.dropFirst(11))\(time)  \(StageNames.label(s.outcome, config.language))\(rows)")
            }
        }
    }
}
