-- S06 powroty w 12 mies. / returns within 12 months (SPEC 5, 6).
-- Grains: municipality, all; attributed to the teryt of the facility of the discharged stay.
-- Cohort: persons whose first housing exit over their whole history (the stay with a housing
--   destination first by (discharged, stay_id)) was discharged in (e − 730 d, e − 365 d],
--   e = the clipped period end.
-- Returned: the person has another stay, in a bed facility other than `supported_flat`,
--   admitted 0–365 days after that exit's discharge date (both ends included).
-- numerator = returned persons of the cohort; denominator = the cohort.
-- Decision: an admission on the day of the housing exit counts as a return (0 days after it).
-- Decision: the cohort window is fixed by e alone; the period's length does not matter (a month
--   and a year ending on the same day have the same cohort).
WITH
g(grain) AS (VALUES ('municipality'), ('all')),
housing_exits AS (
  SELECT st.stay_id, st.person_id, st.facility_id, st.discharged,
         row_number() OVER (PARTITION BY st.person_id ORDER BY st.discharged, st.stay_id) AS rn
  FROM stays st
  WHERE st.discharged IS NOT NULL
    AND st.destination IN ('own_flat', 'social_flat', 'rented', 'supported_flat')
),
cohort AS (
  SELECT h.stay_id, h.person_id, h.discharged, f.teryt,
         EXISTS (SELECT 1 FROM stays r JOIN facilities rf ON rf.facility_id = r.facility_id
                 WHERE r.person_id = h.person_id AND r.stay_id <> h.stay_id
                   AND rf.type IN ('warming_centre', 'night_shelter', 'shelter', 'shelter_care', 'training_flat')
                   AND julianday(r.admitted) - julianday(h.discharged) BETWEEN 0 AND 365) AS returned
  FROM housing_exits h JOIN facilities f ON f.facility_id = h.facility_id
  WHERE h.rn = 1
    AND h.discharged > date(:e, '-730 days') AND h.discharged <= date(:e, '-365 days')
),
units(grain, unit_id) AS (
  SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         sum(returned), count(*)
  FROM cohort CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
