-- Q01 indeks satysfakcji, Q02 odsetek zadowolonych, Q09 indeks współpracy, Q10 ocena pomocy przez
-- profesjonalistów, Q11 postawy mieszkańców: contributions of survey responses dated in P.
-- Parameters: :group = the entry's survey group; :score = mean (the response's mean score) or
-- top_two (1 when the response's mean is ≥ 4, exactly: sum ≥ 4 × answered, else 0).
-- One pair of contributions per response × dimension it counts in, plus the overall row
-- (dimension ''): a response counts in a dimension when answered × 2 ≥ items of that dimension in
-- its own questionnaire (items = the map's items in `questionnaire_items`, plus any item ever
-- answered in that questionnaire); overall = every item of the questionnaire. Responses of all the
-- group's questionnaires are pooled by item code.
--   numerator   value = the score above; denominator value = 1 (the catalogue: n = responses).
--   person = the response (one respondent each).
-- Attribution: a facility-unit response to its facility, the facility's provider and teryt; a
-- provider-unit one to its provider; a municipality-unit one to its teryt; all to `all`.
-- Each response's score sum and answered items per dimension and overall come from
-- temp.period_response_scores (built once per period for every survey group).
WITH
items(questionnaire, item, dimension) AS (
  SELECT questionnaire, item, dimension FROM questionnaire_items WHERE survey_group = :group
  UNION
  SELECT questionnaire, item, dimension FROM temp.answered_items WHERE survey_group = :group
),
qdims(questionnaire, dimension, k) AS (
  SELECT questionnaire, dimension, count(DISTINCT item) FROM items GROUP BY questionnaire, dimension
  UNION ALL
  SELECT questionnaire, '', count(DISTINCT item) FROM items GROUP BY questionnaire
),
resp AS (
  SELECT r.id, r.questionnaire, r.file_id, r.line,
         CASE r.unit_kind WHEN 'facility' THEN f.facility_id END AS facility_id,
         CASE r.unit_kind WHEN 'facility' THEN f.provider_id WHEN 'provider' THEN r.unit_id END AS provider_id,
         CASE r.unit_kind WHEN 'facility' THEN f.teryt WHEN 'municipality' THEN r.unit_id END AS teryt
  FROM survey_responses r
  LEFT JOIN facilities f ON r.unit_kind = 'facility' AND f.facility_id = r.unit_id
  WHERE r.survey_group = :group AND r.date BETWEEN :s AND :e
),
counted AS (
  SELECT r.id, r.questionnaire, r.file_id, r.line, r.facility_id, r.provider_id, r.teryt, p.dimension,
         CASE WHEN :score = 'top_two' THEN (CASE WHEN p.total >= 4 * p.answered THEN 1 ELSE 0 END)
              ELSE p.total / p.answered END AS score
  FROM temp.period_response_scores p CROSS JOIN resp r ON r.id = p.response_id
  JOIN qdims d ON d.questionnaire = r.questionnaire AND d.dimension = p.dimension
  WHERE p.survey_group = :group AND p.answered * 2 >= d.k
)
SELECT 'numerator', facility_id, provider_id, teryt, '', dimension, score, CAST(id AS TEXT), file_id, line,
       questionnaire || '#' || id
FROM counted
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', dimension, 1, CAST(id AS TEXT), file_id, line,
       questionnaire || '#' || id
FROM counted;
