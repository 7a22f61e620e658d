-- mlco2 server schema, version 2: JSON values stored by a PostgreSQL server before this version were
-- encoded twice by the client (a jsonb string holding the JSON text), so SQL could not read into them:
-- the runs' range and market-based figures from their summaries stayed empty there. Only rewrites those
-- values as the JSON they hold (PGlite stored them right; nothing changes there), then fills the run
-- figures that summaries give (as sql-ingest.ts does at each summary).

UPDATE logs SET start = (start #>> '{}')::jsonb WHERE jsonb_typeof(start) = 'string';
UPDATE logs SET summary = (summary #>> '{}')::jsonb WHERE jsonb_typeof(summary) = 'string';
UPDATE runs SET result = (result #>> '{}')::jsonb WHERE jsonb_typeof(result) = 'string';

UPDATE runs SET summary_energy_kwh = s.energy, summary_emissions_kg = s.emissions, summary_low_kg = s.low,
  summary_high_kg = s.high, summary_market_kg = s.market
FROM (
  SELECT n.run_id,
         sum((l.summary->'result'->>'energyKWh')::float8) AS energy,
         sum((l.summary->'result'->>'emissionsKg')::float8) AS emissions,
         sum((l.summary->'result'->'range'->>'lowKg')::float8) AS low,
         sum((l.summary->'result'->'range'->>'highKg')::float8) AS high,
         CASE WHEN bool_and(jsonb_typeof(l.summary->'result'->'marketBasedKg') = 'number')
              THEN sum((l.summary->'result'->>'marketBasedKg')::float8) END AS market
  FROM logs l JOIN nodes n ON n.id = l.node_id
  WHERE l.summary IS NOT NULL
  GROUP BY n.run_id
) s
WHERE runs.id = s.run_id AND runs.origin = 'tracker' AND runs.summary_energy_kwh IS NULL;
