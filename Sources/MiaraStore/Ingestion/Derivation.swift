import Foundation
import MiaraValues

/// Rebuilds every decision that depends on more than a record's own bytes from staging: the
/// as-of checks (C10, and C19 of a year bounded by the as-of year), key repeats within a file
/// (C16), replacement by key (the later-arrived file wins; files are numbered in arrival order,
/// path order within a run), then the cross-row checks (C11–C13). The dataset tables, the survey
/// tables and the derived rejects are the result, a function of the staged files, the as-of date
/// and the configuration; a dataset whose result cannot have changed since the last derivation
/// is kept as it is (`derivations` records what each was derived from).
struct Derivation {
    let db: SQLiteDatabase
    let asOf: Day
    let runID: String
    let language: Language
    /// What this ingest's writer recorded of the rows it staged: spares whole-table sorts where
    /// it covers the rows decided (`StagedRowLedger`); nil for a derivation without staging.
    var ledger: StagedRowLedger? = nil

    /// Derives every dataset whose result can differ from the last derivation's, in the order of
    /// the cross-row checks; returns the tables derived again. A dataset is kept as it is when no
    /// row was staged for it since, the language is the same, no as-of dependent decision of its
    /// rows flips between the last as-of and this one, and nothing it references changed. A
    /// dataset nobody references whose only change is new rows gets them added (`append`, which
    /// also replaces the earlier rows of the keys they win); anything else rebuilds it whole.
    @discardableResult
    func run(scope: CrossChecks.Scope) throws -> [String] {
        let checks = CrossChecks(db: db, runID: runID, language: language, ledger: ledger)
        var derived: Set<String> = []
        // The referenced datasets derived again whose looked-up values (`CrossChecks.lookedUp`)
        // differ from those the last derivation left: only they re-decide the cross-row checks
        // of the datasets that reference them (a corrected person keeps every person id, so the
        // services' references stand).
        var lookupsChanged: Set<String> = []
        for spec in Datasets.all {
            let upstream = spec.columns.compactMap(\.references).contains { lookupsChanged.contains($0) }
            let own = try change(table: spec.table, terms: asOfTerms(spec, at: asOf), lastTerms: { asOfTerms(spec, at: $0) })
            if !upstream, case .none = own { continue }
            derived.insert(spec.table)
            try nextGeneration(spec.table)
            // Lookups that cannot be read count as changed (`!= false`): the datasets referencing
            // this one are checked again, which is never wrong, only slower.
            defer { if (try? lookupsDiffer(spec.table)) != false { lookupsChanged.insert(spec.table) } }
            if !upstream, case .append(let since) = own, Self.appendable.contains(spec.table), try append(spec, since: since) {
                if scope == .all { try checks.check(spec, since: since) }
                try StoredInputDigests.advance(db, table: spec.table, since: since)
                continue
            }
            if upstream, case .none(sameAsOf: true) = own, scope == .all {
                try recheck(spec, checks: checks)
                continue
            }
            try db.execute("DELETE FROM rejects WHERE derived = 1 AND dataset = ?", [.text(spec.name)])
            try rebuild(spec)
            if scope == .all { try checks.check(spec) } else if spec.table == "stays" { try checks.overlappingStays() }
        }
        let units = ["facilities", "providers", "municipalities"].contains { lookupsChanged.contains($0) }
        let responses = try change(table: "survey_responses", terms: surveyTerms(asOf), lastTerms: surveyTerms)
        if case .none = responses, !units {} else {
            derived.insert("survey_responses")
            try nextGeneration("survey_responses")
            try db.execute("DELETE FROM rejects WHERE derived = 1 AND dataset LIKE 'surveys/%'")
            try db.execute("DELETE FROM survey_answers; DELETE FROM survey_responses;")
            try rebuildSurveys()
            if scope == .all { try checks.surveyUnits() }
        }
        return derived.sorted()
    }

