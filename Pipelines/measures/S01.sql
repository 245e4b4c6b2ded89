-- S01 wyjścia do mieszkań / housing exit rate: contributions.
-- Exits = stays discharged in [s, e]; attributed to the stay's facility; each exit counts 1.
-- numerator   = exits with a housing destination (temp.housing_destinations);
-- denominator = exits whose destination is neither other_facility nor died (housing exits included).
WITH exits AS (
  SELECT st.facility_id, f.provider_id, f.teryt, st.destination, st.person_id, st.file_id, st.line,
         replace(st.key, char(31), '|') AS record
  FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
  WHERE st.discharged BETWEEN :s AND :e
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record
FROM exits WHERE destination IN (SELECT destination FROM temp.housing_destinations)
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record
FROM exits WHERE coalesce(destination, '') NOT IN ('other_facility', 'died');
