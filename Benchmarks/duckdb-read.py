# DuckDB read_csv of every CSV file of an inbox into a table per dataset folder (all columns as
# text, files of one folder unioned by column name), the baseline miara ingest is compared with.
# A folder holding a file that is not UTF-8 (Windows-1250, which DuckDB cannot decode) is read
# file by file, such files recoded to UTF-8 first. Usage: duckdb-read.py INBOX DATABASE
import duckdb, os, sys, collections, tempfile
inbox, db = sys.argv[1], sys.argv[2]
groups = collections.defaultdict(list)
for root, _, files in os.walk(inbox):
    for f in sorted(files):
        if f.lower().endswith('.csv'):
            groups[os.path.relpath(root, inbox).replace('/', '_')].append(os.path.join(root, f))
con = duckdb.connect(db)
opts = "union_by_name = true, all_varchar = true, header = true"
tmp = tempfile.mkdtemp()
rows = recoded = 0
for table, files in sorted(groups.items()):
    try:
        con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM read_csv(?, {opts})', [files])
    except duckdb.Error:
        # A file that is not UTF-8 (Windows-1250): read the group file by file, such files recoded first.
        con.execute(f'DROP TABLE IF EXISTS "{table}"')
        for i, f in enumerate(files):
            try:
                con.execute(f'SELECT count(*) FROM read_csv(?, {opts})', [f]).fetchone()
            except duckdb.Error:
                t = os.path.join(tmp, f"{i}.csv")
                with open(f, 'rb') as src, open(t, 'wb') as dst:
                    dst.write(src.read().decode('cp1250').encode('utf-8'))
                f, recoded = t, recoded + 1
            verb = f'INSERT INTO "{table}" BY NAME' if i else f'CREATE TABLE "{table}" AS'
            con.execute(f'{verb} SELECT * FROM read_csv(?, {opts})', [f])
    rows += con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
con.close()
print(f"{rows} rows in {len(groups)} tables ({recoded} files recoded from Windows-1250 first)")
