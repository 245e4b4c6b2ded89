import Foundation
import Logging
import MiaraReport
import MiaraValues

/// How much the console prints: errors only (cron), one line per dataset, or a line per file.
public enum ConsoleMode: String, Sendable, CaseIterable {
    case quiet, normal, verbose
}

/// The one printer of every line miara shows people. Each line passes through `mask` here, once
/// (a PESEL never reaches the terminal or the cron mail). On a terminal it draws progress bars on
/// standard error; elsewhere (cron, a pipe) each line starts with a UTC timestamp.
// @unchecked proof: `mask`, `write` and `now` are set before the printer is handed to other threads (by its creator, tests) and `progressShown` is used only under `lock`.
public final class Printer: @unchecked Sendable {
    public let mode: ConsoleMode
    public let language: Language
    /// Lines start with `2026-12-01T02:30:05Z ` (true when standard output is not a terminal).
    public let timestamps: Bool
    /// Progress bars on standard error (only when it is a terminal).
    public let progressBars: Bool
    /// Colours for warnings and errors (a terminal, and `NO_COLOR` unset).
    public let colour: Bool
    /// The masking every line passes through.
    public var mask: (String) -> String = PersonalData.masked
    /// Where lines go; tests capture them. `isError` is true for standard error.
    public var write: (String, _ isError: Bool) -> Void = { text, isError in
        // Never traps on a closed pipe (a cron mail reader gone, `| head`).
        try? (isError ? FileHandle.standardError : FileHandle.standardOutput).write(contentsOf: Data(text.utf8))
    }
    /// The clock of the timestamps (tests fix it).
    public var now: () -> Date = Date.init
    private let lock = NSLock()
    private var progressShown = false

    public init(mode: ConsoleMode = .normal, language: Language = .pl, timestamps: Bool? = nil, progressBars: Bool? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.mode = mode
        self.language = language
        let outTTY = isatty(STDOUT_FILENO) != 0, errTTY = isatty(STDERR_FILENO) != 0
        self.timestamps = timestamps ?? !outTTY
        self.progressBars = (progressBars ?? errTTY) && mode != .quiet
        self.colour = errTTY && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// The console of a command run without options (normal mode, Polish).
    public static let standard = Printer()

    /// Picks the Polish or the English text.
    public func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }

    /// A line of the default output (also shown with `--verbose`).
    public func info(_ line: String) { if mode != .quiet { emit(line, isError: false) } }

    /// A line shown only with `--verbose`.
    public func detail(_ line: String) { if mode == .verbose { emit(line, isError: false) } }

    /// A warning: shown unless `--quiet`; on standard error.
    public func warning(_ line: String) {
        if mode != .quiet { emit(colour ? "\u{1B}[33m\(line)\u{1B}[0m" : line, isError: true) }
    }

    /// An error: always shown, on standard error.
    public func error(_ line: String) { emit(colour ? "\u{1B}[31m\(line)\u{1B}[0m" : line, isError: true) }

    private func emit(_ line: String, isError: Bool) {
        lock.lock(); defer { lock.unlock() }
        clearProgressLocked()
        let stamp = timestamps ? UTCTimestamp.string(now()) + " " : ""
        write(stamp + mask(line) + "\n", isError)
    }

    // MARK: progress

    /// Draws a progress bar on a terminal: `ingest [#####·····] 45/109 files, 12.3/s, 0:09 left`.
    public func progress(_ stage: String, done: Int, total: Int, unit: String, started: Date) {
        guard progressBars, total > 0 else { return }
        let width = 24
        let filled = min(width, done * width / total)
        let elapsed = now().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Int(Double(total - done) / rate) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        let text = "\(stage) [\(bar)] \(done)/\(total) \(unit), \(String(format: "%.1f", rate))/s, "
            + t("zostało", "left") + " \(left / 60):\(String(format: "%02d", left % 60))"
        lock.lock(); defer { lock.unlock() }
        write("\r\u{1B}[2K" + text, true)
        progressShown = true
    }

    /// Shows on a terminal that a stage without a known length is running (`compute …`); the
    /// next line printed, or `endProgress`, removes it.
    public func stageStarted(_ stage: String) {
        guard progressBars else { return }
        lock.lock(); defer { lock.unlock() }
        write("\r\u{1B}[2K\(stage) …", true)
        progressShown = true
    }

    /// Removes the progress bar (before a line is printed, and at the end of a stage).
    public func endProgress() { lock.lock(); clearProgressLocked(); lock.unlock() }

    private func clearProgressLocked() {
        if progressShown { write("\r\u{1B}[2K", true); progressShown = false }
    }
}
