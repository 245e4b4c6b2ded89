/// A problem found in an input: the check that failed, where (file, line, column) and a detail.
///
/// `line` is the physical line (CSV) or worksheet row (XLSX) where the record starts, header = 1;
/// 0 for a file-level problem.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var code: CheckCode
    public var file: String
    public var line: Int
    public var column: String
    /// Extra words naming the offending value, e.g. `"2024-02-30"`; empty when the check says it all.
    public var detail: String
    /// The record's text with PESELs masked, or empty for file-level problems.
    public var raw: String
    /// What is allowed where the problem sits (shown by `validate`, not stored in rejects).
    public var hint: Hint?
    /// The worksheet and cell of an XLSX problem, e.g. `stays!D3` (a whole row: `stays!3:3`).
    public var cell: String?
    /// Words that replace the check's message for this problem, in Polish and English (`validate`
    /// naming a file-level check at one cell, e.g. a PESEL in an NGO's file); nil: the check's own.
    public var message: (pl: String, en: String)?

    /// Every text is masked here (`PersonalData`): a problem never carries a PESEL.
    public init(code: CheckCode, file: String, line: Int, column: String = "", detail: String = "", raw: String = "",
                hint: Hint? = nil, cell: String? = nil) {
        self.code = code; self.file = PersonalData.masked(file); self.line = line
        self.column = PersonalData.masked(column); self.detail = PersonalData.masked(detail); self.raw = PersonalData.masked(raw)
        self.hint = hint; self.cell = cell.map(PersonalData.masked)
    }

    public static func == (a: Problem, b: Problem) -> Bool {
        a.code == b.code && a.file == b.file && a.line == b.line && a.column == b.column && a.detail == b.detail
            && a.raw == b.raw && a.hint == b.hint && a.cell == b.cell && a.message?.pl == b.message?.pl && a.message?.en == b.message?.en
    }

    /// The message in `lang`: `message` when set, else the check's.
    public func messageText(_ lang: Language) -> String {
        guard let m = message else { return code.check.message(lang) }
        return PersonalData.masked(lang == .pl ? m.pl : m.en)
    }

    /// The reason text stored in `rejects.reason`: the check's message plus the detail.
    public func reason(_ lang: Language) -> String {
        let base = messageText(lang)
        return PersonalData.masked(detail.isEmpty ? base : "\(base): \(detail)")
    }

    /// `FILE:LINE:COLUMN: CODE reason`, the form `miara validate` prints.
    public func formatted(_ lang: Language) -> String {
        "\(file):\(line):\(column): \(code.rawValue) \(reason(lang))"
    }

    public var description: String { formatted(.en) }

    /// Where the problem is: `FILE:SHEET!D3` for XLSX, `FILE:LINE:COLUMN` for CSV.
    public var location: String { cell.map { "\(file):\($0)" } ?? "\(file):\(line):\(column)" }

    /// `LOCATION: CODE reason — what is allowed`, the form `miara validate` prints.
    public func teaching(_ lang: Language) -> String {
        let h = hint.map { " — " + $0.text(lang) } ?? ""
        let col = cell != nil && !column.isEmpty && detail != column ? "\(column): " : ""
        return "\(location): \(code.rawValue) \(col)\(reason(lang))\(h)"
    }
}

/// A row-level failure found while reading one value: which check and what was wrong. A
/// validation outcome, not a thrown failure: the `Failure` of a parser's `Result` (hence
/// `Error`), it becomes a reject row or a configuration error's words and is never thrown
/// (`ErrorShapeTests`).
public struct ValueError: Error, Sendable, Equatable {
    public var code: CheckCode
    public var detail: String
    /// The detail in both languages when it has words of its own (a reason tail of rejects.csv:
    /// "neither UTF-8 nor Windows-1250"); nil when `detail` is a value or a column (the same in both).
    public var detailText: Phrase?
    public init(_ code: CheckCode, _ detail: String = "", _ detailText: Phrase? = nil) {
        self.code = code; self.detail = PersonalData.masked(detail); self.detailText = detailText?.map(PersonalData.masked)
    }

    /// The detail in both languages.
    public var phrase: Phrase { detailText ?? Phrase(verbatim: detail) }
}
