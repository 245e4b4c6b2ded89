-- E08 świadczenia na osobę / benefits per person (SPEC 5, 6).
-- Grains: municipality, all.
-- numerator   = Σ amount_pln of benefits rows with date_from in P;
-- denominator = distinct person_id of those rows; both by the benefit row's teryt. `all` counts
--               distinct persons over the whole run.
WITH
g(grain) AS (VALUES ('municipality'), ('all')),
b AS (SELECT person_id, teryt, amount_pln FROM benefits WHERE date_from BETWEEN :s AND :e),
units(grain, unit_id) AS (
  SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         sum(amount_pln), count(DISTINCT person_id)
  FROM b CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
