import MiaraValues

/// The dataset tables' SQL as shipped, frozen: the migrations that created them must create the
/// same tables whatever the dataset catalogue says today (a new column is a new migration).
enum ShippedSQL {
    /// Migration "v1 datasets": one table per dataset, key unique.
    static let v1Datasets = """
        CREATE TABLE municipalities (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "name" TEXT NOT NULL,
          "year" INTEGER NOT NULL,
          "population" INTEGER NOT NULL,
          "county" TEXT,
          "kind" TEXT
        );
        CREATE TABLE providers (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "provider_id" TEXT NOT NULL,
          "name" TEXT NOT NULL,
          "legal_form" TEXT
        );
        CREATE TABLE persons (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "person_id" TEXT NOT NULL,
          "sex" TEXT NOT NULL,
          "birth_year" INTEGER NOT NULL,
          "teryt" TEXT NOT NULL,
          "first_seen" TEXT NOT NULL,
          "ethos" INTEGER NOT NULL,
          "income_at_entry" TEXT,
          "disability" INTEGER
        );
        CREATE TABLE facilities (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT NOT NULL,
          "provider_id" TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "type" TEXT NOT NULL,
          "places" INTEGER,
          "floor_area_m2" REAL,
          "opened" TEXT NOT NULL,
          "closed" TEXT
        );
        CREATE TABLE contracts (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "contract_id" TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "provider_id" TEXT NOT NULL,
          "facility_id" TEXT,
          "service" TEXT NOT NULL,
          "start" TEXT NOT NULL,
          "end" TEXT NOT NULL,
          "amount_pln" REAL NOT NULL,
          "unit_price_pln" REAL,
          "contracted_units" INTEGER
        );
        CREATE TABLE stays (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "stay_id" TEXT NOT NULL,
          "person_id" TEXT NOT NULL,
          "facility_id" TEXT NOT NULL,
          "admitted" TEXT NOT NULL,
          "discharged" TEXT,
          "destination" TEXT
        );
        CREATE TABLE services (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT NOT NULL,
          "date" TEXT NOT NULL,
          "service" TEXT NOT NULL,
          "quantity" INTEGER NOT NULL,
          "person_id" TEXT
        );
        CREATE TABLE costs (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "contract_id" TEXT NOT NULL,
          "month" TEXT NOT NULL,
          "category" TEXT NOT NULL,
          "amount_pln" REAL NOT NULL,
          "funding" TEXT NOT NULL
        );
        CREATE TABLE audits (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT NOT NULL,
          "date" TEXT NOT NULL,
          "criterion" TEXT NOT NULL,
          "result" TEXT NOT NULL,
          "note" TEXT
        );
        CREATE TABLE benefits (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "person_id" TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "benefit" TEXT NOT NULL,
          "date_from" TEXT NOT NULL,
          "date_to" TEXT,
          "amount_pln" REAL NOT NULL
        );
        CREATE TABLE programmes (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "programme_id" TEXT NOT NULL,
          "person_id" TEXT NOT NULL,
          "kind" TEXT NOT NULL,
          "start" TEXT NOT NULL,
          "planned_end" TEXT,
          "end" TEXT,
          "outcome" TEXT NOT NULL
        );
        CREATE TABLE staff (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,           -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "period" TEXT NOT NULL,
          "role" TEXT NOT NULL,
          "fte" REAL NOT NULL
        );
        """

    /// Migration "v4 services by day".
    static let v4ServicesByDay = """
        ALTER TABLE services ADD COLUMN day TEXT;
        UPDATE services SET day = CASE WHEN length(date) = 7 THEN date || '-01' ELSE date END;
        DROP INDEX services_facility;
        """

