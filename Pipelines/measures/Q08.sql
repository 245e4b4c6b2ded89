-- Q08 powierzchnia na miejsce / floor area per place (SPEC 6), facility grain.
-- Parameters: :s, :e = the (clipped) period's first and last day, ISO text.
-- Rows: bed facilities (levelled types) open on some day of P. numerator = floor_area_m2,
-- denominator = places, value = floor_area_m2 ÷ places when both are > 0 (else no value).
-- A floor area of 0 is a known value (SPEC 2: decimal ≥ 0): numerator 0, no value. The catalogue
-- entry says `value: query`, so the engine takes the value column as it is and never divides.
-- facility_type is empty (SPEC 6); the norm by type is applied by Publication, which looks the
-- type up by facility_id (QualityStandardTables.facilityTypes).
SELECT 'facility' AS grain, facility_id AS unit_id, '' AS facility_type, '' AS dimension,
       floor_area_m2 AS numerator, places AS denominator, NULL AS n,
       CASE WHEN floor_area_m2 > 0 AND places > 0 THEN floor_area_m2 / places END AS value
FROM facilities
WHERE type IN ('warming_centre', 'night_shelter', 'shelter', 'shelter_care', 'training_flat', 'supported_flat')
  AND opened <= :e AND (closed IS NULL OR closed > :s)
ORDER BY facility_id;
