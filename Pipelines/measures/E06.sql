-- E06 udział gminy w finansowaniu / municipal share of funding: contributions.
-- numerator   = cost rows with month in P and funding `municipal`;
-- denominator = all cost rows with month in P; both attributed to the contract's provider and teryt.
-- One contribution per contract and funding (its cost rows in P summed; file and line of the
-- contract's row).
-- Decision: as E02, every cost row in P counts, whatever the contract's dates or facility.
WITH by_funding AS (
  SELECT contract_id, funding, sum(amount_pln) AS amount, count(*) AS rows
  FROM costs WHERE month || '-01' BETWEEN :s AND :e GROUP BY contract_id, funding
),
attributed AS (
  SELECT k.facility_id, k.provider_id, k.teryt, b.funding, b.amount, k.file_id, k.line,
         replace(k.key, char(31), '|') || ' ' || b.funding || ' (' || b.rows || ' cost rows)' AS record
  FROM by_funding b JOIN contracts k ON k.contract_id = b.contract_id
)
SELECT 'numerator', facility_id, provider_id, teryt, '', '', amount, NULL, file_id, line, record
FROM attributed WHERE funding = 'municipal'
UNION ALL
SELECT 'denominator', facility_id, provider_id, teryt, '', '', amount, NULL, file_id, line, record
FROM attributed;
