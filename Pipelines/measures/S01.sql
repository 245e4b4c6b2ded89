-- S01 wyjścia do mieszkań / housing exit rate (SPEC 5, 6).
-- Grains: facility (bed facilities open on some day of P), provider, municipality, all.
-- Exits = stays discharged in [s, e]; attributed to the stay's facility.
-- numerator   = exits with a housing destination (own_flat, social_flat, rented, supported_flat);
-- denominator = exits whose destination is neither other_facility nor died (housing exits included).
WITH
g(grain) AS (VALUES ('facility'), ('provider'), ('municipality'), ('all')),
bed_types(type) AS (VALUES ('warming_centre'), ('night_shelter'), ('shelter'), ('shelter_care'),
                           ('training_flat'), ('supported_flat')),
exits AS (
  SELECT st.facility_id, f.provider_id, f.teryt, st.destination
  FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
  WHERE st.discharged BETWEEN :s AND :e
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
         sum(destination IN ('own_flat', 'social_flat', 'rented', 'supported_flat')),
         sum(coalesce(destination, '') NOT IN ('other_facility', 'died'))
  FROM exits CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
