import Foundation
import MiaraCatalogue
import MiaraValues

/// A run's settings (SPEC 11): read from a pipeline file, then overridden by command-line flags.
public struct PipelineConfig {
    /// The pipeline file, when one was given.
    public var file: String?
    public var inbox: String = "inbox"
    public var store: String = "Outputs/miara.sqlite"
    public var outputs: String = "Outputs"
    /// `yesterday` or `YYYY-MM-DD`.
    public var asOfText: String = "yesterday"
    public var periods: [String] = ["year", "halves", "quarters"]
    public var minCell: Int = 5
    public var maxRejectShare: Double = 0.05
    public var pseudonymKeyFile: String?
    /// The standard file; by default the one compiled into the tool.
    public var standard: String = CatalogueFiles.builtIn("standard.yaml")
    /// The folder of questionnaire maps; by default the ones compiled into the tool.
    public var surveys: String = CatalogueFiles.builtIn("surveys")
    /// The measure catalogue; by default the one compiled into the tool.
    public var measures: String = CatalogueFiles.builtIn("measures.yaml")
    public var targets: [String: Target] = [:]
    /// `cost_lag_days` (SPEC 5, 11): days after a month's end by which its costs are reported;
    /// places the settled date, up to which the cost-based measures run (`ClipDates`).
    public var costLagDays: Int = 0
    /// `headline` (SPEC 9.2, 11): the year the workbooks put first.
    public var headline: HeadlineChoice = .year
    public var language: Language = .pl
    public var author: String = "miara"
    /// Which run folders `miara prune` (and the nightly run after publishing) keeps; nil keeps all.
    public var keep: Retention?
    /// Where each key was set: the pipeline file and line, or the flag that overrode it.
    public var origins: [String: ConfigOrigin] = [:]

    /// A bound a published value should meet (`below_target` when missed).
    public struct Target: Equatable, Sendable {
        public var min: Double?
        public var max: Double?
    }

    public init() {}

    /// The flag that overrides each key.
    public static let flags: [String: String] = [
        "inbox": "--inbox", "store": "--store", "outputs": "--out", "as_of": "--as-of", "periods": "--period",
        "pseudonym_key_file": "--pseudonym-key", "min_cell": "--min-cell", "lang": "--lang",
    ]

    /// A configuration error about `key`, naming where it was set (file and line, or the flag).
    public func error(for key: String, _ message: Phrase) -> MiaraError {
        if let o = origins[key] { return MiaraError.configuration(file: o.file, line: o.line, key: o.line > 0 ? key : "", message) }
        return MiaraError.configuration(file: file ?? Self.flags[key] ?? key, key: file != nil ? key : "", message)
    }

    /// Records that a flag set `key`.
    public mutating func setByFlag(_ key: String) { origins[key] = ConfigOrigin(file: Self.flags[key] ?? key, line: 0) }

    /// The as-of date: `yesterday` is the day before `today` (UTC).
    public func asOf(today: Day = Day.today) throws -> Day {
        if asOfText.lowercased() == "yesterday" { return today.adding(days: -1) }
        if asOfText.lowercased() == "today" { return today }
        guard let d = Day(iso: asOfText) else {
            throw MiaraError.configuration(file: file ?? "--as-of", key: "as_of", Phrase(pl: "to nie data (RRRR-MM-DD albo yesterday): \(asOfText)",
                              en: "not a date (YYYY-MM-DD or yesterday): \(asOfText)"))
        }
        return d
    }

