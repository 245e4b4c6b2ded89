import Foundation
import MiaraTestSupport
import MiaraValues
import XCTest

/// Under `lang: pl` every command speaks Polish (issue 22): each command — and its error paths —
/// runs through the binary with `--lang pl`, and every line it prints, on either stream, is
/// checked word by word against an English vocabulary taken from the dictionary itself (the
/// English side of `Sources/MiaraValues/Wording`, less every word its Polish side also uses)
/// and a list of common English words. Codes, paths, flags and values are left out.
final class PolishOperationTests: XCTestCase {
    /// Common English words (function words and the verbs of messages) that no Polish sentence holds.
    static let common: Set<String> = [
        "the", "of", "and", "with", "for", "from", "into", "is", "are", "was", "were", "be", "been", "has", "have", "had",
        "not", "does", "cannot", "can", "will", "would", "should", "must", "this", "that", "these", "those", "which", "what",
        "when", "where", "there", "their", "its", "it", "than", "then", "only", "every", "each", "all", "any", "some", "none",
        "never", "yet", "still", "already", "after", "before", "between", "under", "above", "below", "without", "within",
        "found", "expected", "missing", "unknown", "give", "run", "read", "write", "written", "file", "files", "row", "rows",
        "record", "records", "value", "values", "first", "last", "new", "old", "same", "other", "outputs", "inputs", "match",
        "matches", "changed", "unchanged", "skipped", "accepted", "rejected", "pending", "done", "failed", "error", "warning",
        "warnings", "store", "inbox", "folder", "period", "measure", "measures", "unit", "total", "results", "recorded",
        "checked", "compared", "exist", "exists", "empty", "duplicate", "readable", "unreadable", "neither", "nor", "without",
        "wrote", "written", "template", "templates", "workbook", "workbooks", "pages", "see", "use", "try", "again",
    ]

    /// Words both languages write alike (a code or a name the Polish side uses too is already
    /// left out by the dictionary; these are short words that are also Polish).
    static let polishToo: Set<String> = ["to", "on", "no", "a", "i", "w", "z", "o", "u", "ok", "data", "plan", "status", "demo", "min", "max",
                                         "same", "folder", "map", "sum", "test"]

