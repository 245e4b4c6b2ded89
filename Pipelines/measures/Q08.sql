-- Q08 powierzchnia na miejsce / floor area per place: contributions, facility grain.
-- Bed facilities open on some day of P: numerator = floor_area_m2, denominator = places (each
-- only when known). The catalogue's value is floor_area_m2 ÷ places when both are > 0 (else no
-- value): a floor area of 0 is a known value (numerator 0, no value). facility_type is empty; the
-- norm by type is applied on publication.
WITH bed AS (
  SELECT facility_id, provider_id, teryt, floor_area_m2, places, file_id, line, replace(key, char(31), '|') AS record
  FROM facilities
  WHERE type IN (SELECT type FROM temp.bed_types) AND opened <= :e AND (closed IS NULL OR closed > :s)
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', floor_area_m2, NULL, file_id, line, record
FROM bed WHERE floor_area_m2 IS NOT NULL
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', places, NULL, file_id, line, record
FROM bed WHERE places IS NOT NULL;