    /// Migration "v6 staging": a staging table per dataset (keys not unique), filled with the
    /// rows a store made before holds.
    static let v6StagedDatasets = """
        CREATE TABLE staged_municipalities (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "teryt" TEXT,
          "name" TEXT,
          "year" INTEGER,
          "population" INTEGER,
          "county" TEXT,
          "kind" TEXT
        );
        CREATE INDEX staged_municipalities_file ON staged_municipalities(file_id);
        INSERT INTO staged_municipalities ("row_id", "key", "file_id", "line", "raw", "teryt", "name", "year", "population", "county", "kind") SELECT "row_id", "key", "file_id", "line", "raw", "teryt", "name", "year", "population", "county", "kind" FROM municipalities;
        CREATE TABLE staged_providers (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "provider_id" TEXT,
          "name" TEXT,
          "legal_form" TEXT
        );
        CREATE INDEX staged_providers_file ON staged_providers(file_id);
        INSERT INTO staged_providers ("row_id", "key", "file_id", "line", "raw", "provider_id", "name", "legal_form") SELECT "row_id", "key", "file_id", "line", "raw", "provider_id", "name", "legal_form" FROM providers;
        CREATE TABLE staged_persons (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "person_id" TEXT,
          "sex" TEXT,
          "birth_year" INTEGER,
          "teryt" TEXT,
          "first_seen" TEXT,
          "ethos" INTEGER,
          "income_at_entry" TEXT,
          "disability" INTEGER
        );
        CREATE INDEX staged_persons_file ON staged_persons(file_id);
        INSERT INTO staged_persons ("row_id", "key", "file_id", "line", "raw", "person_id", "sex", "birth_year", "teryt", "first_seen", "ethos", "income_at_entry", "disability") SELECT "row_id", "key", "file_id", "line", "raw", "person_id", "sex", "birth_year", "teryt", "first_seen", "ethos", "income_at_entry", "disability" FROM persons;
        CREATE TABLE staged_facilities (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT,
          "provider_id" TEXT,
          "teryt" TEXT,
          "type" TEXT,
          "places" INTEGER,
          "floor_area_m2" REAL,
          "opened" TEXT,
          "closed" TEXT
        );
        CREATE INDEX staged_facilities_file ON staged_facilities(file_id);
        INSERT INTO staged_facilities ("row_id", "key", "file_id", "line", "raw", "facility_id", "provider_id", "teryt", "type", "places", "floor_area_m2", "opened", "closed") SELECT "row_id", "key", "file_id", "line", "raw", "facility_id", "provider_id", "teryt", "type", "places", "floor_area_m2", "opened", "closed" FROM facilities;
        CREATE TABLE staged_contracts (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "contract_id" TEXT,
          "teryt" TEXT,
          "provider_id" TEXT,
          "facility_id" TEXT,
          "service" TEXT,
          "start" TEXT,
          "end" TEXT,
          "amount_pln" REAL,
          "unit_price_pln" REAL,
          "contracted_units" INTEGER
        );
        CREATE INDEX staged_contracts_file ON staged_contracts(file_id);
        INSERT INTO staged_contracts ("row_id", "key", "file_id", "line", "raw", "contract_id", "teryt", "provider_id", "facility_id", "service", "start", "end", "amount_pln", "unit_price_pln", "contracted_units") SELECT "row_id", "key", "file_id", "line", "raw", "contract_id", "teryt", "provider_id", "facility_id", "service", "start", "end", "amount_pln", "unit_price_pln", "contracted_units" FROM contracts;
        CREATE TABLE staged_stays (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "stay_id" TEXT,
          "person_id" TEXT,
          "facility_id" TEXT,
          "admitted" TEXT,
          "discharged" TEXT,
          "destination" TEXT
        );
        CREATE INDEX staged_stays_file ON staged_stays(file_id);
        INSERT INTO staged_stays ("row_id", "key", "file_id", "line", "raw", "stay_id", "person_id", "facility_id", "admitted", "discharged", "destination") SELECT "row_id", "key", "file_id", "line", "raw", "stay_id", "person_id", "facility_id", "admitted", "discharged", "destination" FROM stays;
        CREATE TABLE staged_services (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT,
          "date" TEXT,
          "service" TEXT,
          "quantity" INTEGER,
          "person_id" TEXT,
          "day" TEXT
        );
        CREATE INDEX staged_services_file ON staged_services(file_id);
        INSERT INTO staged_services ("row_id", "key", "file_id", "line", "raw", "facility_id", "date", "service", "quantity", "person_id", "day") SELECT "row_id", "key", "file_id", "line", "raw", "facility_id", "date", "service", "quantity", "person_id", "day" FROM services;
        CREATE TABLE staged_costs (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "contract_id" TEXT,
          "month" TEXT,
          "category" TEXT,
          "amount_pln" REAL,
          "funding" TEXT
        );
        CREATE INDEX staged_costs_file ON staged_costs(file_id);
        INSERT INTO staged_costs ("row_id", "key", "file_id", "line", "raw", "contract_id", "month", "category", "amount_pln", "funding") SELECT "row_id", "key", "file_id", "line", "raw", "contract_id", "month", "category", "amount_pln", "funding" FROM costs;
        CREATE TABLE staged_audits (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT,
          "date" TEXT,
          "criterion" TEXT,
          "result" TEXT,
          "note" TEXT
        );
        CREATE INDEX staged_audits_file ON staged_audits(file_id);
        INSERT INTO staged_audits ("row_id", "key", "file_id", "line", "raw", "facility_id", "date", "criterion", "result", "note") SELECT "row_id", "key", "file_id", "line", "raw", "facility_id", "date", "criterion", "result", "note" FROM audits;
        CREATE TABLE staged_benefits (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "person_id" TEXT,
          "teryt" TEXT,
          "benefit" TEXT,
          "date_from" TEXT,
          "date_to" TEXT,
          "amount_pln" REAL
        );
        CREATE INDEX staged_benefits_file ON staged_benefits(file_id);
        INSERT INTO staged_benefits ("row_id", "key", "file_id", "line", "raw", "person_id", "teryt", "benefit", "date_from", "date_to", "amount_pln") SELECT "row_id", "key", "file_id", "line", "raw", "person_id", "teryt", "benefit", "date_from", "date_to", "amount_pln" FROM benefits;
        CREATE TABLE staged_programmes (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "programme_id" TEXT,
          "person_id" TEXT,
          "kind" TEXT,
          "start" TEXT,
          "planned_end" TEXT,
          "end" TEXT,
          "outcome" TEXT
        );
        CREATE INDEX staged_programmes_file ON staged_programmes(file_id);
        INSERT INTO staged_programmes ("row_id", "key", "file_id", "line", "raw", "programme_id", "person_id", "kind", "start", "planned_end", "end", "outcome") SELECT "row_id", "key", "file_id", "line", "raw", "programme_id", "person_id", "kind", "start", "planned_end", "end", "outcome" FROM programmes;
        CREATE TABLE staged_staff (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "teryt" TEXT,
          "period" TEXT,
          "role" TEXT,
          "fte" REAL
        );
        CREATE INDEX staged_staff_file ON staged_staff(file_id);
        INSERT INTO staged_staff ("row_id", "key", "file_id", "line", "raw", "teryt", "period", "role", "fte") SELECT "row_id", "key", "file_id", "line", "raw", "teryt", "period", "role", "fte" FROM staff;
        """

