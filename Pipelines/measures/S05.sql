-- S05 mediana pobytu / median length of stay: contributions.
-- Exits = stays discharged in [s, e] from bed facilities, attributed to the stay's facility and
-- its type (the measure is split by facility type); role n, value = length in days
-- (discharged − admitted; a same-day stay is 0). The catalogue makes n = exits and
-- value = their median (even count: mean of the two middle values).
-- Decision: at facility grain `facility_type` is the facility's type, so every S05 row carries it.
SELECT 'n', st.facility_id, f.provider_id, f.teryt, f.type, '',
       julianday(st.discharged) - julianday(st.admitted), st.person_id, st.file_id, st.line,
       replace(st.key, char(31), '|')
FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
WHERE st.discharged BETWEEN :s AND :e AND f.type IN (SELECT type FROM temp.bed_types);
