-- E01 koszt osobodnia / cost per bed-night: contributions.
-- Contracts in force in P ([start, end] overlaps the clipped P) whose facility is a bed facility.
-- numerator   = their cost rows with month in P (temp.period_contract_costs: one contribution per contract, its cost rows summed), attributed to the contract's
--               facility, provider and teryt; value = amount_pln.
-- denominator = the bed-nights in P (temp.period_nights: per stay, or per `bed_night` services row
--               of a facility with no stay overlapping P) of the distinct facilities those
--               contracts name, attributed to the facility's own provider and teryt.
-- Decision: a cost month counts when its first day lies in [s, e] (clipped): a month that has
--   started by the as-of date counts whole.
-- Decision: a facility not named by any contract in force has denominator 0 (no value).
WITH bed_contracts AS (
  SELECT k.contract_id, k.facility_id
  FROM contracts k JOIN facilities f ON f.facility_id = k.facility_id
  WHERE k.start <= :e AND k."end" >= :s AND f.type IN (SELECT type FROM temp.bed_types)
)
SELECT 'numerator', c.facility_id, c.provider_id, c.teryt, '', '', c.amount_pln, NULL, c.file_id, c.line, c.record || ' (' || c.rows || ' cost rows)'
FROM temp.period_contract_costs c
WHERE c.contract_id IN (SELECT contract_id FROM bed_contracts)
UNION ALL
SELECT 'denominator', f.facility_id, f.provider_id, f.teryt, '', '', n.nights, NULL, n.file_id, n.line, n.record
FROM temp.period_nights n JOIN facilities f ON f.facility_id = n.facility_id
WHERE n.facility_id IN (SELECT facility_id FROM bed_contracts);
