-- E05 koszt jednostkowy wobec umowy / unit cost vs contract: contributions.
-- Over the contracts in force in P that have a unit_price_pln and a facility:
-- numerator   = their cost rows with month in P; the contract's facility and provider.
-- denominator = one contribution per contract: units delivered in P by its facility × its
--               unit_price_pln. Units: bed-nights for a bed facility (temp.period_nights), the
--               quantity of `meal` services rows for a soup kitchen, otherwise the quantity of all
--               the facility's services rows in P (temp.period_services: a month-dated row of
--               the month in which a clipped P ends counts in proportion).
-- Decision: units are per contract: each contract in force is priced against all the units its
--   facility delivered in P; two such contracts naming one facility both count those units.
-- Decision: the unit type follows the facility's type (not the contract's `service`).
WITH
priced AS (
  SELECT contract_id, facility_id, provider_id, teryt, unit_price_pln AS price, file_id, line, key
  FROM contracts
  WHERE start <= :e AND "end" >= :s AND unit_price_pln IS NOT NULL AND facility_id IS NOT NULL
),
-- Units summed from temp.period_person_services (the services rows in P already summed per
-- facility, person and service): whole quantities, so the same sums in any order. When P ends
-- inside a month a month-dated row may count a fraction: then the rows themselves are summed in
-- their stored order, as ever.
svc_sum AS (
  SELECT facility_id, sum(CASE WHEN service = 'meal' THEN quantity END) AS meals, sum(quantity) AS total
  FROM temp.period_person_services
  WHERE (SELECT partial_month FROM temp.period_bounds) IS NULL
  GROUP BY facility_id
  UNION ALL
  SELECT facility_id, sum(CASE WHEN service = 'meal' THEN quantity END) AS meals, sum(quantity) AS total
  FROM temp.period_services
  WHERE (SELECT partial_month FROM temp.period_bounds) IS NOT NULL
  GROUP BY facility_id
),
night_sum AS (SELECT facility_id, sum(nights) AS nights FROM temp.period_nights GROUP BY facility_id),
fac_units AS (
  SELECT f.facility_id,
         CASE WHEN f.type IN (SELECT type FROM temp.bed_types) THEN coalesce(ns.nights, 0)
              WHEN f.type = 'soup_kitchen' THEN coalesce(ss.meals, 0)
              ELSE coalesce(ss.total, 0) END AS units
  FROM facilities f
  LEFT JOIN night_sum ns ON ns.facility_id = f.facility_id
  LEFT JOIN svc_sum ss ON ss.facility_id = f.facility_id
)
SELECT 'numerator', c.facility_id, c.provider_id, c.teryt, '', '', c.amount_pln, NULL, c.file_id, c.line, c.record || ' (' || c.rows || ' cost rows)'
FROM temp.period_contract_costs c
WHERE c.contract_id IN (SELECT contract_id FROM priced)
UNION ALL
SELECT 'denominator', p.facility_id, p.provider_id, p.teryt, '', '', coalesce(fu.units, 0) * p.price, NULL, p.file_id, p.line,
       replace(p.key, char(31), '|')
FROM priced p LEFT JOIN fac_units fu ON fu.facility_id = p.facility_id;
