-- S07 awans w hierarchii / progression between levels: contributions.
-- For every stay discharged in [s, e], the person's next stay in the order (admitted, stay_id);
-- a transition is a next stay admitted 0–7 days after that discharge (both ends included),
-- attributed to the facility of the discharged stay; each counts 1.
-- numerator   = transitions to a facility of a higher level (temp.facility_levels);
-- denominator = all transitions.
-- Decision: transitions are counted (a person may make several in P), not persons; a move
--   between two facilities of the same level is a transition that is not a progression.
WITH
seq AS (
  SELECT st.person_id, st.facility_id, f.provider_id, f.teryt, st.discharged, l.level, st.file_id, st.line, st.key,
         lead(st.admitted) OVER w AS next_admitted,
         lead(l.level) OVER w AS next_level
  FROM stays st
  JOIN facilities f ON f.facility_id = st.facility_id
  JOIN temp.facility_levels l ON l.type = f.type
  WINDOW w AS (PARTITION BY st.person_id ORDER BY st.admitted, st.stay_id)
),
transitions AS (
  SELECT person_id, facility_id, provider_id, teryt, file_id, line, replace(key, char(31), '|') AS record,
         next_level > level AS up
  FROM seq
  WHERE discharged BETWEEN :s AND :e AND next_admitted IS NOT NULL
    AND julianday(next_admitted) - julianday(discharged) BETWEEN 0 AND 7
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record FROM transitions WHERE up
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record FROM transitions;
