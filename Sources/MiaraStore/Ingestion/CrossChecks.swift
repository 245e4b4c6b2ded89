import MiaraValues

/// The cross-row checks of SPEC 2 step 4, run by `Derivation` on the rebuilt dataset tables
/// after every ingest, over every accepted row in the store: C11 (references, datasets in SPEC order), C12 (a stay in a facility
/// without beds), C13 (overlapping stays). A failing row is moved to `rejects`.
public struct CrossChecks {
    /// Which checks run: all, or (for `miara validate` without `--inbox`) only those that need no
    /// other dataset.
    public enum Scope: Sendable { case all, withinDataset }

    let db: SQLiteDatabase
    let runID: String
    let language: Language
    /// The rows this ingest staged (`StagedRowLedger`): a reference check over rows it covers
    /// reads only the rows whose value is missing from the referenced dataset.
    var ledger: StagedRowLedger? = nil

    /// The key column each referenced dataset is found by.
    static let referenceKey: [String: String] = [
        "municipalities": "teryt", "providers": "provider_id", "persons": "person_id",
        "facilities": "facility_id", "contracts": "contract_id",
    ]

    /// What the checks look up in each referenced dataset, as SQL over its rows: the key C11
    /// finds a reference by, and for facilities also the type C12 reads. A dataset whose
    /// looked-up values are the same after a derivation leaves the checks of the datasets that
    /// reference it as they were (`Derivation`).
    static let lookedUp: [String: String] = referenceKey.mapValues { "\"\($0)\"" }
        .merging(["facilities": "facility_id || char(31) || coalesce(type, '')"]) { _, b in b }

    public func run(scope: Scope) throws {
        if scope == .all {
            for spec in Datasets.all { try check(spec) }
            try surveyUnits()
        } else {
            try overlappingStays()
        }
    }

    /// The cross-row checks of one dataset: C11 per referencing column in column order, then for
    /// stays C12 and C13. The datasets it references must be checked already.
    /// `since`: only rows whose `row_id` is above it (rows just added to a table nobody
    /// references, which has no C12 or C13).
    func check(_ spec: DatasetSpec, since: Int = 0) throws {
        let added = since > 0 ? "t.row_id > \(since) AND " : ""
        for col in spec.columns {
            guard let target = col.references, let key = Self.referenceKey[target] else { continue }
            let condition = "t.\"\(col.name)\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(target) x WHERE x.\(key) = t.\"\(col.name)\")"
            if let values = try ledger?.covering(spec.table, since: since)?.referencedValues(col.name) {
                // The same condition on the values the rows hold, each once: the rows are read
                // only when one of them is missing, and then only for those values.
                // Dropping a TEMP table on the way out; an error in flight is the one that matters.
                defer { try? db.execute("DROP TABLE IF EXISTS temp.missing_reference") }
                guard try missingReferences(values, target: target, key: key) else { continue }
                try quarantine(table: spec.table, column: col.name, code: .C11, detail: "\(target).\(key)",
                               condition: added + "t.\"\(col.name)\" IN (SELECT v FROM temp.missing_reference)")
                continue
            }
            try quarantine(table: spec.table, column: col.name, code: .C11, detail: "\(target).\(key)", condition: added + condition)
        }
        if spec.table == "stays" {
            let bed = Codes.bedFacilityTypes.sorted().map { "'\($0)'" }.joined(separator: ",")
            try quarantine(table: "stays", column: "facility_id", code: .C12, detail: "",
                           condition: "EXISTS (SELECT 1 FROM facilities x WHERE x.facility_id = t.facility_id AND x.type NOT IN (\(bed)))")
            try overlappingStays()
        }
    }

    /// `temp.missing_reference`: those of `values` that no row of `target` has as its `key`;
    /// returns whether there is any.
    private func missingReferences(_ values: [[UInt8]], target: String, key: String) throws -> Bool {
        try db.execute("""
            DROP TABLE IF EXISTS temp.referenced; DROP TABLE IF EXISTS temp.missing_reference;
            CREATE TEMP TABLE referenced (v TEXT PRIMARY KEY) WITHOUT ROWID;
            """)
        let insert = try db.prepare("INSERT OR IGNORE INTO temp.referenced VALUES (?)")
        for v in values {
            try v.withUnsafeBufferPointer { b in
                insert.reset()
                if b.isEmpty { try insert.bind(.text(""), at: 1) } else { try insert.bindText(b.baseAddress!, count: b.count, at: 1) }
                try insert.run()
            }
        }
        try db.execute("""
            CREATE TEMP TABLE missing_reference AS
              SELECT v FROM temp.referenced r WHERE NOT EXISTS (SELECT 1 FROM \(target) x WHERE x.\(key) = r.v);
            DROP TABLE temp.referenced;
            """)
        return try db.scalar("SELECT EXISTS (SELECT 1 FROM temp.missing_reference)")?.int == 1
    }

