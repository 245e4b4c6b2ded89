import Foundation
import MiaraValues

/// How `miara validate` prints: one line per problem (`FILE:SHEET!D3: …` or `FILE:LINE:COLUMN: …`)
/// and a closing line of counts, or JSON (one object per line, the summary last). Every line
/// leaves through `emit`, which masks PESELs.
public struct ValidateOutput {
    /// Lines for people, or JSON objects for tools.
    public enum Format: String, CaseIterable, Sendable { case text, json }
    public let format: Format
    public let language: Language
    let write: (String) -> Void

    public init(format: Format, language: Language, write: @escaping (String) -> Void = { Swift.print($0) }) {
        self.format = format; self.language = language; self.write = write
    }

    /// The one door out: every printed text is masked here.
    func emit(_ line: String) { write(Self.masked(line)) }

    /// PESELs replaced by `[PESEL]`: the project's one masking rule.
    static func masked(_ s: String) -> String { PersonalData.masked(s) }

    public func print(_ report: ValidationReport) {
        for p in report.problems {
            switch format {
            case .text: emit(p.teaching(language))
            case .json: emit(json(problem: p))
            }
        }
        emit(format == .text ? summary(report) : json(summary: report))
    }

    /// `sprawdzono 3 wiersze (1 plik); wiersze z problemami: 2; problemy wg kontroli: C03 1, …; niesprawdzone w pełni: C11 (…) — why`
    func summary(_ r: ValidationReport) -> String {
        let pl = language == .pl
        var parts: [String] = []
        parts.append(pl ? "sprawdzono \(CountedNoun.row(r.rowsChecked, .pl)) (\(CountedNoun.file(r.files, .pl)))" : "rows checked: \(r.rowsChecked) (files: \(r.files))")
        parts.append(pl ? "wiersze z problemami: \(r.rowsWithProblems)" : "rows with problems: \(r.rowsWithProblems)")
        if r.problems.isEmpty {
            parts.append(pl ? "bez błędów" : "no problems found")
        } else {
            let counts = r.byCheck.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
            parts.append((pl ? "problemy wg kontroli: " : "problems by check: ") + counts)
        }
        // Checks not made in full, grouped by why: `C11 (message), C12 (message) — reason`.
        var groups: [(SkippedCheck.Reason, [CheckCode])] = []
        for s in r.skipped {
            if let i = groups.firstIndex(where: { $0.0 == s.reason }) { groups[i].1.append(s.code) } else { groups.append((s.reason, [s.code])) }
        }
        for (reason, codes) in groups {
            let names = codes.map { "\($0.rawValue) (\($0.check.message(language)))" }.joined(separator: ", ")
            parts.append((pl ? "niesprawdzone w pełni: " : "not fully checked: ") + names + " — " + reason.text(language))
        }
        return parts.joined(separator: "; ")
    }

    func json(problem p: Problem) -> String {
        var o: [String: Any] = ["file": p.file, "line": p.line, "column": p.column, "code": p.code.rawValue,
                                "severity": p.code.check.severity.rawValue, "message": p.messageText(language),
                                "detail": p.detail]
        if let c = p.cell { o["cell"] = c }
        if let h = p.hint { o["hint"] = h.text(language) }
        return Self.encode(o)
    }

    func json(summary r: ValidationReport) -> String {
        Self.encode(["summary": ["files": r.files, "rows_checked": r.rowsChecked, "rows_with_problems": r.rowsWithProblems,
                                 "problems_by_check": Dictionary(uniqueKeysWithValues: r.byCheck.map { ($0.0.rawValue, $0.1) }),
                                 "skipped_checks": r.skipped.map(\.code.rawValue),
                                 "skipped_reasons": Dictionary(r.skipped.map { ($0.code.rawValue, $0.reason.text(language)) },
                                                               uniquingKeysWith: { a, _ in a })] as [String: Any]])
    }

    static func encode(_ o: [String: Any]) -> String {
        // Strings, numbers, arrays and dictionaries always serialise: `{}` is a fallback that cannot happen.
        let d = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: d, as: UTF8.self)
    }
}
