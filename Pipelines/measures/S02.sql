-- S02 objęcie IPWzB / programme coverage: contributions.
-- denominator = persons served in bed facilities (temp.period_served at a bed facility), by the
--               facility's teryt, counted as distinct persons (a person served in two
--               municipalities counts in each; `all` counts each person once).
-- numerator   = the same records of persons with an `ipwzb` programme active on some day of P:
--               start ≤ e and (end empty or end ≥ s), whatever the outcome (`end` given with
--               `ongoing` means active until `end`).
-- Decision: the programme is the person's (not tied to a municipality): a person served in
--   municipality A with a programme run by any MOPS counts as covered in A.
WITH
served_bed AS (
  SELECT s.person_id, s.facility_id, f.provider_id, f.teryt, s.file_id, s.line, s.record
  FROM temp.period_served s JOIN facilities f ON f.facility_id = s.facility_id
  WHERE f.type IN (SELECT type FROM temp.bed_types)
),
covered AS (
  SELECT person_id FROM programmes
  WHERE kind = 'ipwzb' AND start <= :e AND ("end" IS NULL OR "end" >= :s)
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record
FROM served_bed WHERE person_id IN (SELECT person_id FROM covered)
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', 1, person_id, file_id, line, record
FROM served_bed;
