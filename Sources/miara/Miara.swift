import ArgumentParser
import Foundation
import MiaraPipeline

/// The `miara` command: a thin layer of ArgumentParser commands over MiaraPipeline.
@main
struct Miara: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miara",
        abstract: "Measures of social services for homeless people: ingest, compute, report.",
        discussion: "Documentation (Polish and English): \(DocumentationPath.installed ?? "the docs/ folder of the project") — README.md, input-files.md, measures.md, checks.md, outputs.md, running-nightly.md; man miara.",
        version: VersionText.text,
        subcommands: [Ingest.self, Compute.self, Report.self, Run.self, Validate.self, Template.self, Plan.self, Explain.self, Verify.self,
                      Status.self, Prune.self, Docs.self, Generate.self, Demo.self, BenchXLSX.self])

    /// The language of the messages `main` prints itself: Polish unless `--lang en` (or the
    /// pipeline's `lang: en`) was read; set once the options are resolved (`PipelineOptions.config`).
    // nonisolated(unsafe) proof: set on the main thread while the options are read, before any other thread starts.
    nonisolated(unsafe) static var language: Language = CommandLine.arguments.contains("en")
        && zip(CommandLine.arguments, CommandLine.arguments.dropFirst()).contains { $0 == "--lang" && $1 == "en" }
        || CommandLine.arguments.contains("--lang=en") ? .en : .pl

    /// Runs a command, mapping configuration errors and bad usage to exit status 2. Every message
    /// goes through the console (one place where PESELs are masked).
    static func main() {
        // No process-wide umask: outputs follow the user's (a manager reads Outputs/latest from a
        // share); the store, rejects.csv and `explain --csv` are created 0600 (decisions.md 119).
        // A closed standard output (`miara run | head -1`) must not kill the night: with SIGPIPE
        // ignored a write fails with EPIPE, which the console drops (`Console.write`), and the run
        // goes on to publish.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as MiaraError {
            // One error shape (MiaraError): its message in the run's language, its exit status by code.
            printError("miara: " + (e.isConfiguration ? ConfigText.prefix(Miara.language) + ": " : "") + e.text(Miara.language))
            Foundation.exit(e.exitStatus)
        } catch let e as ExitCode {
            Foundation.exit(e.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            if code == .success { exit(withError: error) }
            // Any other failure in the one shape: the system's own sentence as its cause.
            let e = MiaraError.wrapping(error)
            printError("miara: " + e.text(Miara.language))
            Foundation.exit(e.exitStatus)
        }
    }
}
