-- Q01 indeks satysfakcji / satisfaction index (SPEC 6).
-- `users` responses dated in P; grains facility, provider, municipality, all.
-- Parameters: :s, :e = the (clipped) period's first and last day, ISO text.
-- Result: grain, unit_id, facility_type, dimension, numerator, denominator, n, value, sd.
--   One row per unit × dimension of the `users` group, plus the overall row (dimension '').
--   A response counts in a dimension when answered × 2 ≥ items of that dimension in its own
--   questionnaire (items = the map's items in `questionnaire_items`, plus any item ever answered
--   in that questionnaire); overall = every item of the questionnaire (SPEC 6, Q01). Responses of
--   all the group's questionnaires are pooled by item code into one set of rows; the dimensions
--   written are those of any of the group's questionnaires.
--   value = mean of the response means; numerator = Σ response means; denominator = n = responses counted.
--   sd = sample standard deviation of the response means (n ≥ 2), for workbooks, in one pass:
--   √((Σm² − (Σm)²/n) / (n − 1)); means lie in 1–5, so the cancellation is harmless.
WITH
items(questionnaire, item, dimension) AS (
  SELECT questionnaire, item, dimension FROM questionnaire_items WHERE survey_group = 'users'
  UNION
  SELECT r.questionnaire, a.item, a.dimension
  FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
  WHERE r.survey_group = 'users'
),
qdims(questionnaire, dimension, k) AS (
  SELECT questionnaire, dimension, count(DISTINCT item) FROM items GROUP BY questionnaire, dimension
  UNION ALL
  SELECT questionnaire, '', count(DISTINCT item) FROM items GROUP BY questionnaire
),
dims(dimension) AS (
  SELECT ''  -- the overall row, written even when the group has no items yet
  UNION
  SELECT dimension FROM qdims
),
resp AS (
  SELECT id, unit_kind, unit_id, questionnaire FROM survey_responses
  WHERE survey_group = 'users' AND date BETWEEN :s AND :e
),
per_dim(response_id, dimension, total, answered) AS (
  SELECT a.response_id, a.dimension, sum(a.score), count(*)
  FROM survey_answers a JOIN resp ON resp.id = a.response_id
  GROUP BY a.response_id, a.dimension
  UNION ALL
  SELECT a.response_id, '', sum(a.score), count(*)
  FROM survey_answers a JOIN resp ON resp.id = a.response_id
  GROUP BY a.response_id
),
counted AS (
  SELECT p.response_id, p.dimension, p.total / p.answered AS m,
         CASE WHEN p.total >= 4 * p.answered THEN 1 ELSE 0 END AS top
  FROM per_dim p JOIN resp r ON r.id = p.response_id
  JOIN qdims d ON d.questionnaire = r.questionnaire AND d.dimension = p.dimension
  WHERE p.answered * 2 >= d.k
),
attributed(grain, unit_id, response_id) AS (
  -- a facility response: its facility, the facility's provider and municipality, all
  SELECT 'facility', f.facility_id, r.id FROM resp r JOIN facilities f ON f.facility_id = r.unit_id WHERE r.unit_kind = 'facility'
  UNION ALL
  SELECT 'provider', f.provider_id, r.id FROM resp r JOIN facilities f ON f.facility_id = r.unit_id WHERE r.unit_kind = 'facility'
  UNION ALL
  SELECT 'municipality', f.teryt, r.id FROM resp r JOIN facilities f ON f.facility_id = r.unit_id WHERE r.unit_kind = 'facility'
  UNION ALL
  -- a provider response: provider and all; a municipality response: municipality and all
  SELECT 'provider', r.unit_id, r.id FROM resp r WHERE r.unit_kind = 'provider'
  UNION ALL
  SELECT 'municipality', r.unit_id, r.id FROM resp r WHERE r.unit_kind = 'municipality'
  UNION ALL
  SELECT 'all', 'all', r.id FROM resp r
),
units(grain, unit_id) AS (
  -- facilities open on some day of P (every type), every provider, every teryt, all
  SELECT 'facility', facility_id FROM facilities WHERE opened <= :e AND (closed IS NULL OR closed > :s)
  UNION ALL
  SELECT 'provider', provider_id FROM providers
  UNION ALL
  SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL
  SELECT 'all', 'all'
),
cell AS (
  SELECT a.grain, a.unit_id, c.dimension, c.m, c.top
  FROM attributed a JOIN counted c ON c.response_id = a.response_id
),
stats AS (
  SELECT grain, unit_id, dimension, count(*) AS n, sum(m) AS total, sum(top) AS tops, sum(m * m) AS squares
  FROM cell GROUP BY grain, unit_id, dimension
)
SELECT u.grain, u.unit_id, '' AS facility_type, d.dimension,
       coalesce(s.total, 0) AS numerator,
       coalesce(s.n, 0) AS denominator,
       coalesce(s.n, 0) AS n,
       CASE WHEN s.n > 0 THEN s.total / s.n END AS value,
       CASE WHEN s.n >= 2 THEN sqrt(max(0, s.squares - s.total * s.total / s.n) / (s.n - 1)) END AS sd
FROM units u CROSS JOIN dims d
LEFT JOIN stats s ON s.grain = u.grain AND s.unit_id = u.unit_id AND s.dimension = d.dimension
ORDER BY u.grain, u.unit_id, d.dimension;
