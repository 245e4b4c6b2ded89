-- S02 objęcie IPWzB / programme coverage (SPEC 5, 6).
-- Grains: municipality, all.
-- denominator = persons served in bed facilities: distinct person_id with a stay where
--               admitted ≤ e and (discharged empty or ≥ s), or a services row with person_id dated
--               in P at a bed facility; by the facility's teryt (a person served in two
--               municipalities counts in each; `all` counts each person once).
-- numerator   = those of them with an `ipwzb` programme active on some day of P:
--               start ≤ e and (end empty or end ≥ s) — whatever the outcome (SPEC 2: `end`
--               given with `ongoing` means active until `end`).
-- Decision: the programme is the person's (not tied to a municipality): a person served in
--   municipality A with a programme run by any MOPS counts as covered in A.
WITH
g(grain) AS (VALUES ('municipality'), ('all')),
bed_types(type) AS (VALUES ('warming_centre'), ('night_shelter'), ('shelter'), ('shelter_care'),
                           ('training_flat'), ('supported_flat')),
served(person_id, facility_id) AS (
  SELECT person_id, facility_id FROM stays
  WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
  UNION
  SELECT person_id, facility_id FROM services
  WHERE person_id IS NOT NULL
    AND day BETWEEN :s AND :e
),
served_bed AS (
  SELECT s.person_id, f.teryt,
         s.person_id IN (SELECT p.person_id FROM programmes p
                         WHERE p.kind = 'ipwzb'
                           AND p.start <= :e AND (p."end" IS NULL OR p."end" >= :s)) AS covered
  FROM served s JOIN facilities f ON f.facility_id = s.facility_id
  WHERE f.type IN (SELECT type FROM bed_types)
),
units(grain, unit_id) AS (
  SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         count(DISTINCT CASE WHEN covered THEN person_id END), count(DISTINCT person_id)
  FROM served_bed CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
