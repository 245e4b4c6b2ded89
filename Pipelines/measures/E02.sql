-- E02 koszt na osobę / cost per person served: contributions.
-- numerator   = every cost row with month in P, attributed to its contract's provider and teryt;
--               value = amount_pln; file and line of the cost row itself.
-- denominator = the records that make a person served (temp.period_served: a stay overlapping P,
--               or a services row with a person dated in P), attributed to the facility's provider
--               and teryt; counted as distinct persons (`all`: each person once over the run).
-- Decision: "all costs" are every cost row in P whatever the contract's dates or facility
--   (a cost booked in P is spent in P); contracts without a facility count here.
-- Rolled up from months (`months: true`): each cost row is one contribution, so a period's total
-- is the exact sum of its rows, the same from its months as from one query.
SELECT 'numerator', k.facility_id, k.provider_id, k.teryt, '', '', c.amount_pln, NULL, c.file_id, c.line, replace(c.key, char(31), '|')
FROM costs c JOIN contracts k ON k.contract_id = c.contract_id
WHERE c.month || '-01' BETWEEN :s AND :e
UNION ALL
SELECT 'denominator', s.facility_id, f.provider_id, f.teryt, '', '', 1, s.person_id, s.file_id, s.line, s.record
FROM temp.period_served s JOIN facilities f ON f.facility_id = s.facility_id;
