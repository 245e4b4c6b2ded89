import Logging

/// A swift-log handler that hands every message to the run's `Printer`, so logging and the
/// console are one stream with one masking point. Levels map onto the console modes: `error`
/// and `critical` always show; `warning` and `notice` in the default mode; `info` with `--verbose`;
/// `debug` and `trace` never.
public struct ConsoleLogHandler: LogHandler {
    public let console: Printer
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public init(console: Printer) { self.console = console }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        let text = message.description
        switch level {
        case .critical, .error: console.error(text)
        case .warning: console.warning(text)
        case .notice: console.info(text)
        case .info: console.detail(text)
        case .debug, .trace: break
        }
    }
}

extension Printer {
    /// A logger whose messages go to this console.
    public func logger(_ label: String = "miara") -> Logger {
        Logger(label: label) { _ in ConsoleLogHandler(console: self) }
    }
}
