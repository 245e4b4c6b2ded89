-- E06 udział gminy w finansowaniu / municipal share of funding: contributions.
-- numerator   = cost rows with month in P and funding `municipal`;
-- denominator = all cost rows with month in P; both attributed to the contract's provider and teryt.
-- One contribution per cost row (its own file and line): a period's totals are the exact sums of
-- its rows, the same from its months (`months: true`) as from one query.
-- Decision: as E02, every cost row in P counts, whatever the contract's dates or facility.
WITH attributed AS (
  SELECT k.facility_id, k.provider_id, k.teryt, c.funding, c.amount_pln AS amount, c.file_id, c.line,
         replace(c.key, char(31), '|') AS record
  FROM costs c JOIN contracts k ON k.contract_id = c.contract_id
  WHERE c.month || '-01' BETWEEN :s AND :e
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', amount, NULL, file_id, line, record
FROM attributed WHERE funding = 'municipal'
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', amount, NULL, file_id, line, record
FROM attributed;