    /// Moves rows of `table` matching `condition` (alias `t`) to `rejects` with the given check and
    /// the record's text from staging, and holds them back in staging (out of the dataset's view).
    /// The condition is evaluated once: the failing rows are collected (in the order their
    /// rejects are written), then written to `rejects` and held back by their row id.
    func quarantine(table: String, column: String, code: CheckCode, detail: String, condition: String) throws {
        let reason = Problem(code: code, file: "", line: 0, column: column, detail: detail).reason(language)
        try db.execute("""
            DROP TABLE IF EXISTS temp.quarantined;
            CREATE TEMP TABLE quarantined AS
            SELECT t.row_id AS held_row, t.file_id, f.path, t.line, f.dataset, coalesce(s.raw, '') AS raw
            FROM \(table) t JOIN files f ON f.id = t.file_id LEFT JOIN staged_\(table) s ON s.row_id = t.row_id
            WHERE \(condition)
            """)
        try db.execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id, derived)
            SELECT file_id, path, line, dataset, ?, ?, ?, raw, ?, 1 FROM temp.quarantined ORDER BY rowid
            """, [.text(column), .text(code.rawValue), .text(reason), .text(runID)])
        try db.execute("UPDATE staged_\(table) AS t SET held = ? WHERE t.held IS NULL AND t.row_id IN (SELECT held_row FROM temp.quarantined)",
                       [.text(code.rawValue)])
        try db.execute("DROP TABLE temp.quarantined")
    }

    /// C13: stays taken per person in order of (admitted, stay_id); a stay that starts before the
    /// end of an already-accepted one is quarantined. Ongoing stays are open-ended.
    func overlappingStays() throws {
        var overlapping: [Int64] = []
        var person = ""
        var end: String? = nil   // the latest end among accepted stays; "~" = open-ended
        try db.forEach("SELECT row_id, person_id, admitted, discharged FROM stays ORDER BY person_id, admitted, stay_id") { st in
            let p = st.string(1) ?? ""
            let a = st.string(2) ?? ""
            let d = st.string(3) ?? "~"
            if p != person { person = p; end = nil }
            if let e = end, a < e { overlapping.append(Int64(st.int(0))); return }
            if end == nil || d > end! { end = d }
        }
        guard !overlapping.isEmpty else { return }
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS overlap_ids (row_id INTEGER PRIMARY KEY); DELETE FROM overlap_ids;")
        let ins = try db.prepare("INSERT INTO overlap_ids VALUES (?)")
        for id in overlapping { try ins.bind([.integer(id)]); try ins.run() }
        try quarantine(table: "stays", column: "admitted", code: .C13, detail: "",
                       condition: "t.row_id IN (SELECT row_id FROM overlap_ids)")
    }

    /// C11 for survey responses: the unit must name an accepted facility, provider or municipality
    /// (the response's text from staging, the same id).
    func surveyUnits() throws {
        let reason = Problem(code: .C11, file: "", line: 0).reason(language)
        let missing = """
            (unit_kind = 'facility' AND NOT EXISTS (SELECT 1 FROM facilities x WHERE x.facility_id = t.unit_id))
            OR (unit_kind = 'provider' AND NOT EXISTS (SELECT 1 FROM providers x WHERE x.provider_id = t.unit_id))
            OR (unit_kind = 'municipality' AND NOT EXISTS (SELECT 1 FROM municipalities x WHERE x.teryt = t.unit_id))
            """
        try db.execute("""
            INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id, derived)
            SELECT t.file_id, f.path, t.line, f.dataset, t.unit_column, 'C11', ?, coalesce(nullif(t.raw, ''), (SELECT s.raw FROM staged_survey_responses s WHERE s.id = t.id), ''), ?, 1
            FROM survey_responses t JOIN files f ON f.id = t.file_id WHERE \(missing)
            """, [.text(reason), .text(runID)])
        try db.execute("DELETE FROM survey_answers WHERE response_id IN (SELECT id FROM survey_responses t WHERE \(missing))")
        try db.execute("DELETE FROM survey_responses AS t WHERE \(missing)")
    }
}
