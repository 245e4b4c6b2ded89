-- Q06 obciążenie asystenta / assistant caseload (SPEC 6), municipality grain.
-- numerator = persons (by the person's teryt) with an `ipwzb` programme active on P's clipped
-- last day (start ≤ e and (end empty or end ≥ e)); denominator = assistant FTE;
-- value = numerator ÷ FTE (no value when the FTE is unknown or 0). Norm ≤ 10.
-- Parameters: :s, :e = the (clipped) period's first and last day, ISO text; :year = P's year.
-- FTE of a role (SPEC 5): the mean over the months of [s, e] that have a value, where a month's
-- value is its monthly `staff` row, else the yearly row (`YYYY`) of its year; no value in any
-- month = unknown (NULL). Population: the `municipalities` row of P's year, else the latest
-- earlier year; none = unknown. Unknown FTE or population gives no value.
WITH RECURSIVE
months(m) AS (
  SELECT substr(:s, 1, 7)
  UNION ALL
  SELECT strftime('%Y-%m', m || '-01', '+1 month') FROM months WHERE m < substr(:e, 1, 7)
),
teryts(teryt) AS (SELECT DISTINCT teryt FROM municipalities),
fte AS (
  SELECT t.teryt, avg(coalesce(mo.fte, yr.fte)) AS fte
  FROM teryts t CROSS JOIN months
  LEFT JOIN staff mo ON mo.teryt = t.teryt AND mo.role = 'assistant' AND mo.period = months.m
  LEFT JOIN staff yr ON yr.teryt = t.teryt AND yr.role = 'assistant' AND yr.period = substr(months.m, 1, 4)
  GROUP BY t.teryt
),
pop AS (
  SELECT t.teryt,
         (SELECT population FROM municipalities m WHERE m.teryt = t.teryt AND m.year <= :year
          ORDER BY m.year DESC LIMIT 1) AS population
  FROM teryts t
),
caseload AS (
  SELECT p.teryt, count(DISTINCT g.person_id) AS persons
  FROM programmes g JOIN persons p ON p.person_id = g.person_id
  WHERE g.kind = 'ipwzb' AND g.start <= :e AND (g."end" IS NULL OR g."end" >= :e)
  GROUP BY p.teryt
)
SELECT 'municipality' AS grain, t.teryt AS unit_id, '' AS facility_type, '' AS dimension,
       coalesce(c.persons, 0) AS numerator, f.fte AS denominator, NULL AS n,
       CASE WHEN f.fte > 0 THEN coalesce(c.persons, 0) / f.fte END AS value
FROM teryts t JOIN fte f ON f.teryt = t.teryt LEFT JOIN caseload c ON c.teryt = t.teryt
ORDER BY t.teryt;
