-- E08 świadczenia na osobę / benefits per person: contributions.
-- Benefits rows with date_from in P, by the row's teryt.
-- numerator   = amount_pln of each row; denominator = the row's person, counted as distinct persons
--               (`all`: each person once over the run).
SELECT 'numerator', NULL, NULL, teryt, '', '', amount_pln, person_id, file_id, line, replace(key, char(31), '|')
FROM benefits WHERE date_from BETWEEN :s AND :e
UNION ALL
SELECT 'denominator', NULL, NULL, teryt, '', '', 1, person_id, file_id, line, replace(key, char(31), '|')
FROM benefits WHERE date_from BETWEEN :s AND :e;