    /// Counts up the generation of `table`, which is about to be derived again: the input
    /// digests read at an earlier generation are read again (`MeasureInputDigests`). Every change
    /// of a dataset's accepted rows happens in a derivation: staging adds rows that the same
    /// ingest's derivation decides, and only a derivation holds rows back or accepts them again.
    private func nextGeneration(_ table: String) throws {
        try db.execute("UPDATE derivations SET generation = generation + 1 WHERE dataset = ?", [.text(table)])
    }

    /// Whether the values the cross-row checks look up in `table` (none for a table nobody
    /// references) differ from those recorded at its last derivation; records the new ones.
    /// Compared as the SHA-256 of the distinct values in order: exact, and small (the referenced
    /// datasets are the registers, not the events).
    private func lookupsDiffer(_ table: String) throws -> Bool {
        guard let expression = CrossChecks.lookedUp[table] else { return false }
        var text = ""
        try db.forEach("SELECT DISTINCT \(expression) AS v FROM \(table) WHERE v IS NOT NULL ORDER BY v") { st in
            text += (st.string(0) ?? "") + "\n"
        }
        let digest = FileScan.sha256(Data(text.utf8))
        let last = try db.scalar("SELECT lookups FROM derivations WHERE dataset = ?", [.text(table)])?.text
        try db.execute("UPDATE derivations SET lookups = ? WHERE dataset = ?", [.text(digest), .text(table)])
        return last != digest
    }

    /// Tables no other dataset references and whose rows are checked one by one (stays are
    /// checked against each other, C13): new rows can be added to them without a rebuild.
    static let appendable: Set<String> = ["services", "costs", "audits", "benefits", "programmes", "staff", "plans"]

    /// `none`: no row staged since; `sameAsOf` when the last derivation had this as-of date too.
    enum Change { case none(sameAsOf: Bool), append(since: Int), full }

    /// What changed for `table` since the last derivation (whose state is then replaced by this
    /// one's): nothing; only rows staged after row `since` (staging only grows); or more —
    /// another language, no earlier derivation, or an earlier row whose as-of decision differs
    /// between the last as-of and this one (`terms`: SQL conditions over `s`, one per check).
    private func change(table: String, terms: [String], lastTerms: (Day) -> [String]) throws -> Change {
        let staged = "staged_" + table
        let top = try db.scalar("SELECT coalesce(max(rowid), 0) FROM \(staged)")?.int ?? 0
        // Recorded on the way out, also when the caller throws: then the transaction rolls back with it, so its own failure adds nothing.
        defer { try? db.execute("""
            INSERT INTO derivations (dataset, staged_max, as_of, language) VALUES (?, ?, ?, ?)
            ON CONFLICT (dataset) DO UPDATE SET staged_max = excluded.staged_max, as_of = excluded.as_of, language = excluded.language
            """, [.text(table), .integer(Int64(top)), .text(asOf.iso), .text(language.rawValue)]) }
        guard let last = try db.query("SELECT staged_max, as_of, language FROM derivations WHERE dataset = ?", [.text(table)]).first,
              let lastMax = last[0].int, lastMax <= top, last[2].text == language.rawValue,
              let lastAsOf = last[1].text.flatMap(Day.init(iso:)) else { return .full }
        if lastAsOf != asOf && !terms.isEmpty {
            let flips = zip(lastTerms(lastAsOf), terms).map { "((\($0)) IS NOT (\($1)))" }.joined(separator: " OR ")
            if try db.scalar("SELECT EXISTS (SELECT 1 FROM \(staged) s WHERE s.rowid <= \(lastMax) AND (\(flips)))")?.int == 1 { return .full }
        }
        return top == lastMax ? .none(sameAsOf: lastAsOf == asOf) : .append(since: lastMax)
    }

