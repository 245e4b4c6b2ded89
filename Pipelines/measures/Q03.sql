-- Q03 alfa Cronbacha / scale reliability (SPEC 6), `users` responses dated in P.
-- Grain `all`, one row per dimension (no overall row).
-- Parameters: :s, :e = the (clipped) period's first and last day, ISO text.
-- Result: grain, unit_id, facility_type, dimension, numerator, denominator, n, value.
--   k = items of the dimension in the group (the maps' items in `survey_items`, pooled by code,
--   plus any item ever answered); complete responses = every one of the k items answered;
--   n = complete responses. alpha = k/(k−1) · (1 − Σ item variances ÷ variance of the item sum),
--   sample variances. Each variance is written as (n·Σx² − (Σx)²) / (n(n−1)); the common factor
--   n(n−1) cancels in the ratio, which keeps integer scores exact, so "zero variance of the sum"
--   is an exact test. Needs k ≥ 2 and n ≥ 2; numerator and denominator are empty.
WITH
items AS (
  SELECT item, dimension FROM survey_items WHERE survey_group = 'users'
  UNION
  SELECT a.item, a.dimension
  FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
  WHERE r.survey_group = 'users'
),
dims(dimension, k) AS (
  SELECT dimension, count(DISTINCT item) FROM items GROUP BY dimension
),
resp AS (
  SELECT id FROM survey_responses
  WHERE survey_group = 'users' AND date BETWEEN :s AND :e
),
per_dim(response_id, dimension, total, answered) AS (
  SELECT a.response_id, a.dimension, sum(a.score), count(*)
  FROM survey_answers a JOIN resp ON resp.id = a.response_id
  GROUP BY a.response_id, a.dimension
),
complete AS (
  SELECT p.response_id, p.dimension, p.total
  FROM per_dim p JOIN dims d ON d.dimension = p.dimension
  WHERE p.answered = d.k
),
sums AS (
  SELECT dimension, count(*) AS n, sum(total) AS sx, sum(total * total) AS sxx
  FROM complete GROUP BY dimension
),
item_stats AS (
  SELECT a.dimension, a.item, sum(a.score) AS sx, sum(a.score * a.score) AS sxx
  FROM survey_answers a
  JOIN complete c ON c.response_id = a.response_id AND c.dimension = a.dimension
  GROUP BY a.dimension, a.item
),
item_var AS (
  SELECT i.dimension, sum(s.n * i.sxx - i.sx * i.sx) AS v
  FROM item_stats i JOIN sums s ON s.dimension = i.dimension
  GROUP BY i.dimension
)
SELECT 'all' AS grain, 'all' AS unit_id, '' AS facility_type, d.dimension,
       NULL AS numerator, NULL AS denominator,
       coalesce(s.n, 0) AS n,
       CASE WHEN d.k >= 2 AND s.n >= 2
                 AND abs(s.n * s.sxx - s.sx * s.sx) > 1e-9 * max(1.0, s.n * s.sxx)
            THEN (1.0 * d.k / (d.k - 1)) * (1.0 - iv.v / (s.n * s.sxx - s.sx * s.sx)) END AS value
FROM dims d
LEFT JOIN sums s ON s.dimension = d.dimension
LEFT JOIN item_var iv ON iv.dimension = d.dimension
ORDER BY d.dimension;
