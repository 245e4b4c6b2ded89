-- S06 powroty w 12 mies. / returns within 12 months: contributions.
-- Cohort: persons whose first housing exit over their whole history (the stay with a housing
--   destination first by (discharged, stay_id)) was discharged in (e − 730 d, e − 365 d],
--   e = the clipped period end; attributed to the facility of that stay.
-- Returned: the person has another stay, in a bed facility other than `supported_flat`,
--   admitted 0–365 days after that exit's discharge date (both ends included).
-- denominator = the cohort's exits (one per person); numerator = those of returned persons.
-- Decision: an admission on the day of the housing exit counts as a return (0 days after it).
-- Decision: the cohort window is fixed by e alone; the period's length does not matter.
WITH
housing_exits AS (
  SELECT st.stay_id, st.person_id, st.facility_id, st.discharged, st.file_id, st.line, st.key,
         row_number() OVER (PARTITION BY st.person_id ORDER BY st.discharged, st.stay_id) AS rn
  FROM stays st
  WHERE st.discharged IS NOT NULL
    AND st.destination IN (SELECT destination FROM temp.housing_destinations)
),
cohort AS (
  SELECT h.person_id, h.facility_id, f.provider_id, f.teryt, h.file_id, h.line, replace(h.key, char(31), '|') AS record,
         EXISTS (SELECT 1 FROM stays r JOIN facilities rf ON rf.facility_id = r.facility_id
                 WHERE r.person_id = h.person_id AND r.stay_id <> h.stay_id
                   AND rf.type IN (SELECT type FROM temp.bed_types) AND rf.type <> 'supported_flat'
                   AND julianday(r.admitted) - julianday(h.discharged) BETWEEN 0 AND 365) AS returned
  FROM housing_exits h JOIN facilities f ON f.facility_id = h.facility_id
  WHERE h.rn = 1
    AND h.discharged > date(:e, '-730 days') AND h.discharged <= date(:e, '-365 days')
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record FROM cohort WHERE returned
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record FROM cohort;
