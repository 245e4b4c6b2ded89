-- S03 skuteczność IPWzB / programme completion (SPEC 5, 6).
-- Grains: municipality, all; attributed to the person's teryt (persons.teryt).
-- numerator   = `ipwzb` programmes with `end` in [s, e] and outcome `completed`;
-- denominator = `ipwzb` programmes with `end` in [s, e] and outcome `completed` or `broken`.
-- Decision: programmes are counted, not persons (a person with two programmes ended in P counts
--   twice); `transferred` and `ongoing` programmes are left out of both sides.
WITH
g(grain) AS (VALUES ('municipality'), ('all')),
ended AS (
  SELECT pe.teryt, p.outcome
  FROM programmes p JOIN persons pe ON pe.person_id = p.person_id
  WHERE p.kind = 'ipwzb' AND p."end" BETWEEN :s AND :e AND p.outcome IN ('completed', 'broken')
),
units(grain, unit_id) AS (
  SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         sum(outcome = 'completed'), count(*)
  FROM ended CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
