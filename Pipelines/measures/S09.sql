-- S09 bezdomni na 10 tys. / persons served per 10,000 inhabitants (SPEC 5, 6).
-- Grains: municipality, all.
-- numerator   = persons served (a stay where admitted ≤ e and (discharged empty or ≥ s), or a
--               services row with person_id dated in P), by the facility's teryt; `all` counts
--               distinct persons over the whole run.
-- denominator = population: the municipalities row of P's year, else the latest earlier year;
--               none = unknown (empty, no value). `all`: the sum over municipalities that have one.
-- value = numerator ÷ denominator × 10,000.
-- Decision: at `all`, persons served in a municipality without a population still count in the
--   numerator (SPEC 5: `all` is the distinct persons of the whole run).
WITH
g(grain) AS (VALUES ('municipality'), ('all')),
served(person_id, facility_id) AS (
  SELECT person_id, facility_id FROM stays
  WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
  UNION
  SELECT person_id, facility_id FROM services
  WHERE person_id IS NOT NULL
    AND day BETWEEN :s AND :e
),
served_at AS (
  SELECT s.person_id, f.teryt FROM served s JOIN facilities f ON f.facility_id = s.facility_id
),
pop(teryt, population) AS (
  SELECT m.teryt, m.population FROM municipalities m
  WHERE m.year = (SELECT max(m2.year) FROM municipalities m2 WHERE m2.teryt = m.teryt AND m2.year <= :year)
),
units(grain, unit_id, population) AS (
  SELECT 'municipality', t.teryt, p.population
  FROM (SELECT DISTINCT teryt FROM municipalities) t LEFT JOIN pop p ON p.teryt = t.teryt
  UNION ALL SELECT 'all', 'all', (SELECT sum(population) FROM pop)
),
agg(grain, unit_id, num) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT), count(DISTINCT person_id)
  FROM served_at CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, u.population AS denominator, NULL AS n,
       CASE WHEN u.population > 0 THEN coalesce(a.num, 0) * 10000.0 / u.population END AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
