-- S08 nowe osoby / new entrants (SPEC 5, 6).
-- Grains: municipality, all; by the person's teryt (persons.teryt).
-- value = numerator = persons with first_seen in [s, e]; no denominator (a count, 0 is a value).
WITH
g(grain) AS (VALUES ('municipality'), ('all')),
new_persons AS (SELECT person_id, teryt FROM persons WHERE first_seen BETWEEN :s AND :e),
units(grain, unit_id) AS (
  SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT), count(DISTINCT person_id)
  FROM new_persons CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, NULL AS denominator, NULL AS n, coalesce(a.num, 0) AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
