-- E07 koszt posiłku / cost per meal: contributions.
-- Contracts in force in P whose service is `soup_kitchen` and that name a facility.
-- numerator   = their cost rows with month in P (one contribution per contract, its cost rows
--               summed); the contract's facility, provider and teryt.
-- denominator = the quantity of `meal` services rows in P (temp.period_services: a month-dated
--               row of the month in which a clipped P ends counts in proportion) of the distinct facilities those
--               contracts name; the facility's own provider and teryt. One contribution per
--               facility and person (the person's meal rows summed; file and line of the first).
-- Decision: contracts without a facility are left out (they count only in E02 and E06).
WITH
kitchen_contracts AS (
  SELECT contract_id, facility_id FROM contracts
  WHERE start <= :e AND "end" >= :s AND service = 'soup_kitchen' AND facility_id IS NOT NULL
),
meals AS (
  SELECT facility_id, person_id, quantity, rows, rid
  FROM temp.period_person_services
  WHERE service = 'meal'
    AND facility_id IN (SELECT facility_id FROM kitchen_contracts)
)
SELECT 'numerator', c.facility_id, c.provider_id, c.teryt, '', '', c.amount_pln, NULL, c.file_id, c.line,
       c.record || ' (' || c.rows || ' cost rows)'
FROM temp.period_contract_costs c
WHERE c.contract_id IN (SELECT contract_id FROM kitchen_contracts)
UNION ALL
SELECT 'denominator', f.facility_id, f.provider_id, f.teryt, '', '', m.quantity, m.person_id, s.file_id, s.line,
       replace(s.key, char(31), '|') || CASE WHEN m.rows > 1 THEN ' (+' || (m.rows - 1) || ' meal rows)' ELSE '' END
FROM meals m
CROSS JOIN facilities f ON f.facility_id = m.facility_id
CROSS JOIN services s ON s.row_id = m.rid;
