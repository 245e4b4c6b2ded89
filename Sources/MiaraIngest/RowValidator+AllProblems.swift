import MiaraStore
import MiaraValues

/// A problem of a row with what is allowed where it sits (for `miara validate`).
struct TaughtFailure {
    var failure: RowFailure
    var hint: Hint?
}

extension RowValidator {
    /// Every problem of steps 1–2 of a row, not only the first: each column's first failure
    /// (required, type, range), then every row rule that fails on the values that could be read.
    /// Ingestion keeps using `validate`, which stops at the first. Columns in `absent` (missing
    /// from the header) are not reported as empty.
    func allProblems(_ cells: [Cell?], absent: Set<String> = []) -> [TaughtFailure] {
        var values = [SQLValue](repeating: .null, count: dataset.columns.count)
        var found: [TaughtFailure] = []
        for (i, col) in dataset.columns.enumerated() {
            guard let cell = cells[i] else {
                if absent.contains(col.name) { continue }
                if col.required {
                    found.append(TaughtFailure(failure: RowFailure(code: .C02, column: col.name, detail: ""), hint: typeHint(col)))
                } else if conditionallyRequired(col.name, values) {
                    found.append(TaughtFailure(failure: RowFailure(code: .C02, column: col.name, detail: ""),
                                               hint: dataset.conditionalHint(col.name)))
                }
                continue
            }
            switch parse(cell, col) {
            case .success(let v): values[i] = v.value
            case .failure(let e):
                if e.code == .C15 { continue }   // a PESEL without a key: the whole file is C15
                found.append(TaughtFailure(failure: RowFailure(code: e.code, column: col.name, detail: e.detail, detailText: e.detailText),
                                           hint: hint(e.code, col, value: cell.text)))
            }
        }
        for f in rowRules(values, all: true) {
            let h: Hint?
            switch f.code {
            case .C19: h = .requiredUnlessOngoing
            case .C08: h = dataset.rules.compactMap { r -> Hint? in
                if case .order(let a, let b) = r, b == f.column { return .order(earlier: a, later: b) }
                return nil
            }.first
            case .C10: h = .asOf(settings.asOf.iso)
            default: h = nil
            }
            found.append(TaughtFailure(failure: f, hint: h))
        }
        return found
    }

    func typeHint(_ col: ColumnSpec) -> Hint? {
        if case .criterion = col.type { return .criteria(settings.standard.criteria.map(\.code)) }
        if case .measure = col.type { return .measures(settings.planMeasures) }
        return col.typeHint(commaDecimal: commaDecimal, asOfYear: settings.asOf.year)
    }

    /// What is allowed in `col`, given the value that failed `code`.
    func hint(_ code: CheckCode, _ col: ColumnSpec, value: String) -> Hint? {
        switch (code, col.type) {
        case (.C05, .code):
            let all = col.codes ?? []
            let near = Closest.to(value, in: all)
            return near.isEmpty ? .codes(all) : .closest(near, all: all)
        case (.C05, .measure):
            let near = Closest.to(value, in: settings.planMeasures)
            return near.isEmpty ? .measures(settings.planMeasures) : .closest(near, all: settings.planMeasures)
        case (.C05, .criterion):
            let all = settings.standard.criteria.map(\.code)
            let near = Closest.to(value, in: all)
            return near.isEmpty ? .criteria(all) : .closest(near, all: all)
        default: return typeHint(col)
        }
    }
}
