/*
 * Baseline for miara's XLSX writing: the same cells as Workbooks.writeMeasuresSheet(
 * Workbooks.benchmarkRows(count: N)) written with libxlsxwriter directly.
 *
 *   cc -O2 -o baseline baseline.c -lxlsxwriter && ./baseline 200000 out.xlsx
 *
 * Keep the row generator in step with Workbooks.benchmarkRows (WorkbookMeasuresSheet.swift).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s ROWS OUT.xlsx\n", argv[0]); return 2; }
    long n = atol(argv[1]);
    const char *out = argv[2];
    static const char *periods[] = {"2026", "2026H1", "2026H2", "2026Q1", "2026Q2", "2026Q3", "2026Q4"};
    static const char *grains[] = {"facility", "provider", "municipality", "all"};
    static const char *units[] = {"PLN", "share", "ratio", "days", "persons", "per 10k", "score 1\xE2\x80\x93" "5"};
    static const char *columns[] = {"measure", "period", "grain", "unit_id", "facility_type", "dimension", "value",
                                    "numerator", "denominator", "n", "unit", "flags"};
    char codes[28][4];
    for (int i = 1; i <= 28; i++) {
        if (i <= 8) snprintf(codes[i - 1], 4, "E0%d", i);
        else if (i <= 17) snprintf(codes[i - 1], 4, "S0%d", i - 8);
        else snprintf(codes[i - 1], 4, "Q%02d", i - 17);
    }

    remove(out);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp"};
    lxw_workbook *wb = workbook_new_opt(out, &options);
    if (!wb) { fprintf(stderr, "cannot create %s\n", out); return 1; }
    lxw_doc_properties props = {.title = "measures", .author = "miara", .created = 1767225600 /* 2026-01-01 UTC */};
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "measures");
    for (int c = 0; c < 12; c++) worksheet_write_string(ws, 0, c, columns[c], bold);

    char unit_id[24];
    for (long i = 0; i < n; i++) {
        lxw_row_t r = (lxw_row_t)(i + 1);
        int no_value = i % 11 == 0;
        snprintf(unit_id, sizeof unit_id, "%07ld", 2400000 + i / 784);
        worksheet_write_string(ws, r, 0, codes[i % 28], NULL);
        worksheet_write_string(ws, r, 1, periods[(i / 28) % 7], NULL);
        worksheet_write_string(ws, r, 2, grains[(i / 196) % 4], NULL);
        worksheet_write_string(ws, r, 3, unit_id, NULL);
        if (i % 13 == 0) worksheet_write_string(ws, r, 4, "shelter", NULL);
        if (i % 17 == 0) worksheet_write_string(ws, r, 5, "staff", NULL);
        if (!no_value) worksheet_write_number(ws, r, 6, (double)(i % 1000) * 1.25 + 0.5, NULL);
        worksheet_write_number(ws, r, 7, (double)i * 3.5, NULL);
        if (!no_value) worksheet_write_number(ws, r, 8, (double)(i % 97 + 1), NULL);
        worksheet_write_number(ws, r, 9, (double)(i % 50), NULL);
        worksheet_write_string(ws, r, 10, units[i % 7], NULL);
        const char *flags = NULL;
        if (i % 5 == 0 && no_value) flags = "provisional;no_denominator";
        else if (i % 5 == 0) flags = "provisional";
        else if (no_value) flags = "no_denominator";
        if (flags) worksheet_write_string(ws, r, 11, flags, NULL);
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) { fprintf(stderr, "workbook_close: %s\n", lxw_strerror(err)); return 1; }
    return 0;
}