    /// A dataset none of whose own rows changed since its last derivation, under the same as-of
    /// date and language, while a dataset it references was derived again: its own decisions
    /// (as-of checks, key repeats, replacement: functions of its staged rows alone) stand, and
    /// only its cross-row checks are decided again. The rows they held back are accepted again
    /// and their derived rejects removed — which leaves the table as a rebuild leaves it before
    /// its checks — and the checks run over every row. So a corrected person re-decides the
    /// services' references, not the services (national: no rebuild of 3.3 M rows and their
    /// read index).
    private func recheck(_ spec: DatasetSpec, checks: CrossChecks) throws {
        let codes = "'C11', 'C12', 'C13'"
        try db.execute("DELETE FROM rejects WHERE derived = 1 AND dataset = ? AND check_code IN (\(codes))", [.text(spec.name)])
        try db.execute("UPDATE staged_\(spec.table) SET held = NULL WHERE held IN (\(codes))")
        try checks.check(spec)
    }

    /// The survey responses' as-of condition (C10 on the date).
    private func surveyTerms(_ day: Day) -> [String] { ["s.date > '\(day.iso)'"] }

    private func reason(_ code: CheckCode) -> String {
        Problem(code: code, file: "", line: 0, column: "", detail: "x").reason(language).dropLast(1).description
    }

    /// SQL for the first day of a date-like column's value (months and years by their first day)
    /// in a row `s` of `staged_<table>`.
    private static func firstDay(_ col: ColumnSpec, table: String) -> String? {
        let c = Schema.stagedValue(table: table, column: col.name, alias: "s")
        switch col.type {
        case .date: return c
        case .month: return "\(c) || '-01'"
        case .dateOrMonth, .yearOrMonth:
            return "CASE length(\(c)) WHEN 10 THEN \(c) WHEN 7 THEN \(c) || '-01' ELSE \(c) || '-01-01' END"
        case .yearOrHalf:
            return "CASE \(c) WHEN substr(\(c), 1, 4) || 'H2' THEN substr(\(c), 1, 4) || '-07-01' ELSE substr(\(c), 1, 4) || '-01-01' END"
        default: return nil
        }
    }

    /// The as-of dependent checks of one staged row as SQL: (check, column, detail), in the order
    /// of SPEC 2 (a range bounded by the as-of year at its column in step 1, then C10 in step 2).
    private func asOfTerms(_ spec: DatasetSpec) -> [(code: CheckCode, column: String, condition: String, detail: String)] {
        asOfChecks(spec, at: asOf)
    }

    /// The conditions of `asOfChecks` alone, under the as-of `day`.
    private func asOfTerms(_ spec: DatasetSpec, at day: Day) -> [String] { asOfChecks(spec, at: day).map(\.condition) }

    private func asOfChecks(_ spec: DatasetSpec, at asOf: Day) -> [(code: CheckCode, column: String, condition: String, detail: String)] {
        var terms: [(CheckCode, String, String, String)] = []
        let iso = asOf.iso
        func value(_ col: ColumnSpec) -> String { Schema.stagedValue(table: spec.table, column: col.name, alias: "s") }
        for col in spec.columns {
            if let r = col.range, r.maxIsAsOfYear {
                terms.append((.C19, col.name, "\(value(col)) > \(asOf.year)", value(col)))
            }
        }
        for col in spec.columns where col.asOfChecked {
            guard let first = Self.firstDay(col, table: spec.table) else { continue }
            terms.append((.C10, col.name, "\(value(col)) IS NOT NULL AND \(first) > '\(iso)'", "\(value(col)) || ' > \(iso)'"))
        }
        return terms
    }

