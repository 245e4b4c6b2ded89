-- E02 koszt na osobę / cost per person served (SPEC 5, 6).
-- Grains: provider, municipality, all.
-- numerator   = all cost rows with month in P, attributed to the contract's provider and teryt.
-- denominator = persons served: distinct person_id with a stay where admitted ≤ e and
--               (discharged empty or discharged ≥ s), or a services row with person_id dated in
--               P (a month-dated row when its month starts in P); attributed to the facility's
--               provider and teryt. `all` counts distinct persons over the whole run.
-- Decision: "all costs" are every cost row in P whatever the contract's dates or facility
--   (a cost booked in P is spent in P); contracts without a facility count here.
WITH
g(grain) AS (VALUES ('provider'), ('municipality'), ('all')),
cost AS (
  SELECT k.provider_id, k.teryt, c.amount_pln AS amount
  FROM (SELECT contract_id, sum(amount_pln) AS amount_pln FROM costs
        WHERE month || '-01' BETWEEN :s AND :e GROUP BY contract_id) c
  JOIN contracts k ON k.contract_id = c.contract_id
),
served(person_id, facility_id) AS (
  SELECT person_id, facility_id FROM stays
  WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
  UNION
  SELECT person_id, facility_id FROM services
  WHERE person_id IS NOT NULL
    AND day BETWEEN :s AND :e
),
served_at AS (
  SELECT s.person_id, f.provider_id, f.teryt
  FROM served s JOIN facilities f ON f.facility_id = s.facility_id
),
units(grain, unit_id) AS (
  SELECT 'provider', provider_id FROM providers
  UNION ALL SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
num(grain, unit_id, x) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'provider' THEN provider_id WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         sum(amount)
  FROM cost CROSS JOIN g GROUP BY 1, 2
),
den(grain, unit_id, x) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'provider' THEN provider_id WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         count(DISTINCT person_id)
  FROM served_at CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(num.x, 0) AS numerator, coalesce(den.x, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN num ON num.grain = u.grain AND num.unit_id = u.unit_id
LEFT JOIN den ON den.grain = u.grain AND den.unit_id = u.unit_id;
