-- S09 bezdomni na 10 tys. / persons served per 10,000 inhabitants: contributions.
-- numerator   = the records that make a person served (temp.period_served), by the facility's
--               teryt, counted as distinct persons (`all`: each person once over the run).
-- denominator = population: the `municipalities` row of P's year, else the latest earlier year
--               (one contribution per teryt; none = unknown); `all` sums the municipalities that
--               have one.
-- Decision: at `all`, persons served in a municipality without a population still count in the
--   numerator (`all` is the distinct persons of the whole run).
SELECT 'numerator', s.facility_id, f.provider_id, f.teryt, '', '', 1, s.person_id, s.file_id, s.line, s.record
FROM temp.period_served s JOIN facilities f ON f.facility_id = s.facility_id
UNION ALL
SELECT 'denominator', NULL, NULL, m.teryt, '', '', m.population, NULL, m.file_id, m.line, replace(m.key, char(31), '|')
FROM municipalities m
WHERE m.year = (SELECT max(m2.year) FROM municipalities m2 WHERE m2.teryt = m.teryt AND m2.year <= :year);
