-- Q03 alfa Cronbacha: the value of each dimension's row at grain `all`, computed over the
-- measure's contributions (the complete responses; person = the response id).
-- alpha = k/(k−1) · (1 − Σ item variances ÷ variance of the item sum), sample variances. Each
-- variance is written as (n·Σx² − (Σx)²) / (n(n−1)); the common factor n(n−1) cancels in the ratio,
-- which keeps integer scores exact, so "zero variance of the sum" is an exact test. Needs k ≥ 2
-- and n ≥ 2. Returns grain, unit_id, facility_type, dimension, value.
WITH
items AS (
  SELECT item, dimension FROM survey_items WHERE survey_group = :group
  UNION
  SELECT item, dimension FROM temp.answered_items WHERE survey_group = :group
),
dims(dimension, k) AS (SELECT dimension, count(DISTINCT item) FROM items GROUP BY dimension),
complete AS (
  SELECT dimension, CAST(person AS INTEGER) AS response_id, value AS total FROM contributions WHERE role = 'n'
),
sums AS (
  SELECT dimension, count(*) AS n, sum(total) AS sx, sum(total * total) AS sxx
  FROM complete GROUP BY dimension
),
item_stats AS (
  SELECT a.dimension, a.item, sum(a.score) AS sx, sum(a.score * a.score) AS sxx
  FROM complete c
  CROSS JOIN survey_answers a ON a.response_id = c.response_id AND a.dimension = c.dimension
  GROUP BY a.dimension, a.item
),
item_var AS (
  SELECT i.dimension, sum(s.n * i.sxx - i.sx * i.sx) AS v
  FROM item_stats i JOIN sums s ON s.dimension = i.dimension
  GROUP BY i.dimension
)
SELECT 'all', 'all', '', d.dimension,
       CASE WHEN d.k >= 2 AND s.n >= 2
                 AND abs(s.n * s.sxx - s.sx * s.sx) > 1e-9 * max(1.0, s.n * s.sxx)
            THEN (1.0 * d.k / (d.k - 1)) * (1.0 - iv.v / (s.n * s.sxx - s.sx * s.sx)) END
FROM dims d
LEFT JOIN sums s ON s.dimension = d.dimension
LEFT JOIN item_var iv ON iv.dimension = d.dimension;