    /// Adds the rows staged after row `since` to a table nobody references: their derived
    /// rejects and their winners by key. A new row that wins a key an earlier file's accepted row
    /// holds replaces it (the earlier row is held back as `replaced`, as a rebuild would decide:
    /// a later file always wins), so a night that re-sends a day does not rebuild the table and
    /// its read index. Returns false (and changes nothing) when an earlier row of such a key
    /// carries a cross-row reject (C11–C13), which only a rebuild decides again.
    private func append(_ spec: DatasetSpec, since: Int) throws -> Bool {
        let t = spec.table
        try makeVerdicts(spec, since: since)
        // The keys of the rows that would be added (valid, first of their key in their file),
        // gathered once for both statements below.
        try db.execute("""
            DROP TABLE IF EXISTS temp.new_key;
            CREATE TEMP TABLE new_key (key TEXT PRIMARY KEY) WITHOUT ROWID;
            INSERT OR IGNORE INTO new_key
              SELECT key FROM verdict WHERE code IS NULL AND rn = 1
              UNION ALL SELECT s.key FROM staged_\(t) s WHERE \(plainRow(spec, since: since));
            """)
        // Dropping a TEMP table on the way out; its creation drops any leftover first, and an error in flight is the one that matters.
        defer { try? db.execute("DROP TABLE IF EXISTS temp.new_key") }
        // A staged row with a cross-row reject is held back by its check (`CrossChecks`: the
        // reject and `held` are written together, and cleared together).
        let crossChecked = try db.scalar("""
            SELECT EXISTS (SELECT 1 FROM staged_\(t) s
                           WHERE s.held IN ('C11', 'C12', 'C13') AND s.key IN (SELECT key FROM temp.new_key))
            """)?.int == 1
        if crossChecked { try db.execute("DROP TABLE temp.verdict; DROP TABLE temp.repeated_key"); return false }
        // The earlier winners of the new keys, replaced now (and the rows W03 compares with).
        try db.execute("""
            DROP TABLE IF EXISTS temp.earlier_winner;
            CREATE TEMP TABLE earlier_winner AS
              SELECT o.row_id, o.file_id, o.line, o.key FROM staged_\(t) o
              WHERE o.row_id <= \(since) AND o.held IS NULL AND \(Self.sharesKeyColumns(spec, since: since))
                AND o.key IN (SELECT key FROM temp.new_key);
            UPDATE staged_\(t) SET held = 'replaced' WHERE row_id IN (SELECT row_id FROM temp.earlier_winner);
            """)
        // Dropping a TEMP table on the way out; its creation drops any leftover first, and an error in flight is the one that matters.
        defer { try? db.execute("DROP TABLE IF EXISTS temp.earlier_winner") }
        try reversals(contest: """
            SELECT file_id, line, key FROM temp.earlier_winner
            UNION ALL SELECT file_id, line, key FROM temp.verdict WHERE code IS NULL AND rn = 1
            UNION ALL SELECT s.file_id, s.line, s.key FROM staged_\(t) s
              WHERE \(plainRow(spec, since: since)) AND s.key IN (SELECT key FROM temp.earlier_winner)
            """, dataset: spec.name, replacing: false)
        try storeVerdicts(spec, since: since, replacing: false)
        return true
    }

    /// One dataset: derived rejects of its staged rows, then the winners by key accepted (its
    /// view shows the staged rows not held back).
    private func rebuild(_ spec: DatasetSpec) throws {
        try makeVerdicts(spec, since: 0)
        // Every key with more than one valid row is in the verdict: each replacement is there.
        try reversals(contest: "SELECT file_id, line, key FROM temp.verdict WHERE code IS NULL AND rn = 1",
                      dataset: spec.name, replacing: true)
        try storeVerdicts(spec, since: 0, replacing: true)
    }

    /// A cheap necessary condition for an earlier row `o` to share its key with a row staged
    /// after row `since`: each key column is empty or holds a value one of those rows holds
    /// (stored values are never empty text, so an empty key part is NULL). It spares computing
    /// the key of every earlier row (`key` is a computed column).
    ///
    /// A column the store derives from required key columns alone (`Schema.derivedColumns`: the
    /// services' `day`, from `date`) is equal for rows of one key too, and it leads a read index:
    /// that term lets SQLite look the earlier rows up by it instead of scanning the table
    /// (national services: 3.3 M rows, 0.65 s, for a night that re-sends one day).
    static func sharesKeyColumns(_ spec: DatasetSpec, since: Int) -> String {
        let required = Set(spec.columns.filter(\.required).map(\.name)), key = Set(spec.key)
        let byKey = (Schema.derivedColumns[spec.table] ?? []).filter { d in
            let read = spec.columns.map(\.name).filter { d.expression.contains(":" + $0) }
            return !read.isEmpty && read.allSatisfy { key.contains($0) && required.contains($0) }
        }
        let derived = byKey.map { d in
            "o.\"\(d.column)\" IN (SELECT n.\"\(d.column)\" FROM staged_\(spec.table) n WHERE n.row_id > \(since))"
        }
        return (derived + spec.key.map { c in
            let o = Schema.stagedValue(table: spec.table, column: c, alias: "o"), n = Schema.stagedValue(table: spec.table, column: c, alias: "n")
            return "(\(o) IS NULL OR \(o) IN (SELECT \(n) FROM staged_\(spec.table) n WHERE n.row_id > \(since)))"
        }).joined(separator: " AND ")
    }

