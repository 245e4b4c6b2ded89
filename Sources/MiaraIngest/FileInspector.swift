import Foundation
import MiaraValues
import MiaraXLSX

/// Reads one file of a dataset the way ingestion does and reports every problem it can see on
/// its own, each with what is allowed: header names that are not columns (with the closest
/// column), a header in Polish, missing columns, and every problem of every row (steps 1–2). XLSX
/// problems carry their cell (`stays!D3`). Checks across rows and files are left to ingestion.
public enum FileInspector {
    /// A cell named by its line and dataset column.
    public struct CellRef: Hashable, Sendable {
        public var line: Int
        public var column: String
        public init(line: Int, column: String) { self.line = line; self.column = column }
    }

    /// What one file gave: its problems, records read, and where each column sits (for cells).
    public struct Result: Sendable {
        public var problems: [Problem] = []
        public var rowsRead = 0
        /// The first worksheet's name (XLSX only).
        public var sheet: String?
        /// Dataset column name → 0-based column of the file.
        public var columnIndex: [String: Int] = [:]
        /// False when the header could not be matched at all (a Polish header): rows were not checked.
        public var rowsChecked = true
        /// The cells holding a PESEL in an identifier column, as (line, column).
        public var peselCells: Set<CellRef> = []

        /// The cell of `column` on worksheet row `line` (`stays!D3`), or the row (`stays!3:3`); nil for CSV.
        public func cell(line: Int, column: String) -> String? {
            guard let sheet else { return nil }
            let s = XLSXCellName.sheet(sheet)
            if let i = columnIndex[column] { return "\(s)!\(XLSXCellName.column(i))\(line)" }
            return "\(s)!\(line):\(line)"
        }
    }

    public static func inspect(_ file: InboxFile, settings: IngestSettings) -> Result {
        var result = Result()
        // A file that cannot be scanned has no cell to teach about: ingestion reports it as C20.
        guard let spec = file.spec, let format = TabularFile.format(of: file.url), let scan = try? FileScan(url: file.url) else { return result }
        if format == .xlsx { result.sheet = "" }
        var validator: RowValidator?
        var index: [Int?] = []
        var absent: Set<String> = []
        do {
            _ = try TabularFile.read(url: file.url, format: format, scan: scan, onSheetName: { result.sheet = $0 }, onHeader: { header, comma in
                let names = header ?? []
                let lower = names.map { $0.lowercased() }
                index = spec.columns.map { c in lower.firstIndex(of: c.name.lowercased()) }
                for (c, i) in zip(spec.columns, index) { if let i { result.columnIndex[c.name] = i } }
                var guessed: [String: Int] = [:]
                result.problems += headerProblems(file, spec, names, index, &result, &absent, &guessed)
                // A misspelt header (`admited`) is read as the column it looks like, so the
                // values under it are checked in the same pass.
                for (i, c) in spec.columns.enumerated() where index[i] == nil {
                    if let g = guessed[c.name] { index[i] = g; result.columnIndex[c.name] = g; absent.remove(c.name) }
                }
                if result.rowsChecked { validator = RowValidator(dataset: spec, settings: settings, commaDecimal: comma) }
            }, onRecord: { rec in
                result.rowsRead += 1
                guard let v = validator, !rec.malformed else { return }
                let cells: [Cell?] = index.map { i in i.flatMap { rec.cells[$0] } }
                for t in v.allProblems(cells, absent: absent) {
                    var p = Problem(code: t.failure.code, file: file.path, line: rec.line, column: t.failure.column,
                                    detail: t.failure.detail(settings.language), hint: t.hint)
                    p.cell = result.cell(line: rec.line, column: t.failure.column)
                    result.problems.append(p)
                }
                for (i, col) in spec.columns.enumerated() where col.pesel == .pseudonymise {
                    guard let c = cells[i], c.holdsPESEL(for: col) else { continue }
                    result.peselCells.insert(CellRef(line: rec.line, column: col.name))
                    if var p = peselProblem(file, spec, column: col.name, line: rec.line, settings: settings) {
                        p.cell = result.cell(line: rec.line, column: col.name)
                        result.problems.append(p)
                    }
                }
            })
        } catch {
            return Result()   // unreadable: ingestion reports C20
        }
        return result
    }

    /// A PESEL in an identifier cell without a pseudonym key: the file's C15, reported at each such
    /// cell (the PESEL itself never shown); in an NGO's file with the advice to write the pseudonym
    /// the municipal centre gave. With a key the PESEL becomes its pseudonym (SPEC 1.4): no problem.
    static func peselProblem(_ file: InboxFile, _ spec: DatasetSpec, column: String, line: Int, settings: IngestSettings) -> Problem? {
        guard settings.pseudonymiser == nil else { return nil }
        guard spec.name.hasPrefix("ngo/") else {
            return Problem(code: .C15, file: file.path, line: line, column: column,
                           detail: settings.language == .pl ? "numer PESEL w tej komórce" : "a PESEL number in this cell")
        }
        var p = Problem(code: .C15, file: file.path, line: line, column: column, hint: .pseudonymFromCentre)
        p.message = ("numer PESEL w pliku organizacji", "a PESEL number in an NGO's file")
        return p
    }

    /// Unknown names (W01, with the closest column), missing columns (C01), or one problem for a
    /// header of Polish names.
    static func headerProblems(_ file: InboxFile, _ spec: DatasetSpec, _ names: [String], _ index: [Int?],
                               _ result: inout Result, _ absent: inout Set<String>, _ guessedIndex: inout [String: Int]) -> [Problem] {
        let known = Set(spec.columns.map { $0.name.lowercased() })
        let missing = zip(spec.columns, index).filter { $0.1 == nil }.map(\.0)
        absent = Set(missing.map(\.name))
        let missingRequired = missing.filter(\.required).map(\.name)
        let polish = Set(spec.columns.compactMap { ColumnLabels.of(spec.name, $0.name)?.polishName.lowercased() })
        let context = Set(spec.contextColumns.map { $0.lowercased() })
        let unknown = names.enumerated().filter { !$0.element.isEmpty && !known.contains($0.element.lowercased())
            && !context.contains($0.element.lowercased()) }
        let headerCell = result.sheet.map { "\(XLSXCellName.sheet($0))!1:1" }
        if unknown.contains(where: { polish.contains($0.element.lowercased()) }) {
            result.rowsChecked = false
            return [Problem(code: missingRequired.isEmpty ? .W01 : .C01, file: file.path, line: 1,
                            column: missingRequired.first ?? "", detail: unknown.map(\.element).joined(separator: ", "),
                            hint: .polishHeader(dataset: spec.name, columns: spec.columns.map(\.name)), cell: headerCell)]
        }
        var problems: [Problem] = []
        var guessed: [String: String] = [:]   // missing column → the unknown name that looks like it
        for (i, name) in unknown {
            let near = Closest.to(name, in: missing.map(\.name)).first ?? Closest.to(name, in: spec.columns.map(\.name)).first
            if let near, guessed[near] == nil, absent.contains(near) { guessed[near] = name; guessedIndex[near] = i }
            problems.append(Problem(code: .W01, file: file.path, line: 1, column: name, detail: name,
                                    hint: .unknownColumn(name, closest: near),
                                    cell: result.sheet.map { "\(XLSXCellName.sheet($0))!\(XLSXCellName.column(i))1" }))
        }
        for m in missingRequired {
            problems.append(Problem(code: .C01, file: file.path, line: 0, column: m, detail: m,
                                    hint: guessed[m].map { .unknownColumn($0, closest: m) }, cell: headerCell))
        }
        return problems
    }
}
