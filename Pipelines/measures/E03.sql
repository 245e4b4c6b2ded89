-- E03 koszt usamodzielnienia / cost per housing exit: contributions.
-- numerator   = cost rows with month in P of the contracts in force in P whose facility is a bed
--               facility (as E01); the contract's provider and teryt.
-- denominator = housing exits in P (stays discharged in [s, e] with a housing destination) from the
--               distinct facilities those contracts name; the facility's provider and teryt; each
--               exit counts 1.
WITH bed_contracts AS (
  SELECT k.contract_id, k.facility_id
  FROM contracts k JOIN facilities f ON f.facility_id = k.facility_id
  WHERE k.start <= :e AND k."end" >= :s AND f.type IN (SELECT type FROM temp.bed_types)
)
SELECT 'numerator', c.facility_id, c.provider_id, c.teryt, '', '', c.amount_pln, NULL, c.file_id, c.line, c.record || ' (' || c.rows || ' cost rows)'
FROM temp.period_contract_costs c
WHERE c.contract_id IN (SELECT contract_id FROM bed_contracts)
UNION ALL
SELECT 'denominator', st.facility_id, f.provider_id, f.teryt, '', '', 1, st.person_id, st.file_id, st.line,
       replace(st.key, char(31), '|')
FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
WHERE st.discharged BETWEEN :s AND :e
  AND st.destination IN (SELECT destination FROM temp.housing_destinations)
  AND st.facility_id IN (SELECT facility_id FROM bed_contracts);
