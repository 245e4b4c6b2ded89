-- E03 koszt usamodzielnienia / cost per housing exit (SPEC 5, 6).
-- Grains: provider, municipality, all.
-- numerator   = cost rows with month in P of the contracts in force in P whose facility is a bed
--               facility (as E01); attributed to the contract's provider and teryt.
-- denominator = housing exits in P (stays discharged in [s, e] with destination own_flat,
--               social_flat, rented or supported_flat) from the distinct facilities those
--               contracts name; attributed to the facility's provider and teryt.
WITH
g(grain) AS (VALUES ('provider'), ('municipality'), ('all')),
bed_types(type) AS (VALUES ('warming_centre'), ('night_shelter'), ('shelter'), ('shelter_care'),
                           ('training_flat'), ('supported_flat')),
bed_contracts AS (
  SELECT k.contract_id, k.facility_id, k.provider_id, k.teryt
  FROM contracts k JOIN facilities f ON f.facility_id = k.facility_id
  WHERE k.start <= :e AND k."end" >= :s AND f.type IN (SELECT type FROM bed_types)
),
cost AS (
  SELECT bc.provider_id, bc.teryt, c.amount_pln AS amount
  FROM (SELECT contract_id, sum(amount_pln) AS amount_pln FROM costs
        WHERE month || '-01' BETWEEN :s AND :e GROUP BY contract_id) c
  JOIN bed_contracts bc ON bc.contract_id = c.contract_id
),
housing_exits AS (
  SELECT f.provider_id, f.teryt
  FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
  WHERE st.discharged BETWEEN :s AND :e
    AND st.destination IN ('own_flat', 'social_flat', 'rented', 'supported_flat')
    AND st.facility_id IN (SELECT facility_id FROM bed_contracts)
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
         count(*)
  FROM housing_exits CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(num.x, 0) AS numerator, coalesce(den.x, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN num ON num.grain = u.grain AND num.unit_id = u.unit_id
LEFT JOIN den ON den.grain = u.grain AND den.unit_id = u.unit_id;