    /// The as-of check of a staged row `s` as SQL: the check's code, or NULL when it passes.
    private func asOfCode(_ spec: DatasetSpec) -> String {
        let terms = asOfTerms(spec)
        return terms.isEmpty ? "NULL" : "CASE " + terms.map { "WHEN \($0.condition) THEN '\($0.code.rawValue)'" }.joined(separator: " ") + " END"
    }

    /// A staged row `s` after row `since` that needs no ranking: it passes the as-of checks and
    /// no other valid row after `since` has its key (`temp.repeated_key`), so it is its key's winner.
    private func plainRow(_ spec: DatasetSpec, since: Int) -> String {
        "s.row_id > \(since) AND (\(asOfCode(spec))) IS NULL AND s.key NOT IN (SELECT key FROM temp.repeated_key)"
    }

    /// `temp.repeated_key`: the keys held by more than one valid staged row after row `since`;
    /// `temp.verdict`: the as-of check and the rank of the row among its file's valid rows of the
    /// same key, for the staged rows after row `since` that fail an as-of check or share their
    /// key (the others are plain winners, `plainRow`; ranking only these keeps the sorts small).
    /// Without repeated keys no row's key is computed for the ranking (national services: 0.6 s instead of 2.1 s).
    private func makeVerdicts(_ spec: DatasetSpec, since: Int) throws {
        let terms = asOfTerms(spec)
        let code = asOfCode(spec)
        let column = terms.isEmpty ? "NULL" : "CASE " + terms.map { "WHEN \($0.condition) THEN '\($0.column)'" }.joined(separator: " ") + " END"
        let detail = terms.isEmpty ? "NULL" : "CASE " + terms.map { "WHEN \($0.condition) THEN \($0.detail)" }.joined(separator: " ") + " END"
        // With the ledger, only the rows whose key hash another row shares can repeat a key:
        // the GROUP BY reads those (a few thousand) instead of sorting every row's key.
        var candidates = ""
        if let rows = try ledger?.covering(spec.table, since: since)?.sharedKeyRows() {
            try db.execute("DROP TABLE IF EXISTS temp.key_candidate; CREATE TEMP TABLE key_candidate (row_id INTEGER PRIMARY KEY);")
            let insert = try db.prepare("INSERT INTO temp.key_candidate VALUES (?)")
            for r in rows { try insert.bind([.integer(r)]); try insert.run() }
            candidates = "AND s.row_id IN (SELECT row_id FROM temp.key_candidate)"
        }
        // Dropping a TEMP table on the way out; an error in flight is the one that matters.
        defer { if !candidates.isEmpty { try? db.execute("DROP TABLE IF EXISTS temp.key_candidate") } }
        try db.execute("""
            DROP TABLE IF EXISTS temp.repeated_key;
            CREATE TEMP TABLE repeated_key (key TEXT PRIMARY KEY) WITHOUT ROWID;
            INSERT INTO repeated_key SELECT s.key FROM staged_\(spec.table) s WHERE s.row_id > \(since) \(candidates) AND (\(code)) IS NULL
              GROUP BY s.key HAVING count(*) > 1;
            DROP TABLE IF EXISTS temp.verdict;
            CREATE TEMP TABLE verdict AS
            SELECT row_id, file_id, key, line, code, col, detail,
                   CASE WHEN code IS NULL THEN row_number() OVER (PARTITION BY file_id, key, code IS NULL ORDER BY line) END AS rn
            FROM (SELECT s.row_id, s.file_id, s.key, s.line, \(code) AS code, \(column) AS col, \(detail) AS detail
                  FROM staged_\(spec.table) s
                  WHERE s.row_id > \(since) AND ((\(code)) IS NOT NULL
                    OR (EXISTS (SELECT 1 FROM temp.repeated_key) AND s.key IN (SELECT key FROM temp.repeated_key))));
            """)
    }