    /// Migration "v7 lean dataset tables": the dataset tables are rebuilt from staging by every
    /// ingest, so they no longer keep the record's text (staging has it, same `row_id`) nor a
    /// unique key; the look-up indexes are made again.
    static let v7LeanDatasets = """
        CREATE TABLE municipalities_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "teryt" TEXT NOT NULL,
          "name" TEXT NOT NULL,
          "year" INTEGER NOT NULL,
          "population" INTEGER NOT NULL,
          "county" TEXT,
          "kind" TEXT
        );
        INSERT INTO municipalities_v7 ("row_id", "key", "file_id", "line", "teryt", "name", "year", "population", "county", "kind") SELECT "row_id", "key", "file_id", "line", "teryt", "name", "year", "population", "county", "kind" FROM municipalities;
        DROP TABLE municipalities;
        ALTER TABLE municipalities_v7 RENAME TO municipalities;
        CREATE TABLE providers_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "provider_id" TEXT NOT NULL,
          "name" TEXT NOT NULL,
          "legal_form" TEXT
        );
        INSERT INTO providers_v7 ("row_id", "key", "file_id", "line", "provider_id", "name", "legal_form") SELECT "row_id", "key", "file_id", "line", "provider_id", "name", "legal_form" FROM providers;
        DROP TABLE providers;
        ALTER TABLE providers_v7 RENAME TO providers;
        CREATE TABLE persons_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "person_id" TEXT NOT NULL,
          "sex" TEXT NOT NULL,
          "birth_year" INTEGER NOT NULL,
          "teryt" TEXT NOT NULL,
          "first_seen" TEXT NOT NULL,
          "ethos" INTEGER NOT NULL,
          "income_at_entry" TEXT,
          "disability" INTEGER
        );
        INSERT INTO persons_v7 ("row_id", "key", "file_id", "line", "person_id", "sex", "birth_year", "teryt", "first_seen", "ethos", "income_at_entry", "disability") SELECT "row_id", "key", "file_id", "line", "person_id", "sex", "birth_year", "teryt", "first_seen", "ethos", "income_at_entry", "disability" FROM persons;
        DROP TABLE persons;
        ALTER TABLE persons_v7 RENAME TO persons;
        CREATE TABLE facilities_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "facility_id" TEXT NOT NULL,
          "provider_id" TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "type" TEXT NOT NULL,
          "places" INTEGER,
          "floor_area_m2" REAL,
          "opened" TEXT NOT NULL,
          "closed" TEXT
        );
        INSERT INTO facilities_v7 ("row_id", "key", "file_id", "line", "facility_id", "provider_id", "teryt", "type", "places", "floor_area_m2", "opened", "closed") SELECT "row_id", "key", "file_id", "line", "facility_id", "provider_id", "teryt", "type", "places", "floor_area_m2", "opened", "closed" FROM facilities;
        DROP TABLE facilities;
        ALTER TABLE facilities_v7 RENAME TO facilities;
        CREATE TABLE contracts_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "contract_id" TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "provider_id" TEXT NOT NULL,
          "facility_id" TEXT,
          "service" TEXT NOT NULL,
          "start" TEXT NOT NULL,
          "end" TEXT NOT NULL,
          "amount_pln" REAL NOT NULL,
          "unit_price_pln" REAL,
          "contracted_units" INTEGER
        );
        INSERT INTO contracts_v7 ("row_id", "key", "file_id", "line", "contract_id", "teryt", "provider_id", "facility_id", "service", "start", "end", "amount_pln", "unit_price_pln", "contracted_units") SELECT "row_id", "key", "file_id", "line", "contract_id", "teryt", "provider_id", "facility_id", "service", "start", "end", "amount_pln", "unit_price_pln", "contracted_units" FROM contracts;
        DROP TABLE contracts;
        ALTER TABLE contracts_v7 RENAME TO contracts;
        CREATE TABLE stays_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "stay_id" TEXT NOT NULL,
          "person_id" TEXT NOT NULL,
          "facility_id" TEXT NOT NULL,
          "admitted" TEXT NOT NULL,
          "discharged" TEXT,
          "destination" TEXT
        );
        INSERT INTO stays_v7 ("row_id", "key", "file_id", "line", "stay_id", "person_id", "facility_id", "admitted", "discharged", "destination") SELECT "row_id", "key", "file_id", "line", "stay_id", "person_id", "facility_id", "admitted", "discharged", "destination" FROM stays;
        DROP TABLE stays;
        ALTER TABLE stays_v7 RENAME TO stays;
        CREATE TABLE services_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "facility_id" TEXT NOT NULL,
          "date" TEXT NOT NULL,
          "service" TEXT NOT NULL,
          "quantity" INTEGER NOT NULL,
          "person_id" TEXT,
          day TEXT
        );
        INSERT INTO services_v7 ("row_id", "key", "file_id", "line", "facility_id", "date", "service", "quantity", "person_id", "day") SELECT "row_id", "key", "file_id", "line", "facility_id", "date", "service", "quantity", "person_id", "day" FROM services;
        DROP TABLE services;
        ALTER TABLE services_v7 RENAME TO services;
        CREATE TABLE costs_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "contract_id" TEXT NOT NULL,
          "month" TEXT NOT NULL,
          "category" TEXT NOT NULL,
          "amount_pln" REAL NOT NULL,
          "funding" TEXT NOT NULL
        );
        INSERT INTO costs_v7 ("row_id", "key", "file_id", "line", "contract_id", "month", "category", "amount_pln", "funding") SELECT "row_id", "key", "file_id", "line", "contract_id", "month", "category", "amount_pln", "funding" FROM costs;
        DROP TABLE costs;
        ALTER TABLE costs_v7 RENAME TO costs;
        CREATE TABLE audits_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "facility_id" TEXT NOT NULL,
          "date" TEXT NOT NULL,
          "criterion" TEXT NOT NULL,
          "result" TEXT NOT NULL,
          "note" TEXT
        );
        INSERT INTO audits_v7 ("row_id", "key", "file_id", "line", "facility_id", "date", "criterion", "result", "note") SELECT "row_id", "key", "file_id", "line", "facility_id", "date", "criterion", "result", "note" FROM audits;
        DROP TABLE audits;
        ALTER TABLE audits_v7 RENAME TO audits;
        CREATE TABLE benefits_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "person_id" TEXT NOT NULL,
          "teryt" TEXT NOT NULL,
          "benefit" TEXT NOT NULL,
          "date_from" TEXT NOT NULL,
          "date_to" TEXT,
          "amount_pln" REAL NOT NULL
        );
        INSERT INTO benefits_v7 ("row_id", "key", "file_id", "line", "person_id", "teryt", "benefit", "date_from", "date_to", "amount_pln") SELECT "row_id", "key", "file_id", "line", "person_id", "teryt", "benefit", "date_from", "date_to", "amount_pln" FROM benefits;
        DROP TABLE benefits;
        ALTER TABLE benefits_v7 RENAME TO benefits;
        CREATE TABLE programmes_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "programme_id" TEXT NOT NULL,
          "person_id" TEXT NOT NULL,
          "kind" TEXT NOT NULL,
          "start" TEXT NOT NULL,
          "planned_end" TEXT,
          "end" TEXT,
          "outcome" TEXT NOT NULL
        );
        INSERT INTO programmes_v7 ("row_id", "key", "file_id", "line", "programme_id", "person_id", "kind", "start", "planned_end", "end", "outcome") SELECT "row_id", "key", "file_id", "line", "programme_id", "person_id", "kind", "start", "planned_end", "end", "outcome" FROM programmes;
        DROP TABLE programmes;
        ALTER TABLE programmes_v7 RENAME TO programmes;
        CREATE TABLE staff_v7 (
          row_id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,                  -- key columns normalised, joined by U+001F
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          "teryt" TEXT NOT NULL,
          "period" TEXT NOT NULL,
          "role" TEXT NOT NULL,
          "fte" REAL NOT NULL
        );
        INSERT INTO staff_v7 ("row_id", "key", "file_id", "line", "teryt", "period", "role", "fte") SELECT "row_id", "key", "file_id", "line", "teryt", "period", "role", "fte" FROM staff;
        DROP TABLE staff;
        ALTER TABLE staff_v7 RENAME TO staff;
        CREATE INDEX municipalities_teryt ON municipalities(teryt, year);
        CREATE INDEX providers_id ON providers(provider_id);
        CREATE INDEX persons_id ON persons(person_id);
        CREATE INDEX facilities_id ON facilities(facility_id);
        CREATE INDEX contracts_id ON contracts(contract_id);
        CREATE INDEX stays_person ON stays(person_id, admitted, stay_id);
        CREATE INDEX stays_facility ON stays(facility_id);
        CREATE INDEX costs_contract ON costs(contract_id, month);
        """


