import ArgumentParser
import Foundation
import MiaraPipeline

/// `miara run`: the nightly pipeline — lock, ingest, compute, report, publish, prune.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every stage: ingest new files, compute, publish a run folder, prune old ones.",
        discussion: """
            Exit status: 0 done; 1 failed (nothing published); 2 usage or configuration error; \
            3 done, but a file version read now (or by a run that did not complete) has a rejected share \
            above max_reject_share — given once per version: later runs with the same bytes exit 0 and \
            name the file as still pending — or a file could not be read; \
            75 another process holds the store's lock (<store>.lock) or <outputs>/.miara.lock.
            When nothing the outputs depend on changed since the last published run (files, as-of, \
            settings, catalogues, tool), its files are published again in a new run folder without \
            recomputing; its manifest says reused_from.
            """)
    @OptionGroup var options: PipelineOptions
    @OptionGroup var compute: ComputeOptions
    @Flag(name: .customLong("no-reuse"), help: "Compute and write every output even when nothing changed since the last published run.")
    var noReuse = false
    @Flag(help: "Print the seconds each measure computed this night took.")
    var timings = false

    func run() throws {
        let context = try options.context("run", mode: .write, adjust: { try compute.apply(to: &$0) })
        let config = context.config, console = context.console
        try config.checkBeforeWriting()
        if let notice = config.defaultsNotice { console.info(notice) }
        var stage = RunStage(config: config)
        stage.reuse = !noReuse
        if timings {
            stage.timing = { code, rows, secs in printError(String(format: "timing %@ %d rows %.2f s", code.raw, rows, secs)) }
        }
        let r = try stage.run(context)
        switch r.status {
        case .locked:
            console.error(console.t("miara: \(r.lockHolder ?? "inny przebieg trzyma blokadę"); nic nie zrobiono",
                                    "miara: \(r.lockHolder ?? "another run holds the lock"); nothing done"))
        case .overRejectShare:
            for line in RejectShareLines(config: config, console: console).lines(owed: r.owed, unread: r.unread, published: true) {
                console.error(line)
            }
        default: break
        }
        if r.status != .done { throw ExitCode(r.status.rawValue) }
    }
}
