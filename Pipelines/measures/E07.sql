-- E07 koszt posiłku / cost per meal (SPEC 5, 6).
-- Grains: facility (soup kitchens open on some day of P), provider, municipality, all.
-- numerator   = cost rows with month in P of the contracts in force in P whose service is
--               `soup_kitchen` and that name a facility; the contract's facility, provider, teryt.
-- denominator = quantity of `meal` services rows in P of the distinct facilities those contracts
--               name; the facility's own provider and teryt.
-- Decision: contracts without a facility are left out (SPEC 5: they count only in E02 and E06).
WITH
g(grain) AS (VALUES ('facility'), ('provider'), ('municipality'), ('all')),
kitchen_contracts AS (
  SELECT k.contract_id, k.facility_id, k.provider_id, k.teryt
  FROM contracts k
  WHERE k.start <= :e AND k."end" >= :s AND k.service = 'soup_kitchen' AND k.facility_id IS NOT NULL
),
cost AS (
  SELECT kc.facility_id, kc.provider_id, kc.teryt, c.amount_pln AS amount
  FROM (SELECT contract_id, sum(amount_pln) AS amount_pln FROM costs
        WHERE month || '-01' BETWEEN :s AND :e GROUP BY contract_id) c
  JOIN kitchen_contracts kc ON kc.contract_id = c.contract_id
),
meals AS (
  SELECT f.facility_id, f.provider_id, f.teryt, m.quantity
  FROM (SELECT facility_id, sum(quantity) AS quantity FROM services
        WHERE service = 'meal' AND day BETWEEN :s AND :e
        GROUP BY facility_id) m
  JOIN facilities f ON f.facility_id = m.facility_id
  WHERE m.facility_id IN (SELECT facility_id FROM kitchen_contracts)
),
units(grain, unit_id) AS (
  SELECT 'facility', facility_id FROM facilities
  WHERE type = 'soup_kitchen' AND opened <= :e AND (closed IS NULL OR closed > :s)
  UNION ALL SELECT 'provider', provider_id FROM providers
  UNION ALL SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
num(grain, unit_id, x) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'facility' THEN facility_id WHEN 'provider' THEN provider_id
                               WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT), sum(amount)
  FROM cost CROSS JOIN g GROUP BY 1, 2
),
den(grain, unit_id, x) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'facility' THEN facility_id WHEN 'provider' THEN provider_id
                               WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT), sum(quantity)
  FROM meals CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(num.x, 0) AS numerator, coalesce(den.x, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN num ON num.grain = u.grain AND num.unit_id = u.unit_id
LEFT JOIN den ON den.grain = u.grain AND den.unit_id = u.unit_id;
