-- Q04 zgodność ze standardem / compliance with the standard (SPEC 6).
-- Parameters: :s, :e = the (clipped) period's first and last day, ISO text.
-- Needs temp.standard_criteria(code, weight), filled from the standard file before this runs
-- (QualityStandardTables.install). Criteria are matched case-insensitively.
-- Per facility × criterion the latest audit dated in P counts; when that latest is `n_a` the
-- criterion drops out. numerator = Σ weight × (1 met, 0.5 partial, 0 not_met),
-- denominator = Σ weight; facilities attribute to their provider and municipality.
-- Rows: facilities open on some day of P (every type), every provider, every teryt, all;
-- numerator and denominator 0 (value empty) where a unit has no audit.
WITH
ranked AS (
  SELECT facility_id, upper(criterion) AS criterion, result,
         row_number() OVER (PARTITION BY facility_id, upper(criterion) ORDER BY date DESC) AS rn
  FROM audits WHERE date BETWEEN :s AND :e
),
scored AS (
  SELECT r.facility_id, c.weight AS w,
         c.weight * CASE r.result WHEN 'met' THEN 1.0 WHEN 'partial' THEN 0.5 ELSE 0.0 END AS pts
  FROM ranked r JOIN temp.standard_criteria c ON upper(c.code) = r.criterion
  WHERE r.rn = 1 AND r.result <> 'n_a'
),
per_facility AS (
  SELECT s.facility_id, f.provider_id, f.teryt, sum(s.pts) AS num, sum(s.w) AS den
  FROM scored s JOIN facilities f ON f.facility_id = s.facility_id
  GROUP BY s.facility_id
),
attributed(grain, unit_id, num, den) AS (
  SELECT 'facility', facility_id, num, den FROM per_facility
  UNION ALL SELECT 'provider', provider_id, num, den FROM per_facility
  UNION ALL SELECT 'municipality', teryt, num, den FROM per_facility
  UNION ALL SELECT 'all', 'all', num, den FROM per_facility
),
totals AS (
  SELECT grain, unit_id, sum(num) AS num, sum(den) AS den FROM attributed GROUP BY grain, unit_id
),
units(grain, unit_id) AS (
  SELECT 'facility', facility_id FROM facilities WHERE opened <= :e AND (closed IS NULL OR closed > :s)
  UNION ALL SELECT 'provider', provider_id FROM providers
  UNION ALL SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(t.num, 0) AS numerator, coalesce(t.den, 0) AS denominator, NULL AS n,
       CASE WHEN t.den > 0 THEN t.num / t.den END AS value
FROM units u LEFT JOIN totals t ON t.grain = u.grain AND t.unit_id = u.unit_id
ORDER BY u.grain, u.unit_id;