    /// Migration "v10 dataset views": a dataset's accepted rows are no longer copied out of
    /// staging, and a staged row's key is computed from its columns, not stored. The staged
    /// tables are made again: `key` a virtual column (the key columns, NULL as empty, joined by
    /// U+001F), `held` NULL for an accepted row or why it is not (its check, `replaced` when a
    /// later file's row has its key; `old` for rows a store made before had not accepted). The
    /// dataset table becomes a view of the staged rows not held, with the same columns, and its
    /// look-up indexes partial indexes of the staged table over those rows (`held` last, so
    /// they cover the view).
    static let v10DatasetViews = """
        CREATE TABLE staged_municipalities_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("teryt", '') || char(31) || coalesce(CAST("year" AS TEXT), '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "teryt" TEXT,
          "name" TEXT,
          "year" INTEGER,
          "population" INTEGER,
          "county" TEXT,
          "kind" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_municipalities_v10 ("row_id", "file_id", "line", "raw", "teryt", "name", "year", "population", "county", "kind", "held")
          SELECT "row_id", "file_id", "line", "raw", "teryt", "name", "year", "population", "county", "kind", CASE WHEN row_id IN (SELECT row_id FROM municipalities) THEN NULL ELSE 'old' END FROM staged_municipalities;
        DROP TABLE municipalities;
        DROP TABLE staged_municipalities;
        ALTER TABLE staged_municipalities_v10 RENAME TO staged_municipalities;
        CREATE INDEX staged_municipalities_file ON staged_municipalities(file_id);
        CREATE INDEX staged_municipalities_held ON staged_municipalities(held) WHERE held IS NOT NULL;
        CREATE INDEX municipalities_teryt ON staged_municipalities(teryt, year, held) WHERE held IS NULL;
        CREATE VIEW municipalities AS SELECT "row_id", "key", "file_id", "line", "teryt", "name", "year", "population", "county", "kind" FROM staged_municipalities WHERE held IS NULL;
        CREATE TABLE staged_providers_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("provider_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "provider_id" TEXT,
          "name" TEXT,
          "legal_form" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_providers_v10 ("row_id", "file_id", "line", "raw", "provider_id", "name", "legal_form", "held")
          SELECT "row_id", "file_id", "line", "raw", "provider_id", "name", "legal_form", CASE WHEN row_id IN (SELECT row_id FROM providers) THEN NULL ELSE 'old' END FROM staged_providers;
        DROP TABLE providers;
        DROP TABLE staged_providers;
        ALTER TABLE staged_providers_v10 RENAME TO staged_providers;
        CREATE INDEX staged_providers_file ON staged_providers(file_id);
        CREATE INDEX staged_providers_held ON staged_providers(held) WHERE held IS NOT NULL;
        CREATE INDEX providers_id ON staged_providers(provider_id, held) WHERE held IS NULL;
        CREATE VIEW providers AS SELECT "row_id", "key", "file_id", "line", "provider_id", "name", "legal_form" FROM staged_providers WHERE held IS NULL;
        CREATE TABLE staged_persons_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("person_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "person_id" TEXT,
          "sex" TEXT,
          "birth_year" INTEGER,
          "teryt" TEXT,
          "first_seen" TEXT,
          "ethos" INTEGER,
          "income_at_entry" TEXT,
          "disability" INTEGER,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_persons_v10 ("row_id", "file_id", "line", "raw", "person_id", "sex", "birth_year", "teryt", "first_seen", "ethos", "income_at_entry", "disability", "held")
          SELECT "row_id", "file_id", "line", "raw", "person_id", "sex", "birth_year", "teryt", "first_seen", "ethos", "income_at_entry", "disability", CASE WHEN row_id IN (SELECT row_id FROM persons) THEN NULL ELSE 'old' END FROM staged_persons;
        DROP TABLE persons;
        DROP TABLE staged_persons;
        ALTER TABLE staged_persons_v10 RENAME TO staged_persons;
        CREATE INDEX staged_persons_file ON staged_persons(file_id);
        CREATE INDEX staged_persons_held ON staged_persons(held) WHERE held IS NOT NULL;
        CREATE INDEX persons_id ON staged_persons(person_id, held) WHERE held IS NULL;
        CREATE VIEW persons AS SELECT "row_id", "key", "file_id", "line", "person_id", "sex", "birth_year", "teryt", "first_seen", "ethos", "income_at_entry", "disability" FROM staged_persons WHERE held IS NULL;
        CREATE TABLE staged_facilities_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("facility_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT,
          "provider_id" TEXT,
          "teryt" TEXT,
          "type" TEXT,
          "places" INTEGER,
          "floor_area_m2" REAL,
          "opened" TEXT,
          "closed" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_facilities_v10 ("row_id", "file_id", "line", "raw", "facility_id", "provider_id", "teryt", "type", "places", "floor_area_m2", "opened", "closed", "held")
          SELECT "row_id", "file_id", "line", "raw", "facility_id", "provider_id", "teryt", "type", "places", "floor_area_m2", "opened", "closed", CASE WHEN row_id IN (SELECT row_id FROM facilities) THEN NULL ELSE 'old' END FROM staged_facilities;
        DROP TABLE facilities;
        DROP TABLE staged_facilities;
        ALTER TABLE staged_facilities_v10 RENAME TO staged_facilities;
        CREATE INDEX staged_facilities_file ON staged_facilities(file_id);
        CREATE INDEX staged_facilities_held ON staged_facilities(held) WHERE held IS NOT NULL;
        CREATE INDEX facilities_id ON staged_facilities(facility_id, held) WHERE held IS NULL;
        CREATE VIEW facilities AS SELECT "row_id", "key", "file_id", "line", "facility_id", "provider_id", "teryt", "type", "places", "floor_area_m2", "opened", "closed" FROM staged_facilities WHERE held IS NULL;
        CREATE TABLE staged_contracts_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("contract_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "contract_id" TEXT,
          "teryt" TEXT,
          "provider_id" TEXT,
          "facility_id" TEXT,
          "service" TEXT,
          "start" TEXT,
          "end" TEXT,
          "amount_pln" REAL,
          "unit_price_pln" REAL,
          "contracted_units" INTEGER,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_contracts_v10 ("row_id", "file_id", "line", "raw", "contract_id", "teryt", "provider_id", "facility_id", "service", "start", "end", "amount_pln", "unit_price_pln", "contracted_units", "held")
          SELECT "row_id", "file_id", "line", "raw", "contract_id", "teryt", "provider_id", "facility_id", "service", "start", "end", "amount_pln", "unit_price_pln", "contracted_units", CASE WHEN row_id IN (SELECT row_id FROM contracts) THEN NULL ELSE 'old' END FROM staged_contracts;
        DROP TABLE contracts;
        DROP TABLE staged_contracts;
        ALTER TABLE staged_contracts_v10 RENAME TO staged_contracts;
        CREATE INDEX staged_contracts_file ON staged_contracts(file_id);
        CREATE INDEX staged_contracts_held ON staged_contracts(held) WHERE held IS NOT NULL;
        CREATE INDEX contracts_id ON staged_contracts(contract_id, held) WHERE held IS NULL;
        CREATE VIEW contracts AS SELECT "row_id", "key", "file_id", "line", "contract_id", "teryt", "provider_id", "facility_id", "service", "start", "end", "amount_pln", "unit_price_pln", "contracted_units" FROM staged_contracts WHERE held IS NULL;
        CREATE TABLE staged_stays_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("stay_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "stay_id" TEXT,
          "person_id" TEXT,
          "facility_id" TEXT,
          "admitted" TEXT,
          "discharged" TEXT,
          "destination" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_stays_v10 ("row_id", "file_id", "line", "raw", "stay_id", "person_id", "facility_id", "admitted", "discharged", "destination", "held")
          SELECT "row_id", "file_id", "line", "raw", "stay_id", "person_id", "facility_id", "admitted", "discharged", "destination", CASE WHEN row_id IN (SELECT row_id FROM stays) THEN NULL ELSE 'old' END FROM staged_stays;
        DROP TABLE stays;
        DROP TABLE staged_stays;
        ALTER TABLE staged_stays_v10 RENAME TO staged_stays;
        CREATE INDEX staged_stays_file ON staged_stays(file_id);
        CREATE INDEX staged_stays_held ON staged_stays(held) WHERE held IS NOT NULL;
        CREATE INDEX stays_person ON staged_stays(person_id, admitted, stay_id, held) WHERE held IS NULL;
        CREATE INDEX stays_facility ON staged_stays(facility_id, held) WHERE held IS NULL;
        CREATE VIEW stays AS SELECT "row_id", "key", "file_id", "line", "stay_id", "person_id", "facility_id", "admitted", "discharged", "destination" FROM staged_stays WHERE held IS NULL;
        CREATE TABLE staged_services_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("facility_id", '') || char(31) || coalesce("date", '') || char(31) || coalesce("service", '') || char(31) || coalesce("person_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT,
          "date" TEXT,
          "service" TEXT,
          "quantity" INTEGER,
          "person_id" TEXT,
          "day" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_services_v10 ("row_id", "file_id", "line", "raw", "facility_id", "date", "service", "quantity", "person_id", "day", "held")
          SELECT "row_id", "file_id", "line", "raw", "facility_id", "date", "service", "quantity", "person_id", "day", CASE WHEN row_id IN (SELECT row_id FROM services) THEN NULL ELSE 'old' END FROM staged_services;
        DROP TABLE services;
        DROP TABLE staged_services;
        ALTER TABLE staged_services_v10 RENAME TO staged_services;
        CREATE INDEX staged_services_file ON staged_services(file_id);
        CREATE INDEX staged_services_held ON staged_services(held) WHERE held IS NOT NULL;
        CREATE VIEW services AS SELECT "row_id", "key", "file_id", "line", "facility_id", "date", "service", "quantity", "person_id", "day" FROM staged_services WHERE held IS NULL;
        CREATE TABLE staged_costs_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("contract_id", '') || char(31) || coalesce("month", '') || char(31) || coalesce("category", '') || char(31) || coalesce("funding", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "contract_id" TEXT,
          "month" TEXT,
          "category" TEXT,
          "amount_pln" REAL,
          "funding" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_costs_v10 ("row_id", "file_id", "line", "raw", "contract_id", "month", "category", "amount_pln", "funding", "held")
          SELECT "row_id", "file_id", "line", "raw", "contract_id", "month", "category", "amount_pln", "funding", CASE WHEN row_id IN (SELECT row_id FROM costs) THEN NULL ELSE 'old' END FROM staged_costs;
        DROP TABLE costs;
        DROP TABLE staged_costs;
        ALTER TABLE staged_costs_v10 RENAME TO staged_costs;
        CREATE INDEX staged_costs_file ON staged_costs(file_id);
        CREATE INDEX staged_costs_held ON staged_costs(held) WHERE held IS NOT NULL;
        CREATE INDEX costs_contract ON staged_costs(contract_id, month, held) WHERE held IS NULL;
        CREATE VIEW costs AS SELECT "row_id", "key", "file_id", "line", "contract_id", "month", "category", "amount_pln", "funding" FROM staged_costs WHERE held IS NULL;
        CREATE TABLE staged_audits_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("facility_id", '') || char(31) || coalesce("date", '') || char(31) || coalesce("criterion", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "facility_id" TEXT,
          "date" TEXT,
          "criterion" TEXT,
          "result" TEXT,
          "note" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_audits_v10 ("row_id", "file_id", "line", "raw", "facility_id", "date", "criterion", "result", "note", "held")
          SELECT "row_id", "file_id", "line", "raw", "facility_id", "date", "criterion", "result", "note", CASE WHEN row_id IN (SELECT row_id FROM audits) THEN NULL ELSE 'old' END FROM staged_audits;
        DROP TABLE audits;
        DROP TABLE staged_audits;
        ALTER TABLE staged_audits_v10 RENAME TO staged_audits;
        CREATE INDEX staged_audits_file ON staged_audits(file_id);
        CREATE INDEX staged_audits_held ON staged_audits(held) WHERE held IS NOT NULL;
        CREATE VIEW audits AS SELECT "row_id", "key", "file_id", "line", "facility_id", "date", "criterion", "result", "note" FROM staged_audits WHERE held IS NULL;
        CREATE TABLE staged_benefits_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("person_id", '') || char(31) || coalesce("benefit", '') || char(31) || coalesce("date_from", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "person_id" TEXT,
          "teryt" TEXT,
          "benefit" TEXT,
          "date_from" TEXT,
          "date_to" TEXT,
          "amount_pln" REAL,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_benefits_v10 ("row_id", "file_id", "line", "raw", "person_id", "teryt", "benefit", "date_from", "date_to", "amount_pln", "held")
          SELECT "row_id", "file_id", "line", "raw", "person_id", "teryt", "benefit", "date_from", "date_to", "amount_pln", CASE WHEN row_id IN (SELECT row_id FROM benefits) THEN NULL ELSE 'old' END FROM staged_benefits;
        DROP TABLE benefits;
        DROP TABLE staged_benefits;
        ALTER TABLE staged_benefits_v10 RENAME TO staged_benefits;
        CREATE INDEX staged_benefits_file ON staged_benefits(file_id);
        CREATE INDEX staged_benefits_held ON staged_benefits(held) WHERE held IS NOT NULL;
        CREATE VIEW benefits AS SELECT "row_id", "key", "file_id", "line", "person_id", "teryt", "benefit", "date_from", "date_to", "amount_pln" FROM staged_benefits WHERE held IS NULL;
        CREATE TABLE staged_programmes_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("programme_id", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "programme_id" TEXT,
          "person_id" TEXT,
          "kind" TEXT,
          "start" TEXT,
          "planned_end" TEXT,
          "end" TEXT,
          "outcome" TEXT,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_programmes_v10 ("row_id", "file_id", "line", "raw", "programme_id", "person_id", "kind", "start", "planned_end", "end", "outcome", "held")
          SELECT "row_id", "file_id", "line", "raw", "programme_id", "person_id", "kind", "start", "planned_end", "end", "outcome", CASE WHEN row_id IN (SELECT row_id FROM programmes) THEN NULL ELSE 'old' END FROM staged_programmes;
        DROP TABLE programmes;
        DROP TABLE staged_programmes;
        ALTER TABLE staged_programmes_v10 RENAME TO staged_programmes;
        CREATE INDEX staged_programmes_file ON staged_programmes(file_id);
        CREATE INDEX staged_programmes_held ON staged_programmes(held) WHERE held IS NOT NULL;
        CREATE VIEW programmes AS SELECT "row_id", "key", "file_id", "line", "programme_id", "person_id", "kind", "start", "planned_end", "end", "outcome" FROM staged_programmes WHERE held IS NULL;
        CREATE TABLE staged_staff_v10 (
          row_id INTEGER PRIMARY KEY,
          key TEXT GENERATED ALWAYS AS (coalesce("teryt", '') || char(31) || coalesce("period", '') || char(31) || coalesce("role", '')) VIRTUAL,
          file_id INTEGER NOT NULL REFERENCES files(id),
          line INTEGER NOT NULL,
          raw TEXT NOT NULL,
          "teryt" TEXT,
          "period" TEXT,
          "role" TEXT,
          "fte" REAL,
          held TEXT                           -- NULL: accepted; else why not (a check, or replaced)
        );
        INSERT INTO staged_staff_v10 ("row_id", "file_id", "line", "raw", "teryt", "period", "role", "fte", "held")
          SELECT "row_id", "file_id", "line", "raw", "teryt", "period", "role", "fte", CASE WHEN row_id IN (SELECT row_id FROM staff) THEN NULL ELSE 'old' END FROM staged_staff;
        DROP TABLE staff;
        DROP TABLE staged_staff;
        ALTER TABLE staged_staff_v10 RENAME TO staged_staff;
        CREATE INDEX staged_staff_file ON staged_staff(file_id);
        CREATE INDEX staged_staff_held ON staged_staff(held) WHERE held IS NOT NULL;
        CREATE VIEW staff AS SELECT "row_id", "key", "file_id", "line", "teryt", "period", "role", "fte" FROM staged_staff WHERE held IS NULL;
        """
}
