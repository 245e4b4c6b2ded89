-- S05 mediana pobytu / median length of stay (SPEC 5, 6).
-- Split by levelled facility type. Grains: facility (bed facilities open on some day of P, one row
-- each with the facility's type), municipality (one row per teryt × levelled type), all (one row
-- per levelled type).
-- Exits = stays discharged in [s, e]; length = discharged − admitted in days (a same-day stay is
-- 0); attributed to the stay's facility and its type.
-- value = median length (even count: mean of the two middle values); n = exits;
-- numerator and denominator empty. No exits: n = 0 and no value.
-- Decision: at facility grain `facility_type` is filled with the facility's type, so every S05 row
--   carries its type.
WITH
bed_types(type) AS (VALUES ('warming_centre'), ('night_shelter'), ('shelter'), ('shelter_care'),
                           ('training_flat'), ('supported_flat')),
exits AS (
  SELECT st.facility_id, f.teryt, f.type,
         julianday(st.discharged) - julianday(st.admitted) AS los
  FROM stays st JOIN facilities f ON f.facility_id = st.facility_id
  WHERE st.discharged BETWEEN :s AND :e AND f.type IN (SELECT type FROM bed_types)
),
by_unit(grain, unit_id, type, los) AS (
  SELECT 'facility', facility_id, type, los FROM exits
  UNION ALL SELECT 'municipality', teryt, type, los FROM exits
  UNION ALL SELECT 'all', 'all', type, los FROM exits
),
ranked AS (
  SELECT grain, unit_id, type, los,
         row_number() OVER w AS rn, count(*) OVER (PARTITION BY grain, unit_id, type) AS cnt
  FROM by_unit
  WINDOW w AS (PARTITION BY grain, unit_id, type ORDER BY los)
),
medians(grain, unit_id, type, n, median) AS (
  SELECT grain, unit_id, type, max(cnt), avg(los)
  FROM ranked
  WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2)
  GROUP BY grain, unit_id, type
),
units(grain, unit_id, type) AS (
  SELECT 'facility', facility_id, type FROM facilities
  WHERE type IN (SELECT type FROM bed_types) AND opened <= :e AND (closed IS NULL OR closed > :s)
  UNION ALL
  SELECT 'municipality', m.teryt, b.type
  FROM (SELECT DISTINCT teryt FROM municipalities) m CROSS JOIN bed_types b
  UNION ALL
  SELECT 'all', 'all', type FROM bed_types
)
SELECT u.grain, u.unit_id, u.type AS facility_type, '' AS dimension,
       NULL AS numerator, NULL AS denominator, coalesce(m.n, 0) AS n, m.median AS value
FROM units u
LEFT JOIN medians m ON m.grain = u.grain AND m.unit_id = u.unit_id AND m.type = u.type;
