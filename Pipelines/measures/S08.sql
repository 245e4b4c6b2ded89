-- S08 nowe osoby / new entrants: contributions.
-- numerator = persons with first_seen in [s, e], by the person's teryt (distinct persons).
-- The value is the count itself (no denominator; 0 is a value).
SELECT 'numerator', NULL, NULL, teryt, '', '', 1, person_id, file_id, line, replace(key, char(31), '|')
FROM persons WHERE first_seen BETWEEN :s AND :e;
