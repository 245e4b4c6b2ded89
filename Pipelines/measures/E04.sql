-- E04 wykorzystanie miejsc / occupancy (SPEC 5, 6).
-- Grains: facility (bed facilities open on some day of P), provider, municipality, all.
-- numerator   = bed-nights in P of every bed facility (stays; a facility with no stay
--               overlapping P uses its `bed_night` services rows in P); the facility's attribution.
-- denominator = open place-days: places × dates d in P with opened ≤ d and (closed empty or
--               d < closed).
-- Decision: a facility without `places` (not possible for bed facilities after the checks)
--   contributes 0 place-days.
WITH
g(grain) AS (VALUES ('facility'), ('provider'), ('municipality'), ('all')),
bed_types(type) AS (VALUES ('warming_centre'), ('night_shelter'), ('shelter'), ('shelter_care'),
                           ('training_flat'), ('supported_flat')),
stay_nights AS (
  SELECT facility_id,
         sum(max(0, julianday(min(coalesce(date(discharged, '-1 day'), :e), :e))
                    - julianday(max(admitted, :s)) + 1)) AS nights
  FROM stays
  WHERE admitted <= :e AND (discharged IS NULL OR discharged >= :s)
  GROUP BY facility_id
),
service_nights AS (
  SELECT facility_id, sum(quantity) AS nights
  FROM services
  WHERE service = 'bed_night'
    AND day BETWEEN :s AND :e
  GROUP BY facility_id
),
fac AS (
  SELECT f.facility_id, f.provider_id, f.teryt,
         coalesce(sn.nights, sv.nights, 0) AS nights,
         coalesce(f.places, 0) * max(0, julianday(min(coalesce(date(f.closed, '-1 day'), :e), :e))
                                        - julianday(max(f.opened, :s)) + 1) AS place_days
  FROM facilities f
  LEFT JOIN stay_nights sn ON sn.facility_id = f.facility_id
  LEFT JOIN service_nights sv ON sv.facility_id = f.facility_id
  WHERE f.type IN (SELECT type FROM bed_types)
),
units(grain, unit_id) AS (
  SELECT 'facility', facility_id FROM facilities
  WHERE type IN (SELECT type FROM bed_types) AND opened <= :e AND (closed IS NULL OR closed > :s)
  UNION ALL SELECT 'provider', provider_id FROM providers
  UNION ALL SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'facility' THEN facility_id WHEN 'provider' THEN provider_id
                               WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         sum(nights), sum(place_days)
  FROM fac CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