    /// The English words of the dictionary: every `en:` text (and `enOne`/`enMany`, the English of
    /// the label table and the checks), less the words of every Polish text beside it.
    static let dictionaryEnglish: Set<String> = {
        var en = Set<String>(), pl = Set<String>()
        let folder = Repository.root.appendingPathComponent("Sources/MiaraValues/Wording")
        var files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map { folder.appendingPathComponent($0) }
        files += ["CheckCode.swift", "CountedNoun.swift", "ColumnLabels.swift"].map {
            Repository.root.appendingPathComponent("Sources/MiaraValues").appendingPathComponent($0)
        }
        func words(_ s: String) -> [String] {
            // Interpolations (`\(path)`) are values, not words.
            let plain = s.replacingOccurrences(of: #"\\\([^)]*\)"#, with: " ", options: .regularExpression)
            return plain.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
        }
        let pairs: [(String, Int, Int)] = [
            (#"pl:\s*"((?:[^"\\]|\\.)*)",?\s*(?:\n\s*)?en:\s*"((?:[^"\\]|\\.)*)""#, 1, 2),    // Phrase(pl:, en:)
            (#"\(\s*"((?:[^"\\]|\\.)*)",\s*(?:\n\s*)?"((?:[^"\\]|\\.)*)"\s*\)"#, 1, 2),       // label table ("pl", "en")
            (#"\.row,\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)""#, 1, 2),                  // checks
            (#"\.(?:file|warning),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)""#, 1, 2),
            (#"many:\s*"([^"]*)",\s*enOne:\s*"([^"]*)""#, 1, 2),
            (#"few:\s*"([^"]*)",[^\n]*enMany:\s*"([^"]*)""#, 1, 2),
        ]
        for url in files {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let ns = text as NSString
            for (pattern, p, e) in pairs {
                let re = try! NSRegularExpression(pattern: pattern)
                for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    pl.formUnion(words(ns.substring(with: m.range(at: p))))
                    en.formUnion(words(ns.substring(with: m.range(at: e))))
                }
            }
        }
        return en.subtracting(pl).filter { $0.count > 1 }
    }()

    /// The codes the inputs use (dataset columns and code lists): written as they are in Polish text.
    static let codes: Set<String> = {
        // Command names (status lists the command of each run), grains, units of explain's header,
        // measure flags and aggregate functions are written as codes.
        var out: Set<String> = ["run", "ingest", "compute", "report", "all", "count", "median", "sum", "mean", "provisional",
                                "suppressed", "incomplete", "overall"]
        for d in Datasets.all {
            for c in d.columns { out.formUnion(c.name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)) }
        }
        return out
    }()

    static var english: Set<String> { common.union(dictionaryEnglish).subtracting(polishToo).subtracting(codes) }

    /// The English words of `text`: a word is a run of letters; tokens holding `/`, `.`, `_`, `=`,
    /// `:`, `@`, a digit, a leading `--` (paths, file names, codes, flags, ids, values) and tokens
    /// in parentheses or backquotes (a code named beside its Polish word, `licznik (numerator)`)
    /// and record keys in brackets are left out.
    static func englishWords(_ text: String, vocabulary: Set<String> = english) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            // A record's key in brackets is the catalogue's identifier of the record, not a message;
            // a parenthesised or backquoted code may hold spaces (`(no entries)` from a ZIP reader).
            let line = line.replacingOccurrences(of: #"\[[^\]]*\]|\([^()]*\)|`[^`]*`"#, with: " ", options: .regularExpression)
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" }) {
                let t = String(token)
                if t.hasPrefix("--") || t.hasPrefix("(") || t.hasSuffix(")") || t.hasPrefix("`") || t.hasPrefix("[") { continue }
                if t.contains(where: { "/._=:@<>0123456789".contains($0) }) { continue }
                let word = t.filter(\.isLetter).lowercased()
                if vocabulary.contains(word) { found.append("\(word) in: \(line)") }
            }
        }
        return found
    }

    func testTheVocabularyComesFromTheDictionaryAndLeavesPolishAlone() {
        let v = Self.english
        // English words of the dictionary's own texts, not in the hand-written list…
        for w in ["archive", "recomputed", "published", "baseline", "schema", "outcome"] where !Self.codes.contains(w) {
            XCTAssertTrue(v.contains(w), "\(w) is not in the vocabulary (\(Self.dictionaryEnglish.count) words from the dictionary)")
        }
        // …and never a word the Polish side writes.
        for w in ["plik", "wiersze", "magazyn", "brak", "odrzucone", "pliki", "plików"] { XCTAssertFalse(v.contains(w), w) }
        XCTAssertGreaterThan(Self.dictionaryEnglish.count, 300)
    }

    func testTheScannerFindsEnglishAndLeavesCodesAndPathsAlone() {
        XCTAssertEqual(Self.englishWords("ok: 36 outputs match the manifest").count, 3)
        XCTAssertEqual(Self.englishWords("licznik (numerator) ngo/stays/the-file.csv --store E01 facility_type=shelter [UM/1 (6 cost rows)]"), [])
        XCTAssertEqual(Self.englishWords("plik nieczytelny: a.xlsx is not a readable zip archive (missingEndOfCentralDirectoryRecord)").count, 4)
    }

    /// Every command of the CLI and its error paths, in Polish, on the tiny inbox with the demo's
    /// corruptions (a broken XLSX, a file in neither encoding, a programme without end, …).
    func testEveryCommandInPolishPrintsNoEnglishWord() throws {
        let ws = try ReportHarness.workspace(ingested: false)
        let p = ["--pipeline", ws.pipeline.path, "--lang", "pl"]
        let latest = ws.outputs.appendingPathComponent("latest").path
        let out = ws.dir.appendingPathComponent("t").path
        let programmes = try XCTUnwrap(FileManager.default.enumerator(atPath: ws.inbox.appendingPathComponent("mops/programmes").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix(".csv") })
        let teryt = String(programmes.prefix(7))
        // A pipeline with an unknown key, and a key file readable by others.
        try (ReportHarness.pipelineYAML(maxRejectShare: 0.05) + "colour: red\n").write(to: ws.dir.appendingPathComponent("unknown.yaml"), atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: ws.dir.appendingPathComponent("open.key").path, contents: Data("0123456789abcdef\n".utf8),
                                           attributes: [.posixPermissions: 0o644])
        let runs: [[String]] = [
            ["ingest", "--verbose"] + p,
            ["run", "--verbose"] + p,
            ["run"] + p,                                     // a night with nothing new
            ["compute", "--out", out + "-compute"] + p,
            ["report"] + p,
            ["status"] + p,
            ["explain", "S05", "--unit", "all", "--period", "2026"] + p,
            ["explain", "E01", "--unit", "all", "--period", "2026", "--all"] + p,
            ["explain", "S06", "--unit", "2264011", "--period", "2026H1", "--action", "1"] + p,
            ["explain", "E01", "--unit", teryt, "--period", "2026H1", "--action", "1"] + p,
            ["explain", "E99", "--unit", "all", "--period", "2026"] + p,
            ["verify", latest, "--inbox", ws.inbox.path, "--store", ws.store.path, "--lang", "pl"],
            ["verify", latest, "--recompute", "--pipeline", ws.pipeline.path, "--lang", "pl"],
            ["verify", "--measures"] + p,
            ["validate", "--dataset", "mops/programmes", ws.inbox.appendingPathComponent("mops/programmes/" + programmes).path] + p,
            ["validate", "--dataset", "mops/programmes", ws.dir.appendingPathComponent("missing.csv").path] + p,
            ["template", "--dataset", "ngo/stays", "--out", out + "-stays.xlsx"] + p,
            ["template", "--dataset", "ngo/nothing", "--out", out + "-x.xlsx"] + p,
            ["plan", "--teryt", teryt, "--out", out + "-plan.xlsx"] + p,
            ["docs", out + "-docs"] + p,
            ["demo", "--pipeline", ws.pipeline.path, "--lang", "pl"],
            ["prune", "--dry-run"] + p,
            ["status", "--pipeline", ws.dir.appendingPathComponent("missing.yaml").path, "--lang", "pl"],
            ["status", "--pipeline", ws.dir.appendingPathComponent("unknown.yaml").path, "--lang", "pl"],
            ["status", "--store", "nowhere.sqlite", "--lang", "pl"],
            ["ingest", "--pseudonym-key", "nokey", "--inbox", ws.inbox.path, "--lang", "pl"],
            ["ingest", "--pseudonym-key", ws.dir.appendingPathComponent("open.key").path, "--inbox", ws.inbox.path, "--lang", "pl"],
        ]
        var problems: [String] = []
        for args in runs {
            let r = try ReportHarness.miara(args, cwd: ws.dir)
            XCTAssertFalse((r.out + r.err).isEmpty, "\(args) printed nothing")
            problems += Self.englishWords(r.out + "\n" + r.err).map { "miara \(args.prefix(2).joined(separator: " ")): \($0)" }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }
}
