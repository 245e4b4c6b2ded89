-- E06 udział gminy w finansowaniu / municipal share of funding (SPEC 5, 6).
-- Grains: provider, municipality, all.
-- numerator   = cost rows with month in P and funding `municipal`;
-- denominator = all cost rows with month in P; both attributed to the contract's provider and teryt.
-- Decision: as E02, every cost row in P counts, whatever the contract's dates or facility.
WITH
g(grain) AS (VALUES ('provider'), ('municipality'), ('all')),
cost AS (
  SELECT k.provider_id, k.teryt, c.amount_pln AS amount, c.funding
  FROM (SELECT contract_id, funding, sum(amount_pln) AS amount_pln FROM costs
        WHERE month || '-01' BETWEEN :s AND :e GROUP BY contract_id, funding) c
  JOIN contracts k ON k.contract_id = c.contract_id
),
units(grain, unit_id) AS (
  SELECT 'provider', provider_id FROM providers
  UNION ALL SELECT DISTINCT 'municipality', teryt FROM municipalities
  UNION ALL SELECT 'all', 'all'
),
agg(grain, unit_id, num, den) AS (
  SELECT g.grain, CAST(CASE g.grain WHEN 'provider' THEN provider_id WHEN 'municipality' THEN teryt ELSE 'all' END AS TEXT),
         sum(CASE WHEN funding = 'municipal' THEN amount ELSE 0 END), sum(amount)
  FROM cost CROSS JOIN g GROUP BY 1, 2
)
SELECT u.grain, u.unit_id, '' AS facility_type, '' AS dimension,
       coalesce(a.num, 0) AS numerator, coalesce(a.den, 0) AS denominator, NULL AS n, NULL AS value
FROM units u
LEFT JOIN agg a ON a.grain = u.grain AND a.unit_id = u.unit_id;
