import Foundation
import MiaraValues

/// Runs a program and collects what it printed. Both pipes are drained at once (standard error
/// on a second thread), so a program that fills one pipe while the test reads the other cannot
/// deadlock.
public enum Subprocess {
    /// What a finished program left: its exit status (or the signal that ended it, as 128 + n)
    /// and its standard output and error.
    public struct Result {
        public let status: Int32
        public let signalled: Bool
        public let outData: Data
        public let errData: Data
        public var out: String { String(decoding: outData, as: UTF8.self) }
        public var err: String { String(decoding: errData, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments` in `cwd`; `environment` entries are added to this
    /// process's environment (or replace it whole with `cleanEnvironment`); `input` is written
    /// to its standard input (none: /dev/null).
    public static func run(_ executable: URL, _ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:],
                           cleanEnvironment: Bool = false, input: Data? = nil) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = cwd }
        let base = cleanEnvironment ? [:] : ProcessInfo.processInfo.environment
        p.environment = base.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let stdin = input.map { _ in Pipe() }
        p.standardInput = stdin ?? FileHandle.nullDevice
        try p.run()
        // Standard error is drained by a second thread while this one reads standard output, so
        // neither pipe can fill up and stop the binary.
        let errors = WorkPool.start { err.fileHandleForReading.readDataToEndOfFile() }
        if let stdin, let input {
            _ = WorkPool.start {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = try errors.wait()
        p.waitUntilExit()
        let signalled = p.terminationReason == .uncaughtSignal
        return Result(status: signalled ? 128 + p.terminationStatus : p.terminationStatus, signalled: signalled,
                      outData: outData, errData: errData)
    }
}

/// The `miara` executable built beside the test bundle (`.build/debug/miara`).
public enum MiaraBinary {
    public struct NotBuilt: Error, CustomStringConvertible {
        public let description: String
    }

    /// Its location; throws when it is not built (a test through the binary must fail then,
    /// not pass or skip: `swift test` builds it).
    public static func url() throws -> URL {
        // MIARA_BINARY runs the tests through another build (an older commit's binary, to show a
        // test failing on the code it was written against).
        if let other = ProcessInfo.processInfo.environment["MIARA_BINARY"], !other.isEmpty { return URL(fileURLWithPath: other) }
        var dirs = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                    Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        dirs += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for d in dirs {
            let u = d.appendingPathComponent("miara")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue,
               FileManager.default.isExecutableFile(atPath: u.path) {
                return u
            }
        }
        throw NotBuilt(description: "the miara binary is not built beside the tests (looked in \(dirs.map(\.path)))")
    }

    /// Runs `miara args…`; see `Subprocess.run`.
    public static func run(_ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:],
                           input: Data? = nil) throws -> Subprocess.Result {
        try Subprocess.run(url(), arguments, cwd: cwd, environment: environment, input: input)
    }
}
