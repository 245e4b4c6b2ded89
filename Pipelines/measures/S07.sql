-- S07 awans w hierarchii / progression between levels: contributions.
-- For every stay discharged in [s, e], the person's next stay in the order (admitted, stay_id);
-- a transition is a next stay admitted 0–7 days after that discharge (both ends included),
-- attributed to the facility of the discharged stay; each counts 1.
-- numerator   = transitions to a facility of a higher level (temp.facility_levels);
-- denominator = all transitions.
-- Decision: transitions are counted (a person may make several in P), not persons; a move
--   between two facilities of the same level is a transition that is not a progression.
-- The next stay of a discharged stay is looked up in the person's stays ordered by (admitted,
-- stay_id) among stays at levelled facilities (the index stays_person), only for the stays
-- discharged in P.
WITH
ended AS (
  SELECT st.person_id, st.stay_id, st.admitted, st.facility_id, f.provider_id, f.teryt, st.discharged, l.level,
         st.file_id, st.line, st.key
  FROM stays st
  JOIN facilities f ON f.facility_id = st.facility_id
  JOIN temp.facility_levels l ON l.type = f.type
  WHERE st.discharged BETWEEN :s AND :e
),
seq AS (
  SELECT e.*,
         (SELECT nx.row_id FROM stays nx
          JOIN facilities nf ON nf.facility_id = nx.facility_id
          JOIN temp.facility_levels nl ON nl.type = nf.type
          WHERE nx.person_id = e.person_id AND (nx.admitted, nx.stay_id) > (e.admitted, e.stay_id)
          ORDER BY nx.admitted, nx.stay_id LIMIT 1) AS next_row
  FROM ended e
),
transitions AS (
  SELECT s.person_id, s.facility_id, s.provider_id, s.teryt, s.file_id, s.line, replace(s.key, char(31), '|') AS record,
         nl.level > s.level AS up
  FROM seq s
  JOIN stays nx ON nx.row_id = s.next_row
  JOIN facilities nf ON nf.facility_id = nx.facility_id
  JOIN temp.facility_levels nl ON nl.type = nf.type
  WHERE julianday(nx.admitted) - julianday(s.discharged) BETWEEN 0 AND 7
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record FROM transitions WHERE up
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record FROM transitions;
