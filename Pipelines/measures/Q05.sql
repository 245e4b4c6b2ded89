-- Q05 streetworkerzy na 100 tys. / streetworkers per 100,000 (SPEC 6), municipality grain.
-- numerator = streetworker FTE, denominator = population, value = FTE ÷ population × 100,000.
-- Norm ≥ 2 (below_norm is set by Publication).
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
  LEFT JOIN staff mo ON mo.teryt = t.teryt AND mo.role = 'streetworker' AND mo.period = months.m
  LEFT JOIN staff yr ON yr.teryt = t.teryt AND yr.role = 'streetworker' AND yr.period = substr(months.m, 1, 4)
  GROUP BY t.teryt
),
pop AS (
  SELECT t.teryt,
         (SELECT population FROM municipalities m WHERE m.teryt = t.teryt AND m.year <= :year
          ORDER BY m.year DESC LIMIT 1) AS population
  FROM teryts t
)
SELECT 'municipality' AS grain, t.teryt AS unit_id, '' AS facility_type, '' AS dimension,
       f.fte AS numerator, p.population AS denominator, NULL AS n,
       CASE WHEN f.fte IS NOT NULL AND p.population > 0 THEN f.fte / p.population * 100000.0 END AS value
FROM teryts t JOIN fte f ON f.teryt = t.teryt JOIN pop p ON p.teryt = t.teryt
ORDER BY t.teryt;
