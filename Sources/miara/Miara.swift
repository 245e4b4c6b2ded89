import ArgumentParser
import Foundation
import MiaraPipeline

/// The `miara` command: a thin layer of ArgumentParser commands over MiaraPipeline.
@main
struct Miara: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miara",
        abstract: "Measures of social services for homeless people: ingest, compute, report.",
        subcommands: [Ingest.self, Compute.self, Report.self, Run.self, Validate.self, Template.self, Explain.self, Verify.self, Status.self, Generate.self, Demo.self, BenchXLSX.self])

    /// Runs a command, mapping configuration errors and bad usage to exit status 2 (SPEC 10).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as ConfigError {
            FileHandle.standardError.write(Data("miara: configuration error: \(e)\n".utf8))
            Foundation.exit(2)
        } catch let e as ExitCode {
            Foundation.exit(e.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            if code == .success { exit(withError: error) }
            FileHandle.standardError.write(Data("miara: \(error)\n".utf8))
            Foundation.exit(1)
        }
    }
}
