-- S07 awans w hierarchii / progression between levels (SPEC 5, 6).
-- Grains: municipality, all; attributed to the teryt of the facility of the discharged stay.
-- For every stay discharged in [s, e], the person's next stay in the order (admitted, stay_id);
-- a transition is a next stay admitted 0–7 days after that discharge (both ends included).
-- numerator   = transitions whose next facility has a higher level than the discharged one
--               (levels: warming_centre 1, night_shelter 2, shelter 3, shelter_care 3,
--               training_flat 4, supported_flat 5);
-- denominator = all transitions.
-- Decision: transitions are counted (a person may make several in P), not persons; a move
--   between two facilities of the same level is a transition that is not a progression.
WITH
g(grain) AS (VALUES ('municipality'), ('all')),
levels(type, level) AS (VALUES ('warming_centre', 1), ('night_shelter', 2), ('shelter', 3),
                               ('shelter_care', 3), ('training_flat', 4), ('supported_flat', 5)),
seq AS (
  SELECT st.stay_id, st.discharged, f.teryt, l.level,
         lead(st.admitted) OVER w AS next_admitted,
         lead(l.level) OVER w AS next_level
  FROM stays st
  JOIN facilities f ON f.facility_id = st.facility_id
  JOIN levels l ON l.type = f.type
  WINDOW w AS (PARTITION BY st.person_id ORDER BY st.admitted, st.stay_id)
),
transitions AS (
  SELECT teryt, next_level > level AS up
  FROM seq
  WHERE discharged BETWEEN :s AND :e AND next_admitted IS NOT NULL
    AND julianday(next_admitted) - julianday(discharged) BETWEEN 0 AND 7
),
units(grain, unit_id) AS (
  SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT), sum(up), count(*)
  FROM transitions CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
