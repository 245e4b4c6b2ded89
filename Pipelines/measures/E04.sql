-- E04 wykorzystanie miejsc / occupancy: contributions.
-- numerator   = bed-nights in P of every bed facility (temp.period_nights); the facility's attribution.
-- denominator = open place-days of every bed facility: places × dates d in P with opened ≤ d and
--               (closed empty or d < closed); one contribution per facility row.
-- Decision: a facility without `places` (not possible for bed facilities after the checks)
--   contributes 0 place-days.
SELECT 'numerator', f.facility_id, f.provider_id, f.teryt, '', '', n.nights, NULL, n.file_id, n.line, n.record
FROM temp.period_nights n JOIN facilities f ON f.facility_id = n.facility_id
WHERE f.type IN (SELECT type FROM temp.bed_types)
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '',
       coalesce(places, 0) * max(0, julianday(min(coalesce(date(closed, '-1 day'), :e), :e)) - julianday(max(opened, :s)) + 1),
       NULL, file_id, line, replace(key, char(31), '|')
FROM facilities
WHERE type IN (SELECT type FROM temp.bed_types);
