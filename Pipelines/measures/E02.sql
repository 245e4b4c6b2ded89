-- E02 koszt na osobę / cost per person served: contributions.
-- numerator   = every cost row with month in P (temp.period_contract_costs: one contribution per contract, its cost rows summed), attributed to the contract's
--               provider and teryt; value = amount_pln.
-- denominator = the records that make a person served (temp.period_served: a stay overlapping P,
--               or a services row with a person dated in P), attributed to the facility's provider
--               and teryt; counted as distinct persons (`all`: each person once over the run).
-- Decision: "all costs" are every cost row in P whatever the contract's dates or facility
--   (a cost booked in P is spent in P); contracts without a facility count here.
SELECT 'numerator', c.facility_id, c.provider_id, c.teryt, '', '', c.amount_pln, NULL, c.file_id, c.line, c.record || ' (' || c.rows || ' cost rows)'
FROM temp.period_contract_costs c
UNION ALL
SELECT 'denominator', s.facility_id, f.provider_id, f.teryt, '', '', 1, s.person_id, s.file_id, s.line, s.record
FROM temp.period_served s JOIN facilities f ON f.facility_id = s.facility_id;
