-- S03 skuteczność IPWzB and S04 skuteczność kontraktów / programme and social contract completion:
-- contributions. Parameter :kind = ipwzb (S03) or kontrakt (S04).
-- Programmes of that kind with `end` in [s, e], attributed to the person's teryt; each counts 1.
-- numerator   = those ended `completed`; denominator = those ended `completed` or `broken`.
-- Decision: programmes are counted, not persons (a person with two programmes ended in P counts
--   twice); `transferred` and `ongoing` programmes are left out of both sides.
WITH ended AS (
  SELECT pe.teryt, p.outcome, p.person_id, p.file_id, p.line, replace(p.key, char(31), '|') AS record
  FROM programmes p JOIN persons pe ON pe.person_id = p.person_id
  WHERE p.kind = :kind AND p."end" BETWEEN :s AND :e AND p.outcome IN ('completed', 'broken')
)
SELECT 'numerator', NULL, NULL, teryt, '', '', 1, person_id, file_id, line, record FROM ended WHERE outcome = 'completed'
UNION ALL
SELECT 'denominator', NULL, NULL, teryt, '', '', 1, person_id, file_id, line, record FROM ended;
