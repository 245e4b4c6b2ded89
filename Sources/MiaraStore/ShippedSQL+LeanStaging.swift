/// Migration "v19 lean staging", as shipped.
extension ShippedSQL {
    /// A services row's date is stored once: `day` (the date as a day, which the read index
    /// `services_day` orders by) holds it, and `date_month` holds the date as given only when it
    /// names a month (`YYYY-MM`, whose `day` is its first day), else NULL; the view `services`
    /// and the key show the date as given, `coalesce(date_month, day)`. A staged table's rows of
    /// one file are no longer indexed by file (nothing looks a file's rows up; a staged row with
    /// a cross-row reject is found by its `held`). National store: 3.35 M dates fewer in the
    /// table and in `services_day`, and no file index over 4.9 M rows (about 115 MB).
    static let v19LeanStaging = """
        CREATE TABLE staged_services_v19 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("facility_id", '') || char(31) || coalesce("date_month", "day", '') || char(31) || coalesce("service", '') || char(31) || coalesce("person_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT,
          "date_month" TEXT,                  -- the date as given when it names a month; NULL when it is `day`
          "service" TEXT,
          "quantity" INTEGER,
          "person_id" TEXT,
          "day" TEXT,                         -- the date as a day (a month by its first day)
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_services_v19 ("row_id", "file_id", "line", "raw", "facility_id", "date_month", "service", "quantity", "person_id", "day", "held")
          SELECT "row_id", "file_id", "line", "raw", "facility_id", CASE WHEN "date" IS "day" THEN NULL ELSE "date" END, "service", "quantity", "person_id", "day", "held"
          FROM staged_services ORDER BY row_id;
        DROP VIEW services;
        DROP TABLE staged_services;
        ALTER TABLE staged_services_v19 RENAME TO staged_services;
        CREATE INDEX staged_services_held ON staged_services(held) WHERE held IS NOT NULL;
        CREATE VIEW services AS SELECT "row_id", "key", "file_id", "line", "facility_id", coalesce("date_month", "day") AS "date", "service", "quantity", "person_id", "day" FROM staged_services WHERE held IS NULL;
        DROP INDEX IF EXISTS staged_municipalities_file;
        DROP INDEX IF EXISTS staged_providers_file;
        DROP INDEX IF EXISTS staged_persons_file;
        DROP INDEX IF EXISTS staged_facilities_file;
        DROP INDEX IF EXISTS staged_contracts_file;
        DROP INDEX IF EXISTS staged_stays_file;
        DROP INDEX IF EXISTS staged_costs_file;
        DROP INDEX IF EXISTS staged_audits_file;
        DROP INDEX IF EXISTS staged_benefits_file;
        DROP INDEX IF EXISTS staged_programmes_file;
        DROP INDEX IF EXISTS staged_staff_file;
        DROP INDEX IF EXISTS staged_plans_file;
        DROP INDEX IF EXISTS staged_survey_responses_file;
        """
}
