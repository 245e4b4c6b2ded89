-- E05 koszt jednostkowy wobec umowy / unit cost vs contract (SPEC 5, 6).
-- Grains: facility (facilities of every type open on some day of P), provider.
-- Over the contracts in force in P that have a unit_price_pln and a facility:
-- numerator   = Σ cost rows with month in P of each contract;
-- denominator = Σ over the same contracts of (units delivered in P by the contract's facility ×
--               the contract's unit_price_pln). Units: bed-nights for a bed facility (stays, or
--               `bed_night` services rows for a facility with no stay overlapping P), the
--               quantity of `meal` services rows for a soup kitchen, otherwise the quantity of all
--               the facility's services rows in P.
-- Both sides are attributed to the contract's facility and provider.
-- Decision: units are per contract: each contract in force is priced against all the units its
--   facility delivered in P; two such contracts naming one facility both count those units.
-- Decision: the unit type follows the facility's type (not the contract's `service`).
WITH
g(grain) AS (VALUES ('facility'), ('provider')),
bed_types(type) AS (VALUES ('warming_centre'), ('night_shelter'), ('shelter'), ('shelter_care'),
                           ('training_flat'), ('supported_flat')),
priced AS (
  SELECT k.contract_id, k.facility_id, k.provider_id, k.unit_price_pln AS price
  FROM contracts k
  WHERE k.start <= :e AND k."end" >= :s AND k.unit_price_pln IS NOT NULL AND k.facility_id IS NOT NULL
),
svc AS (
  SELECT facility_id, service, quantity
  FROM services
  WHERE day BETWEEN :s AND :e
),
stay_nights AS (
  SELECT facility_id,
         sum(max(0, julianday(min(coalesce(date(discharged, '-1 day'), :e), :e))
                    - julianday(max(admitted, :s)) + 1)) AS nights
  FROM stays
  WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
  GROUP BY facility_id
),
svc_sum AS (
  SELECT facility_id,
         sum(CASE WHEN service = 'bed_night' THEN quantity END) AS nights,
         sum(CASE WHEN service = 'meal' THEN quantity END) AS meals,
         sum(quantity) AS total
  FROM svc GROUP BY facility_id
),
fac_units AS (
  SELECT f.facility_id,
         CASE WHEN f.type IN (SELECT type FROM bed_types) THEN coalesce(sn.nights, ss.nights, 0)
              WHEN f.type = 'soup_kitchen' THEN coalesce(ss.meals, 0)
              ELSE coalesce(ss.total, 0) END AS units
  FROM facilities f
  LEFT JOIN stay_nights sn ON sn.facility_id = f.facility_id
  LEFT JOIN svc_sum ss ON ss.facility_id = f.facility_id
),
per_contract AS (
  SELECT p.facility_id, p.provider_id,
         (SELECT coalesce(sum(c.amount_pln), 0) FROM costs c
          WHERE c.contract_id = p.contract_id AND c.month || '-01' BETWEEN :s AND :e) AS cost,
         coalesce(fu.units, 0) * p.price AS priced_units
  FROM priced p LEFT JOIN fac_units fu ON fu.facility_id = p.facility_id
),
units(grain, unit_id) AS (
  SELECT 'facility', facility_id FROM facilities
  WHERE opened <= :e AND (closed IS NULL OR closed > :s)
  UNION ALL SELECT 'provider', provider_id FROM providers
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'facility' THEN facility_id ELSE provider_id END AS TEXT),
         sum(cost), sum(priced_units)
  FROM per_contract CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