    /// Writes `temp.verdict` out: the derived rejects (C19 of a year, C10, C16), then `held` of
    /// the staged rows that do not win their key (the latest file wins); the plain rows and the
    /// winners stay accepted (`held` NULL, in the dataset's view). When `replacing`, every staged
    /// row of the dataset is accepted again first.
    private func storeVerdicts(_ spec: DatasetSpec, since: Int, replacing: Bool) throws {
        let t = spec.table
        let c19 = reason(.C19), c10 = reason(.C10), c16 = Problem(code: .C16, file: "", line: 0).reason(language)
        try db.execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id, derived)
            SELECT v.file_id, f.path, v.line, f.dataset,
                   CASE WHEN v.code IS NULL THEN '' ELSE v.col END,
                   coalesce(v.code, 'C16'),
                   CASE v.code WHEN 'C19' THEN ?1 || v.detail WHEN 'C10' THEN ?2 || v.detail ELSE ?3 END,
                   s.raw, ?4, 1
            FROM verdict v JOIN staged_\(t) s ON s.row_id = v.row_id JOIN files f ON f.id = v.file_id
            WHERE v.code IS NOT NULL OR v.rn > 1
            """, [.text(c19), .text(c10), .text(c16), .text(runID)])
        if replacing {
            if Store.hasReadIndex(on: t) { try Schema.dropReadIndexes(db) }
            try db.execute("UPDATE staged_\(t) SET held = NULL WHERE held IS NOT NULL")
        }
        // The ranked rows that do not win are held back: by their as-of check, as a key repeat
        // within their file (C16), or as replaced by a later file's row of the same key.
        try db.execute("""
            UPDATE staged_\(t) AS s SET held = h.why
            FROM (SELECT v.row_id, coalesce(v.code, CASE WHEN v.rn > 1 THEN 'C16' ELSE 'replaced' END) AS why
                  FROM verdict v
                  WHERE v.row_id NOT IN (
                    SELECT row_id FROM (
                      SELECT row_id, row_number() OVER (PARTITION BY key ORDER BY file_id DESC) AS w
                      FROM verdict WHERE code IS NULL AND rn = 1)
                    WHERE w = 1)) AS h
            WHERE s.row_id = h.row_id;
            DROP TABLE temp.verdict;
            DROP TABLE temp.repeated_key;
            """)
    }

    /// Survey responses dated after the as-of date are C10; the others and their answers are
    /// the responses the measures read (C11 of their units follows with the cross-row checks).
    /// A response's text stays in staging only (`raw` is empty in `survey_responses`).
    private func rebuildSurveys() throws {
        let iso = asOf.iso
        try db.execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id, derived)
            SELECT s.file_id, f.path, s.line, f.dataset, s.date_column, 'C10', ?1 || s.date || ' > \(iso)', s.raw, ?2, 1
            FROM staged_survey_responses s JOIN files f ON f.id = s.file_id
            WHERE s.date > '\(iso)'
            """, [.text(reason(.C10)), .text(runID)])
        try db.execute("""
            INSERT INTO survey_responses (id, file_id, line, raw, questionnaire, survey_group, unit_kind, unit_column, unit_id, date)
              SELECT id, file_id, line, '', questionnaire, survey_group, unit_kind, unit_column, unit_id, date
              FROM staged_survey_responses WHERE date <= '\(iso)' ORDER BY id;
            INSERT INTO survey_answers SELECT a.* FROM staged_survey_answers a JOIN survey_responses r ON r.id = a.response_id;
            """)
    }
}
