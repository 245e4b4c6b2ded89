import ArgumentParser
import Foundation
import MiaraPipeline
import MiaraReport
import MiaraStore

/// `miara status`: the latest runs and what the store holds.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the store's file counts and the latest runs, stage by stage.")
    @OptionGroup var options: PipelineOptions
    @Option(help: "How many runs to show.") var runs: Int = 10

    func run() throws {
        let config = try options.config()
        guard FileManager.default.fileExists(atPath: config.store) else {
            throw ConfigError(file: config.file ?? "--store", key: "store", "no store at \(config.store)")
        }
        let store = try Store(path: config.store)
        print("store: \(config.store)")
        let f = try store.db.query("""
            SELECT count(*), coalesce(sum(rows_read), 0), coalesce(sum(rows_accepted), 0), coalesce(sum(rows_rejected), 0),
                   count(file_check), max(ingested_at)
            FROM files
            """)[0]
        print("files: \(f[0].int ?? 0) (\(f[4].int ?? 0) rejected whole), rows read \(f[1].int ?? 0), accepted \(f[2].int ?? 0), rejected \(f[3].int ?? 0); last ingested \(f[5].text ?? "never")")
        for r in try store.db.query("SELECT dataset, count(*), sum(rows_accepted), sum(rows_rejected) FROM files GROUP BY dataset ORDER BY dataset") {
            print("  \(r[0].text ?? "")  \(r[1].int ?? 0) files, \(r[2].int ?? 0) accepted, \(r[3].int ?? 0) rejected")
        }
        if let latest = RunFolder.latest(in: URL(fileURLWithPath: config.outputs)) {
            print("latest: \(latest.path)")
        }
        let entries = try RunLog.recent(store.db, limit: runs)
        print(entries.isEmpty ? "runs: none" : "runs (newest first):")
        for e in entries {
            print("  \(e.runID)  \(e.command)  as-of \(e.asOf)  \(e.startedAt) → \(e.finishedAt ?? "…")  \(e.status)")
            for s in try StageLog.stages(store.db, runID: e.runID) {
                let rows = s.rows.map { "  rows \($0)" } ?? ""
                let time = s.finishedAt.map { " → " + String($0.dropFirst(11)) } ?? " → …"
                print("      \(s.stage.padding(toLength: 9, withPad: " ", startingAt: 0)) \(s.startedAt.dropFirst(11))\(time)  \(s.outcome)\(rows)")
            }
        }
    }
}