    /// Checks the paths a run writes and reads before anything is written: the inbox must not be
    /// empty text or a file; no folder above the store or the outputs may be a regular file.
    public func checkPaths() throws {
        if inbox.trimmingCharacters(in: .whitespaces).isEmpty { throw error(for: "inbox", Phrase(pl: "puste: podaj folder skrzynki", en: "empty: name the inbox folder")) }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: inbox, isDirectory: &isDir), !isDir.boolValue {
            throw error(for: "inbox", Phrase(pl: "\(inbox) jest plikiem, nie folderem", en: "\(inbox) is a file, not a folder"))
        }
        for (key, path, isFolder) in [("store", store, false), ("outputs", outputs, true)] {
            if path.trimmingCharacters(in: .whitespaces).isEmpty { throw error(for: key, Phrase(pl: "puste: podaj ścieżkę", en: "empty: name a path")) }
            var url = URL(fileURLWithPath: path).standardizedFileURL
            if !isFolder { url.deleteLastPathComponent() }
            while url.path != "/" {
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
                    if !isDir.boolValue {
                        throw error(for: key, Phrase(pl: "\(path) leży pod \(url.path), który jest plikiem, nie folderem",
                                                       en: "\(path) lies under \(url.path), which is a file, not a folder"))
                    }
                    break
                }
                url.deleteLastPathComponent()
            }
        }
        if let d = Day(iso: asOfText), d > Day.today {
            throw error(for: "as_of", ConfigText.asOfInFuture(asOfText, today: Day.today.iso))
        }
    }

    /// The periods to compute, expanded against the as-of date.
    public func resolvedPeriods(asOf: Day) throws -> [Period] {
        switch Period.expand(periods, asOf: asOf) {
        case .success(let p): return p
        case .failure(let e): throw MiaraError.configuration(file: file ?? "--period", key: "periods", e.phrase)
        }
    }

    /// Reads the pseudonym key (SPEC 1.4): the file must exist, be non-empty and be readable by its owner only.
    public func pseudonymiser() throws -> Pseudonymiser? {
        try pseudonymKeyBytes().map { Pseudonymiser(keyBytes: $0) }
    }

    /// SHA-256 of the key's bytes, the manifest's `pseudonym_key_sha256` (never the key itself);
    /// nil when no key is configured.
    public func pseudonymKeySHA256() throws -> String? {
        try pseudonymKeyBytes().map { FileScan.sha256(Data($0)) }
    }

    /// The key: the file's bytes without surrounding whitespace; nil when no key is configured.
    func pseudonymKeyBytes() throws -> [UInt8]? {
        guard let path = pseudonymKeyFile else { return nil }
        let where_ = file ?? "--pseudonym-key"
        // stat(2), not lstat: a key reached through a symlink is judged by its target.
        guard let m = PrivateFiles.mode(path) else {
            throw MiaraError.configuration(file: where_, key: "pseudonym_key_file", Phrase(
                              pl: "plik klucza \(path) nie istnieje; utwórz go: openssl rand -hex 32 > \(path); chmod 600 \(path) (i zrób jego kopię zapasową)",
                              en: "the key file \(path) does not exist; create it: openssl rand -hex 32 > \(path); chmod 600 \(path) (and back it up)"))
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw MiaraError.configuration(file: where_, key: "pseudonym_key_file", Phrase(pl: "plik klucza \(path) jest folderem, nie plikiem",
                              en: "the key file \(path) is a folder, not a file"))
        }
        let mode = Int(m)
        if mode & 0o077 != 0 {
            throw MiaraError.configuration(file: where_, key: "pseudonym_key_file", Phrase(
                              pl: "plik klucza \(path) jest czytelny dla innych (prawa \(String(mode, radix: 8))); wykonaj: chmod 600 \(path)",
                              en: "the key file \(path) is readable by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MiaraError.configuration(file: where_, key: "pseudonym_key_file", Phrase(pl: "nie można odczytać pliku klucza \(path)", en: "cannot read the key file \(path)"))
        }
        var bytes = [UInt8](data)
        while let l = bytes.last, l == 32 || l == 9 || l == 10 || l == 13 { bytes.removeLast() }
        while let f = bytes.first, f == 32 || f == 9 || f == 10 || f == 13 { bytes.removeFirst() }
        guard !bytes.isEmpty else { throw MiaraError.configuration(file: where_, key: "pseudonym_key_file", Phrase(pl: "plik klucza \(path) jest pusty", en: "the key file \(path) is empty")) }
        return bytes
    }
}

extension Day {
    /// Today's date in UTC.
    public static var today: Day {
        let secs = Int(Date().timeIntervalSince1970)
        return Day(ordinal: secs >= 0 ? secs / 86400 : (secs - 86399) / 86400)
    }
}

/// Where a setting came from: a pipeline file and line, or a flag (line 0).
public struct ConfigOrigin: Sendable, Equatable {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
}
