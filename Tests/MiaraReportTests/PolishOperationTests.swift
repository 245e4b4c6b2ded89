import Foundation
import MiaraTestSupport
import XCTest

/// Under `lang: pl` the main commands speak Polish (issue 22): every line they print, on either
/// stream, is scanned for common English words outside codes and paths.
final class PolishOperationTests: XCTestCase {
    /// Common English words of the old messages; none of them is a code, a column or a path.
    static let english: Set<String> = [
        "the", "of", "and", "with", "for", "value", "numerator", "denominator", "records", "record", "first", "outputs",
        "inputs", "match", "matches", "does", "cannot", "unknown", "files", "file", "rows", "read", "accepted", "rejected",
        "skipped", "store", "none", "never", "runs", "pending", "results", "total", "datasets", "discover", "done", "failed",
        "every", "recorded", "give", "mismatches", "checked", "contributions", "new", "unchanged", "warnings", "listed",
        "person", "flags", "clipped", "compared", "exist", "missing", "changed",
    ]

    /// The English words of `text`: a word is a run of letters; tokens holding `/`, `.`, `_`, `=`,
    /// `:`, a digit, a leading `--` (paths, file names, codes, flags, ids) and tokens in parentheses
    /// or backquotes (a code named beside its Polish word, `licznik (numerator)`) and record keys in
    /// brackets are left out.
    static func englishWords(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            // A record's key in brackets is the catalogue's identifier of the record, not a message.
            let line = line.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" }) {
                let t = String(token)
                if t.hasPrefix("--") || t.hasPrefix("(") && t.hasSuffix(")") || t.hasPrefix("`") || t.hasPrefix("[") { continue }
                if t.contains(where: { "/._=:0123456789".contains($0) }) { continue }
                let word = t.filter(\.isLetter).lowercased()
                if english.contains(word) { found.append("\(word) in: \(line)") }
            }
        }
        return found
    }

    func testTheScannerFindsEnglishAndLeavesCodesAndPathsAlone() {
        XCTAssertEqual(Self.englishWords("ok: 36 outputs match the manifest").count, 3)
        XCTAssertEqual(Self.englishWords("licznik (numerator) ngo/stays/the-file.csv --store E01 facility_type=shelter [UM/1 (6 cost rows)]"), [])
    }

    func testTheMainCommandsInPolishPrintNoEnglishWord() throws {
        let ws = try workspace(ingested: false)
        let p = ["--pipeline", ws.pipeline.path, "--lang", "pl"]
        let latest = ws.outputs.appendingPathComponent("latest").path
        let runs: [[String]] = [
            ["ingest", "--verbose"] + p,
            ["run", "--verbose"] + p,
            ["run"] + p,                                     // a night with nothing new
            ["status"] + p,
            ["explain", "S05", "--unit", "all", "--period", "2026"] + p,
            ["explain", "E01", "--unit", "all", "--period", "2026", "--all"] + p,
            ["verify", latest, "--inbox", ws.inbox.path, "--store", ws.store.path, "--lang", "pl"],
            ["verify", "--measures"] + p,
            ["status", "--pipeline", ws.dir.appendingPathComponent("missing.yaml").path, "--lang", "pl"],
            ["status", "--store", "nowhere.sqlite", "--lang", "pl"],
            ["ingest", "--pseudonym-key", "nokey", "--inbox", ws.inbox.path, "--lang", "pl"],
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
