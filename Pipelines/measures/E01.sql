-- E01 koszt osobodnia / cost per bed-night (SPEC 5, 6).
-- Grains: facility (bed facilities open on some day of P), provider, municipality, all.
-- numerator   = cost rows with month in P of the contracts in force in P ([start, end] overlaps
--               the clipped P) whose facility is a bed facility; attributed to the contract's
--               facility, provider and teryt.
-- denominator = bed-nights in P of the distinct facilities those contracts name; attributed to
--               the facility's own provider and teryt. Bed-nights of a stay: dates d with
--               max(admitted, s) ≤ d ≤ min(discharged − 1, e); a facility with no stay
--               overlapping P (admitted ≤ e and (discharged empty or ≥ s)) uses its `bed_night`
--               services rows in P instead.
-- Decision: a cost month counts when its first day lies in [s, e] (clipped): a month that has
--   started by the as-of date counts whole.
-- Decision: a facility not named by any contract in force has denominator 0 (no value).
WITH
g(grain) AS (VALUES ('facility'), ('provider'), ('municipality'), ('all')),
bed_types(type) AS (VALUES ('warming_centre'), ('night_shelter'), ('shelter'), ('shelter_care'),
                           ('training_flat'), ('supported_flat')),
bed_contracts AS (
  SELECT k.contract_id, k.facility_id, k.provider_id, k.teryt
  FROM contracts k JOIN facilities f ON f.facility_id = k.facility_id
  WHERE k.start <= :e AND k."end" >= :s AND f.type IN (SELECT type FROM bed_types)
),
cost AS (
  SELECT bc.facility_id, bc.provider_id, bc.teryt, c.amount_pln AS amount
  FROM (SELECT contract_id, sum(amount_pln) AS amount_pln FROM costs
        WHERE month || '-01' BETWEEN :s AND :e GROUP BY contract_id) c
  JOIN bed_contracts bc ON bc.contract_id = c.contract_id
),
stay_nights AS (
  SELECT facility_id,
         sum(max(0, julianday(min(coalesce(date(discharged, '-1 day'), :e), :e))
                    - julianday(max(admitted, :s)) + 1)) AS nights
  FROM stays
  WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
  GROUP BY facility_id
),
service_nights AS (
  SELECT facility_id, sum(quantity) AS nights
  FROM services
  WHERE service = 'bed_night'
    AND day BETWEEN :s AND :e
  GROUP BY facility_id
),
nights AS (
  SELECT f.facility_id, f.provider_id, f.teryt, coalesce(sn.nights, sv.nights, 0) AS nights
  FROM facilities f
  LEFT JOIN stay_nights sn ON sn.facility_id = f.facility_id
  LEFT JOIN service_nights sv ON sv.facility_id = f.facility_id
  WHERE f.facility_id IN (SELECT facility_id FROM bed_contracts)
),
units(grain, unit_id) AS (
  SELECT 'facility', facility_id FROM facilities
  WHERE type IN (SELECT type FROM bed_types) AND opened <= :e AND (closed IS NULL OR closed > :s)
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
                               WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT), sum(nights)
  FROM nights CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(num.x, 0) AS numerator, coalesce(den.x, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN num ON num.grain = u.grain AND num.unit_id = u.unit_id
LEFT JOIN den ON den.grain = u.grain AND den.unit_id = u.unit_id;
