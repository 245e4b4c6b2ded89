import MiaraIngest
import MiaraStore
import MiaraValues

/// The error lines of an exit 3 (SPEC 10), one per file, each starting `miara: ` so the nightly
/// wrapper can put them into its mail as they are, in the pipeline's language:
/// `miara: ngo/stays/x.csv: odrzucono 100 % wierszy, powyżej max_reject_share 5 %`.
public struct RejectShareLines {
    public let config: PipelineConfig
    public let console: Printer

    public init(config: PipelineConfig, console: Printer) { self.config = config; self.console = console }

    /// The lines of the versions whose exit 3 this command gives and of the files it could not
    /// read; `published` adds that the run's outputs were written and marked.
    public func lines(owed: [RejectShareNotice], unread: [FileReport], published: Bool) -> [String] {
        let c = console, lang = config.language
        let limit = RejectShare.percent(config.maxRejectShare, lang)
        let tail = published ? c.t(" (wyniki zapisane i oznaczone)", " (outputs written and marked)") : ""
        var out = owed.map { n in
            let share = RejectShare.percent(n.share, lang)
            return c.t("miara: \(n.path): odrzucono \(share) wierszy, powyżej max_reject_share \(limit)",
                       "miara: \(n.path): \(share) of rows rejected, above max_reject_share \(limit)") + tail
        }
        out += unread.map { f in
            c.t("miara: \(f.path): nie wczytano (\(f.failure ?? "")); próba przy każdym przebiegu",
                "miara: \(f.path): not read (\(f.failure ?? "")); tried again on every run") + tail
        }
        return out
    }
}
