-- Q03 alfa Cronbacha / scale reliability: contributions of `:group` responses dated in P.
-- One contribution (role n) per complete response of a dimension: every one of the dimension's k
-- items answered (k = items of the dimension in the group: the maps' items in `survey_items`,
-- pooled by code, plus any item ever answered); value = the response's item sum; person = the
-- response. The value of the row (α) is computed by Q03_alpha.sql over these contributions.
WITH
items AS (
  SELECT item, dimension FROM survey_items WHERE survey_group = :group
  UNION
  SELECT item, dimension FROM temp.answered_items WHERE survey_group = :group
),
dims(dimension, k) AS (SELECT dimension, count(DISTINCT item) FROM items GROUP BY dimension),
resp AS (
  SELECT id, questionnaire, file_id, line FROM survey_responses
  WHERE survey_group = :group AND date BETWEEN :s AND :e
),
-- Each response's item sum and answered items per dimension: temp.period_response_scores (its
-- rows of a dimension; '' is the overall row), in response and dimension order.
per_dim(response_id, dimension, total, answered) AS (
  SELECT response_id, dimension, total, answered FROM temp.period_response_scores
  WHERE survey_group = :group AND dimension <> ''
)
SELECT 'n', NULL, NULL, NULL, '', p.dimension, p.total, CAST(r.id AS TEXT), r.file_id, r.line, r.questionnaire || '#' || r.id
FROM per_dim p CROSS JOIN dims d ON d.dimension = p.dimension CROSS JOIN resp r ON r.id = p.response_id
WHERE p.answered = d.k;
