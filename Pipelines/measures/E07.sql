-- E07 koszt posiłku / cost per meal: contributions.
-- Contracts in force in P whose service is `soup_kitchen` and that name a facility.
-- numerator   = their cost rows with month in P; the contract's facility, provider and teryt.
-- denominator = the quantity of `meal` services rows in P of the distinct facilities those
--               contracts name; the facility's own provider and teryt.
-- Decision: contracts without a facility are left out (they count only in E02 and E06).
WITH kitchen_contracts AS (
  SELECT contract_id, facility_id FROM contracts
  WHERE start <= :e AND "end" >= :s AND service = 'soup_kitchen' AND facility_id IS NOT NULL
)
SELECT 'numerator', c.facility_id, c.provider_id, c.teryt, '', '', c.amount_pln, NULL, c.file_id, c.line, c.record || ' (' || c.rows || ' cost rows)'
FROM temp.period_contract_costs c
WHERE c.contract_id IN (SELECT contract_id FROM kitchen_contracts)
UNION ALL
SELECT 'denominator', f.facility_id, f.provider_id, f.teryt, '', '', s.quantity, s.person_id, s.file_id, s.line,
       replace(s.key, char(31), '|')
FROM services s JOIN facilities f ON f.facility_id = s.facility_id
WHERE s.service = 'meal' AND s.day BETWEEN :s AND :e
  AND s.facility_id IN (SELECT facility_id FROM kitchen_contracts);
