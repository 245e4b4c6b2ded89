-- Q04 zgodność ze standardem / compliance with the standard: contributions.
-- Needs temp.standard_criteria(code, weight), filled from the standard file by the engine.
-- Per facility × criterion (matched case-insensitively) the latest audit dated in P counts; when
-- that latest is `n_a` the criterion drops out. Attributed to the facility, its provider and teryt.
-- numerator   = weight × (1 met, 0.5 partial, 0 not_met) of each counted audit row;
-- denominator = its weight.
WITH
ranked AS (
  SELECT facility_id, upper(criterion) AS criterion, result, file_id, line, key,
         row_number() OVER (PARTITION BY facility_id, upper(criterion) ORDER BY date DESC) AS rn
  FROM audits WHERE date BETWEEN :s AND :e
),
scored AS (
  SELECT r.facility_id, f.provider_id, f.teryt, r.file_id, r.line, replace(r.key, char(31), '|') AS record,
         c.weight AS w, c.weight * CASE r.result WHEN 'met' THEN 1.0 WHEN 'partial' THEN 0.5 ELSE 0.0 END AS pts
  FROM ranked r
  JOIN temp.standard_criteria c ON upper(c.code) = r.criterion
  JOIN facilities f ON f.facility_id = r.facility_id
  WHERE r.rn = 1 AND r.result <> 'n_a'
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', pts, NULL, file_id, line, record FROM scored
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', w, NULL, file_id, line, record FROM scored;
