"""DuckDB's read_csv of every CSV file of an inbox into a DuckDB database file, for the ingestion
benchmark's comparison (Benchmarks/ingest.sh): per dataset folder, one read_csv over its files
(union_by_name, every column as text) into one table, the files grouped by delimiter (`;` when
the header line has one). DuckDB reads Windows-1250 only with an extension that is downloaded,
which this machine cannot: a file that is not UTF-8 is first converted to a UTF-8 copy in a
temporary folder (not timed).
Usage: python3 duckdb-read.py INBOX DATABASE
Prints the files read, DuckDB's own wall and CPU seconds (grouping and converting the files are
not counted) and the database's bytes.
"""
import os
import resource
import shutil
import sys
import tempfile
import time

import duckdb

inbox, database = sys.argv[1], sys.argv[2]
for suffix in ("", ".wal"):
    if os.path.exists(database + suffix):
        os.remove(database + suffix)
groups = {}
count = 0
converted = tempfile.mkdtemp(prefix="duckdb-read-")
for folder, _, names in os.walk(inbox):
    for n in names:
        if not n.lower().endswith(".csv"):
            continue
        path = os.path.join(folder, n)
        with open(path, "rb") as f:
            data = f.read()
        head = data.split(b"\n", 1)[0]
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            path = os.path.join(converted, f"{count}.csv")
            with open(path, "wb") as f:
                f.write(data.decode("cp1250", errors="replace").encode("utf-8"))
        dataset = os.path.relpath(folder, inbox)
        groups.setdefault((dataset, ";" if b";" in head else ","), []).append(path)
        count += 1


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


wall0, cpu0 = time.perf_counter(), cpu()
con = duckdb.connect(database)
con.execute("SET threads = 2")
for i, ((dataset, delim), paths) in enumerate(sorted(groups.items())):
    con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv(?, delim = '{delim}', header = true, union_by_name = true, "
                f"all_varchar = true, strict_mode = false, ignore_errors = true)", [sorted(paths)])
con.execute("CHECKPOINT")
con.close()
shutil.rmtree(converted)
print(f"{count} CSV files read in {len(groups)} read_csv calls")
print(f"duckdb read_csv: wall {time.perf_counter() - wall0:.2f} s, cpu {cpu() - cpu0:.2f} s, database {os.path.getsize(database)} bytes")
