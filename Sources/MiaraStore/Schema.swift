import MiaraValues

/// The store's versioned schema: named migrations applied in order, tracked by `PRAGMA user_version`.
///
/// Add a migration at the end of `migrations`; never edit one that has shipped: their SQL is
/// literal text (`ShippedSQL`), not generated from today's dataset catalogue.
public enum Schema {
    public struct Migration: Sendable {
        public let name: String
        public let sql: String
        /// Rewrites most of an existing store: the store is compacted (`VACUUM`) after it, so its
        /// file shrinks by the pages the rewrite freed.
        public var compacts = false
    }

    public static let migrations: [Migration] = [
        Migration(name: "v1 bookkeeping", sql: """
            CREATE TABLE runs (
              id INTEGER PRIMARY KEY,
              run_id TEXT NOT NULL UNIQUE,
              command TEXT NOT NULL,
              as_of TEXT NOT NULL,
              started_at TEXT NOT NULL,
              finished_at TEXT,
              status TEXT NOT NULL DEFAULT 'running',     -- running | done | failed
              manifest TEXT
            );
            CREATE TABLE files (
              id INTEGER PRIMARY KEY,
              path TEXT NOT NULL,                 -- relative to the inbox
              sha256 TEXT NOT NULL UNIQUE,
              dataset TEXT NOT NULL,
              format TEXT NOT NULL,               -- csv | xlsx
              encoding TEXT NOT NULL,             -- utf-8 | utf-8-bom | windows-1250 | xlsx | ''
              bytes INTEGER NOT NULL,
              rows_read INTEGER NOT NULL DEFAULT 0,
              rows_accepted INTEGER NOT NULL DEFAULT 0,
              rows_rejected INTEGER NOT NULL DEFAULT 0,
              file_check TEXT,                    -- C01 | C15 | C20 | C21 when the whole file was rejected
              ingested_at TEXT NOT NULL,
              run_id TEXT NOT NULL
            );
            CREATE TABLE rejects (
              id INTEGER PRIMARY KEY,
              file_id INTEGER NOT NULL REFERENCES files(id),
              file TEXT NOT NULL,
              line INTEGER NOT NULL,
              dataset TEXT NOT NULL,
              "column" TEXT NOT NULL,
              check_code TEXT NOT NULL,
              reason TEXT NOT NULL,
              raw TEXT NOT NULL,
              run_id TEXT NOT NULL
            );
            CREATE INDEX rejects_file ON rejects(file_id);
            CREATE TABLE warnings (
              id INTEGER PRIMARY KEY,
              file_id INTEGER REFERENCES files(id),
              file TEXT NOT NULL,
              line INTEGER NOT NULL,
              dataset TEXT NOT NULL,
              "column" TEXT NOT NULL,
              check_code TEXT NOT NULL,
              message TEXT NOT NULL,
              run_id TEXT NOT NULL
            );
            """),
        Migration(name: "v1 datasets", sql: ShippedSQL.v1Datasets),
        Migration(name: "v1 surveys", sql: """
            CREATE TABLE survey_responses (
              id INTEGER PRIMARY KEY,
              file_id INTEGER NOT NULL REFERENCES files(id),
              line INTEGER NOT NULL,
              raw TEXT NOT NULL,
              questionnaire TEXT NOT NULL,
              survey_group TEXT NOT NULL,         -- users | residents | professionals | cooperation
              unit_kind TEXT NOT NULL,            -- facility | provider | municipality
              unit_column TEXT NOT NULL DEFAULT '',  -- the export's unit column header (for rejects)
              unit_id TEXT NOT NULL,
              date TEXT NOT NULL
            );
            CREATE TABLE survey_answers (
              response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
              item TEXT NOT NULL,
              dimension TEXT NOT NULL,
              score REAL NOT NULL,
              PRIMARY KEY (response_id, item)
            ) WITHOUT ROWID;
            """),
        // The items each questionnaire map defines (answered or not), filled at survey ingestion:
        // Q01/Q02/Q09–Q11 need the number of items per dimension of a group ("answered × 2 ≥
        // items"), and Q03 needs k; `survey_answers` only holds answered items. Questionnaires of
        // one group are pooled by item code, so a (group, item, dimension) triple is stored once.
        Migration(name: "v2 survey items", sql: """
            CREATE TABLE survey_items (
              survey_group TEXT NOT NULL,         -- users | residents | professionals | cooperation
              item TEXT NOT NULL,                 -- the map's item code
              dimension TEXT NOT NULL,
              questionnaire TEXT NOT NULL DEFAULT '',  -- the map's name that defined it first (informative)
              PRIMARY KEY (survey_group, item, dimension)
            ) WITHOUT ROWID;
            """),
        // Look-ups of the cross-row checks (C11–C13) and of the measures.
        Migration(name: "v3 lookup indexes", sql: """
            CREATE INDEX municipalities_teryt ON municipalities(teryt, year);
            CREATE INDEX providers_id ON providers(provider_id);
            CREATE INDEX persons_id ON persons(person_id);
            CREATE INDEX facilities_id ON facilities(facility_id);
            CREATE INDEX contracts_id ON contracts(contract_id);
            CREATE INDEX stays_person ON stays(person_id, admitted, stay_id);
            CREATE INDEX stays_facility ON stays(facility_id);
            CREATE INDEX services_facility ON services(facility_id, date);
            CREATE INDEX costs_contract ON costs(contract_id, month);
            CREATE INDEX survey_responses_unit ON survey_responses(unit_kind, unit_id);
            """),
        // The measures select `services` rows by period: `day` is a row's date as a day (a
        // month-dated row counts from its first day, SPEC 5), derived when the row is stored (see
        // `derivedColumns`), and the covering read index `services_day` lets a period's rows be
        // read without touching the wide table (national data: one year's distinct persons in
        // 0.3 s instead of 0.8 s). A plain column, not a generated one: SQLite 3.40 never reads an
        // index on a virtual column as covering. It replaces the facility index, which only the
        // reviewer's drill-down used.
        Migration(name: "v4 services by day", sql: ShippedSQL.v4ServicesByDay),
        // The items of each questionnaire map (SPEC 6, Q01: "overall = all items of the
        // questionnaire"): a response counts in a dimension when it answered at least half of its
        // own questionnaire's items there. `survey_items` stays the group's pooled list (Q03).
        // Stores ingested before know each item's first questionnaire only.
        Migration(name: "v5 questionnaire items", sql: """
            CREATE TABLE questionnaire_items (
              questionnaire TEXT NOT NULL,
              survey_group TEXT NOT NULL,
              item TEXT NOT NULL,
              dimension TEXT NOT NULL,
              PRIMARY KEY (questionnaire, item, dimension)
            ) WITHOUT ROWID;
            INSERT OR IGNORE INTO questionnaire_items (questionnaire, survey_group, item, dimension)
              SELECT questionnaire, survey_group, item, dimension FROM survey_items;
            """),
        // The SHA-256 of the manifest.json a run published, so `miara verify` can tell an edited
        // manifest (whose listed hashes would otherwise be believed) from the one written.
        Migration(name: "runs manifest digest", sql: """
            ALTER TABLE runs ADD COLUMN manifest_sha256 TEXT;
            """),
        // Each stage of a run (discover, ingest, check, compute, report, publish, prune): when it
        // started and ended, the rows it handled and how it ended; `miara status` shows them.
        Migration(name: "run stages", sql: """
            CREATE TABLE run_stages (
              run_id TEXT NOT NULL,
              seq INTEGER NOT NULL,
              stage TEXT NOT NULL,
              started_at TEXT NOT NULL,
              finished_at TEXT,
              rows INTEGER,
              outcome TEXT NOT NULL DEFAULT 'running',   -- running | done | failed | skipped
              detail TEXT,
              PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;
            """),
        // Staging: every record read is kept in `staged_<table>` (rows that passed the checks of
        // their own values) or in `rejects` (rows that did not, `derived` = 0); the dataset
        // tables, `survey_responses`, `survey_answers` and the derived rejects (`derived` = 1:
        // as-of, key repeats, cross-row checks) are rebuilt from staging by every ingest. Rows of
        // a store made before are staged as they stand; the rows it had quarantined were not
        // kept by it, so their rejects stay as they are (`derived` = 0).
        Migration(name: "v6 staging", sql: ShippedSQL.v6StagedDatasets + """

            CREATE TABLE staged_survey_responses (
              id INTEGER PRIMARY KEY,
              file_id INTEGER NOT NULL REFERENCES files(id),
              line INTEGER NOT NULL,
              raw TEXT NOT NULL,
              questionnaire TEXT NOT NULL,
              survey_group TEXT NOT NULL,
              unit_kind TEXT NOT NULL,
              unit_column TEXT NOT NULL DEFAULT '',
              unit_id TEXT NOT NULL,
              date TEXT NOT NULL,
              date_column TEXT NOT NULL DEFAULT ''    -- the export's date column header (for rejects)
            );
            CREATE INDEX staged_survey_responses_file ON staged_survey_responses(file_id);
            CREATE TABLE staged_survey_answers (
              response_id INTEGER NOT NULL REFERENCES staged_survey_responses(id) ON DELETE CASCADE,
              item TEXT NOT NULL,
              dimension TEXT NOT NULL,
              score REAL NOT NULL,
              PRIMARY KEY (response_id, item)
            ) WITHOUT ROWID;
            INSERT INTO staged_survey_responses (id, file_id, line, raw, questionnaire, survey_group, unit_kind, unit_column, unit_id, date)
              SELECT * FROM survey_responses;
            INSERT INTO staged_survey_answers SELECT * FROM survey_answers;
            ALTER TABLE rejects ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;
            """),
        Migration(name: "v7 lean dataset tables", sql: ShippedSQL.v7LeanDatasets),
        // What each dataset table was last derived from: the largest staged row id, the as-of
        // date and the language of the reasons; a derivation keeps a table whose inputs are the
        // same (see `Derivation`).
        Migration(name: "v8 derivations", sql: """
            CREATE TABLE derivations (
              dataset TEXT PRIMARY KEY,           -- the table: stays, services, …, survey_responses
              staged_max INTEGER NOT NULL,
              as_of TEXT NOT NULL,
              language TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
        // A run's fingerprint: SHA-256 over what its outputs depend on (`RunFingerprints`); a run
        // whose fingerprint equals the last published run's publishes that run's outputs again.
        Migration(name: "v9 run fingerprints", sql: """
            ALTER TABLE runs ADD COLUMN fingerprint TEXT;
            """),
        Migration(name: "v10 dataset views", sql: ShippedSQL.v10DatasetViews),
        // SPEC 10, exit 3 once per file version: each file version a run read over
        // `max_reject_share`, written in the ingest's transaction, and whether a completed run has
        // exited 3 for it yet (`owed`); `current` marks the versions the last ingest found in the
        // inbox still over the share (named on the console and the Data quality sheet).
        Migration(name: "v11 reject share notices", sql: """
            CREATE TABLE reject_share_notices (
              sha256 TEXT PRIMARY KEY,            -- the file version
              path TEXT NOT NULL,                 -- relative to the inbox, as last seen
              dataset TEXT NOT NULL,
              share REAL NOT NULL,                -- rejected ÷ read as last seen (1: rejected whole)
              since TEXT NOT NULL,                -- as-of date of the run that first found it over the share
              run_id TEXT NOT NULL,               -- that run
              owed INTEGER NOT NULL,              -- 1 until a run that read it completes (exiting 3)
              given_by TEXT,                      -- the completed run that exited 3 for it
              current INTEGER NOT NULL DEFAULT 0  -- 1: in the last ingest's inbox, still over the share
            ) WITHOUT ROWID;
            """),
        // Warnings the derivation decides (W03: a replacing row from a file that sorts before the
        // file it replaces) are derived again with their dataset, like derived rejects.
        Migration(name: "v12 derived warnings", sql: """
            ALTER TABLE warnings ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;
            """),
        // The dataset `mops/plans` (SPEC 2, 12: improvement plans), staged and viewed like the others.
        Migration(name: "v13 plans", sql: """
            CREATE TABLE staged_plans (
              row_id INTEGER PRIMARY KEY,
              key TEXT GENERATED ALWAYS AS (coalesce("teryt", '') || char(31) || coalesce("measure", '') || char(31) || coalesce("action_no", '')) VIRTUAL,
              file_id INTEGER NOT NULL REFERENCES files(id),
              line INTEGER NOT NULL,
              raw TEXT NOT NULL,
              "teryt" TEXT,
              "measure" TEXT,
              "action_no" INTEGER,
              "action" TEXT,
              "owner" TEXT,
              "start" TEXT,
              "deadline" TEXT,
              "baseline_period" TEXT,
              "target" REAL,
              "state" TEXT,
              "note" TEXT,
              held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
            );
            CREATE INDEX staged_plans_file ON staged_plans(file_id);
            CREATE INDEX staged_plans_held ON staged_plans(held) WHERE held IS NOT NULL;
            CREATE VIEW plans AS SELECT "row_id", "key", "file_id", "line", "teryt", "measure", "action_no", "action", "owner", "start", "deadline", "baseline_period", "target", "state", "note" FROM staged_plans WHERE held IS NULL;
            """),
        // Derived state of the compute stage (`MeasureResults`): each measure's rows for one period,
        // with the fingerprint of what they were computed from; a night whose fingerprint for a
        // (measure, period) is the stored one takes the stored rows instead of computing them.
        Migration(name: "v14 measure results", sql: """
            CREATE TABLE measure_results (
              entry TEXT NOT NULL,                -- the catalogue entry: its position and code
              period TEXT NOT NULL,               -- the period (2026, 2026H1, 2026Q3, …)
              fingerprint TEXT NOT NULL,          -- SHA-256 of the inputs and settings (`MeasureResultKey`)
              rows TEXT NOT NULL,                 -- the rows (`MeasureRowText`)
              PRIMARY KEY (entry, period)
            );
            """),
        // Each ingested dataset CSV file's bytes, PESELs masked, packed (deflated; ingestion's
        // `FileArchive`): its staged rows keep their values only (`raw` empty from now on), and
        // the text of a record that a derivation rejects later is read again from here by its
        // line, whether or not the inbox still holds the file. Rows staged before, and rows of
        // XLSX files, keep their text in staging.
        Migration(name: "v15 file archive", sql: """
            CREATE TABLE file_archive (
              file_id INTEGER PRIMARY KEY REFERENCES files(id),
              bytes INTEGER NOT NULL,             -- the archived (masked) file's length
              packed BLOB NOT NULL
            );
            """),
        // The measures' stored rows packed (`Deflate`): their text shrinks several times. The
        // rows stored before are derived state: dropped, the next night computes them again.
        Migration(name: "v16 measure results packed", sql: """
            DROP TABLE measure_results;
            CREATE TABLE measure_results (
              entry TEXT NOT NULL,                -- the catalogue entry: its position and code
              period TEXT NOT NULL,               -- the period (2026, 2026H1, 2026Q3, …)
              fingerprint TEXT NOT NULL,          -- SHA-256 of the inputs and settings (`MeasureResultKey`)
              bytes INTEGER NOT NULL,             -- the length of the rows' text (`MeasureRowText`)
              packed BLOB NOT NULL,               -- the rows' text, deflated
              PRIMARY KEY (entry, period)
            );
            """),
        // Derived state of the data coverage (`CoverageMonths`): each month's facility rows, with
        // the fingerprint of the rows they were counted from; a night whose fingerprint for a
        // month is the stored one takes the stored rows instead of querying the month again.
        Migration(name: "v17 coverage months", sql: """
            CREATE TABLE coverage_months (
              month TEXT PRIMARY KEY,             -- YYYY-MM
              fingerprint TEXT NOT NULL           -- SHA-256 of the month's inputs (`CoverageMonths`)
            ) WITHOUT ROWID;
            CREATE TABLE coverage_rows (
              month TEXT NOT NULL REFERENCES coverage_months(month),
              teryt TEXT NOT NULL,
              provider_id TEXT NOT NULL,
              facility_id TEXT NOT NULL,
              facility_type TEXT NOT NULL,
              cost_rows INTEGER NOT NULL,
              activity_rows INTEGER NOT NULL
            );
            CREATE INDEX coverage_rows_month ON coverage_rows(month);
            """),
        // Per dataset: the digest of what the cross-row checks look up in it (its keys; a
        // facility's type) as its last derivation left it (NULL until then: counts as changed),
        // and its generation, counted up by every derivation that may change its accepted rows.
        // `input_digests` keeps the measures' input digests of a dataset (`MeasureInputDigests`)
        // with the generation they were read at: a night reads again only those of the datasets
        // derived since.
        Migration(name: "v18 derivation lookups and input digests", sql: """
            ALTER TABLE derivations ADD COLUMN lookups TEXT;
            ALTER TABLE derivations ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE input_digests (
              dataset TEXT NOT NULL,              -- the table: services, costs, …, survey_responses
              month TEXT NOT NULL,                -- YYYY-MM of a dated dataset; '' for the whole table
              generation INTEGER NOT NULL,        -- derivations.generation when read
              digest TEXT NOT NULL,
              PRIMARY KEY (dataset, month)
            ) WITHOUT ROWID;
            """),
        // The store near the size of its inputs: a services row's date stored once (`day`, and
        // `date_month` only for a row dated by month), no index of a staged table by file.
        Migration(name: "v19 lean staging", sql: ShippedSQL.v19LeanStaging, compacts: true),
        // Derived state of the workbooks' data quality (`QualitySegments`): per dataset table, or
        // month of a dated one, the empty optional columns, the municipalities and the timeliness
        // counts of its files, with the fingerprint of the rows they were counted from; a night
        // counts again only the segments whose rows changed.
        Migration(name: "v20 quality segments", sql: """
            CREATE TABLE quality_segments (
              dataset TEXT NOT NULL,              -- the dataset's table (stays, services, …)
              segment TEXT NOT NULL,              -- '' the whole table; YYYY-MM a month of a dated table
              fingerprint TEXT NOT NULL,          -- SHA-256 of the rows' digest, settings, owner tables (`QualitySegments`)
              bytes INTEGER NOT NULL,             -- the length of the counts' text (`QualitySegments.Counts.text`)
              packed BLOB NOT NULL,               -- the counts' text, deflated
              PRIMARY KEY (dataset, segment)
            ) WITHOUT ROWID;
            """),
    ]

    /// Brings the database to the newest version and makes sure every read index exists; returns
    /// the migrations applied.
    @discardableResult
    static func migrate(_ db: SQLiteDatabase) throws -> [String] {
        let current = db.userVersion
        if current > migrations.count { throw MiaraError.newerStore(path: db.path, version: current, known: migrations.count) }
        var applied: [String] = []
        // A migration that rewrites a table (v19: 3.35 M national services) keeps what its
        // statements change in a statement journal, and with the store's in-memory temporary
        // storage that journal held the dropped table's pages in memory (national: 650 MB peak);
        // spilled to a temporary file, the peak is the page cache's.
        let tempStore = (try db.scalar("PRAGMA temp_store"))?.int ?? 0
        if current < migrations.count && !db.isInTransaction { try db.execute("PRAGMA temp_store = FILE") }
        defer { if current < migrations.count && !db.isInTransaction { try? db.execute("PRAGMA temp_store = \(tempStore)") } }
        for (i, m) in migrations.enumerated() where i >= current {
            try db.transaction {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(i + 1)")
            }
            applied.append(m.name)
        }
        // A store that held data before (not one created now) is compacted once after a
        // migration that rewrote it (national store after v19: 990 MB → 645 MB, about 25 s).
        if current > 0 && !db.isInTransaction && migrations[current...].contains(where: \.compacts) {
            try db.execute("VACUUM")
        }
        try createReadIndexes(db)
        return applied
    }

    /// Columns the store derives from a row's own values when ingestion stores it: per table, the
    /// column and an SQL expression over the row's columns written as `:name` parameters.
    public static let derivedColumns: [String: [(column: String, expression: String)]] = [
        "services": [("day", "CASE WHEN length(:date) = 7 THEN :date || '-01' ELSE :date END")],
    ]

    /// Dataset columns a staged table stores in another form, so that a value the row holds
    /// already is not stored twice: per table, the dataset's column, the stored column, the
    /// stored value as an SQL expression over the row's columns (`:name` parameters, as in
    /// `derivedColumns`), and the column's value read back as an SQL expression over the staged
    /// row (`{t}` its table or alias). A services date is a day's `day` (NULL stored) or a month
    /// (stored: `day` is its first day).
    public static let storedColumns: [String: [(column: String, stored: String, expression: String, read: String)]] = [
        "services": [("date", "date_month", "CASE WHEN length(:date) = 7 THEN :date END", "coalesce({t}.\"date_month\", {t}.\"day\")")],
    ]

    /// The SQL value of dataset column `column` of a row of `staged_<table>` named `alias`
    /// (`alias."column"`, or how `storedColumns` reads it back).
    public static func stagedValue(table: String, column: String, alias: String) -> String {
        if let c = storedColumns[table]?.first(where: { $0.column == column }) {
            return c.read.replacingOccurrences(of: "{t}", with: alias)
        }
        return "\(alias).\"\(column)\""
    }

    /// The quoted column names and the VALUES terms of an insert into `table` that binds `given`
    /// as `?1…?N` (a column of `storedColumns` under its stored name and form), followed by the
    /// table's derived columns computed from those parameters.
    public static func insertTerms(table: String, given: [String]) -> (names: [String], values: [String]) {
        let stored = storedColumns[table] ?? []
        var names: [String] = [], values: [String] = []
        for (i, name) in given.enumerated() {
            if let c = stored.first(where: { $0.column == name }) {
                names.append("\"\(c.stored)\"")
                values.append(derivedSQL(c.expression, columns: given) { i, _ in "?\(i + 1)" })
            } else {
                names.append("\"\(name)\""); values.append("?\(i + 1)")
            }
        }
        for d in derivedColumns[table] ?? [] {
            names.append("\"\(d.column)\""); values.append(derivedSQL(d.expression, columns: given) { i, _ in "?\(i + 1)" })
        }
        return (names, values)
    }

    /// A derived column's expression with each `:name` of `columns` replaced by `term(index, name)`
    /// (longest names first, so `:date` never rewrites part of a longer name).
    static func derivedSQL(_ expression: String, columns: [String], term: (Int, String) -> String) -> String {
        var expr = expression
        for (i, name) in columns.enumerated().sorted(by: { $0.element.count > $1.element.count }) {
            expr = expr.replacingOccurrences(of: ":" + name, with: term(i, name))
        }
        return expr
    }

    /// Indexes that only the measures and reports read, not ingestion's look-ups (partial
    /// indexes of a staged table over its accepted rows, `held` last so they cover the dataset's
    /// view, and `date_month` in `services_day` so that the view's `date` is read from the index,
    /// not from every row through it). A derivation that re-decides the table drops them first and builds them once at its end (national services: 7 s to build against
    /// 44 s more to keep up to date row by row); a store opened after a run killed in between gets
    /// them back from `migrate`.
    public static let readIndexes: [(name: String, definition: String)] = [
        ("services_day", "staged_services(day, service, facility_id, quantity, person_id, date_month, held) WHERE held IS NULL"),
    ]

    /// Creates the read indexes that are missing. The sort behind a new index spills to temporary
    /// files, not memory, so peak memory stays flat whatever the size of the store.
    static func createReadIndexes(_ db: SQLiteDatabase) throws {
        // (Inside a transaction the pragma cannot change; an ingest sets it before it begins.)
        let tempStore = (try db.scalar("PRAGMA temp_store"))?.int ?? 0
        if !db.isInTransaction { try db.execute("PRAGMA temp_store = FILE") }
        defer { if !db.isInTransaction { try? db.execute("PRAGMA temp_store = \(tempStore)") } }
        for (name, definition) in readIndexes { try db.execute("CREATE INDEX IF NOT EXISTS \(name) ON \(definition)") }
    }

    /// Drops the read indexes (before a bulk ingest).
    static func dropReadIndexes(_ db: SQLiteDatabase) throws {
        for (name, _) in readIndexes { try db.execute("DROP INDEX IF EXISTS \(name)") }
    }
}

