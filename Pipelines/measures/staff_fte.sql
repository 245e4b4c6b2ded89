-- Staff and population of each municipality: contributions shared by Q05 (streetworkers per
-- 100,000), Q06 (assistant caseload) and Q07 (inhabitants per social worker).
-- Parameters: :staff_role = the staff role (streetworker, assistant, social_worker);
-- :fte_as and :population_as = the role each contributes as (numerator, denominator or none);
-- :caseload_as = the role of Q06's persons (none elsewhere).
-- FTE (role :fte_as, aggregated as a mean): one contribution per month of [s, e] that has a value,
--   the month's monthly `staff` row, else the yearly row (`YYYY`) of its year; no value in any
--   month = unknown.
-- Population (role :population_as): the `municipalities` row of P's year, else the latest earlier
--   year; none = unknown.
-- Caseload (role :caseload_as, distinct persons): persons, by the person's teryt, with an `ipwzb`
--   programme active on P's clipped last day (start ≤ e and (end empty or end ≥ e)).
WITH RECURSIVE
months(m) AS (
  SELECT substr(:s, 1, 7)
  UNION ALL
  SELECT strftime('%Y-%m', m || '-01', '+1 month') FROM months WHERE m < substr(:e, 1, 7)
),
teryts(teryt) AS (SELECT DISTINCT teryt FROM municipalities),
fte AS (
  SELECT t.teryt,
         CASE WHEN mo.row_id IS NOT NULL THEN mo.fte ELSE yr.fte END AS fte,
         CASE WHEN mo.row_id IS NOT NULL THEN mo.file_id ELSE yr.file_id END AS file_id,
         CASE WHEN mo.row_id IS NOT NULL THEN mo.line ELSE yr.line END AS line,
         replace(CASE WHEN mo.row_id IS NOT NULL THEN mo.key ELSE yr.key END, char(31), '|') AS record
  FROM teryts t CROSS JOIN months
  LEFT JOIN staff mo ON mo.teryt = t.teryt AND mo.role = :staff_role AND mo.period = months.m
  LEFT JOIN staff yr ON yr.teryt = t.teryt AND yr.role = :staff_role AND yr.period = substr(months.m, 1, 4)
)
SELECT :fte_as, NULL, NULL, teryt, '', '', fte, NULL, file_id, line, record
FROM fte WHERE fte IS NOT NULL AND :fte_as <> 'none'
UNION ALL
SELECT :population_as, NULL, NULL, m.teryt, '', '', m.population, NULL, m.file_id, m.line, replace(m.key, char(31), '|')
FROM municipalities m
WHERE :population_as <> 'none'
  AND m.year = (SELECT max(m2.year) FROM municipalities m2 WHERE m2.teryt = m.teryt AND m2.year <= :year)
UNION ALL
SELECT :caseload_as, NULL, NULL, p.teryt, '', '', 1, g.person_id, g.file_id, g.line, replace(g.key, char(31), '|')
FROM programmes g JOIN persons p ON p.person_id = g.person_id
WHERE :caseload_as <> 'none'
  AND g.kind = 'ipwzb' AND g.start <= :e AND (g."end" IS NULL OR g."end" >= :e);
