-- mlco2 server schema, version 1. Applied once, inside a transaction, by migrate.ts; never edited after
-- release: later changes are new numbered files that only add (never drop or rewrite data).
-- Energies are kWh and emissions kg, stored as the clients sent them; times are timestamptz (UTC).

CREATE TABLE projects (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

-- API tokens: only a SHA-256 hash of the whole token is kept; `id` is the public lookup part.
CREATE TABLE tokens (
  id text PRIMARY KEY,
  hash text NOT NULL,
  project_id integer NOT NULL REFERENCES projects (id),
  scope text NOT NULL CHECK (scope IN ('ingest', 'read', 'admin')),
  label text,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

-- A run: many nodes (tracker runs), or one estimate, or one CodeCarbon emissions.csv row.
-- summary_*: the run's totals from its summaries (tracker logs that ended, an estimate, a CodeCarbon
-- row); low/high/market give the range and market-based view as ratios of the location-based figure.
CREATE TABLE runs (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES projects (id),
  key text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('tracker', 'estimate', 'codecarbon')),
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  result jsonb,
  summary_energy_kwh double precision,
  summary_emissions_kg double precision,
  summary_low_kg double precision,
  summary_high_kg double precision,
  summary_market_kg double precision,
  UNIQUE (project_id, key)
);
CREATE INDEX runs_project_created ON runs (project_id, created_at DESC);

-- One machine (and rank) of a run.
CREATE TABLE nodes (
  id serial PRIMARY KEY,
  run_id integer NOT NULL REFERENCES runs (id),
  hostname text NOT NULL,
  rank integer NOT NULL,
  UNIQUE (run_id, hostname, rank)
);

-- One tracker log on a node (a requeued job writes a new log with a new id).
-- acked_through: every sample seq up to it is stored (the client resumes after it).
CREATE TABLE logs (
  id serial PRIMARY KEY,
  node_id integer NOT NULL REFERENCES nodes (id),
  log_id text NOT NULL,
  started_at timestamptz,
  start jsonb,
  summary jsonb,
  acked_through integer NOT NULL DEFAULT -1,
  UNIQUE (node_id, log_id)
);

-- One component reading stream of a log (e.g. gpu:0 measured by nvidia-smi), with running totals.
CREATE TABLE series (
  id serial PRIMARY KEY,
  log_id integer NOT NULL REFERENCES logs (id),
  key text NOT NULL,
  component text NOT NULL,
  label text NOT NULL,
  method text NOT NULL,
  via text NOT NULL,
  energy_kwh double precision NOT NULL DEFAULT 0,
  emissions_kg double precision NOT NULL DEFAULT 0,
  samples integer NOT NULL DEFAULT 0,
  first_time timestamptz,
  last_time timestamptz,
  last_seq integer NOT NULL DEFAULT -1,
  last_power_w double precision NOT NULL DEFAULT 0,
  UNIQUE (log_id, key, method, via)
);

-- One component's reading over one interval. (series_id, seq) is the idempotency key: a sample sent
-- twice is stored once.
CREATE TABLE samples (
  series_id integer NOT NULL,
  seq integer NOT NULL,
  time timestamptz NOT NULL,
  interval_s real NOT NULL,
  energy_kwh double precision NOT NULL,
  emissions_kg double precision NOT NULL,
  PRIMARY KEY (series_id, seq)
);

-- Per series (run/node/component) per hour: what a long run's chart reads.
CREATE TABLE rollup_hour (
  series_id integer NOT NULL,
  hour timestamptz NOT NULL,
  energy_kwh double precision NOT NULL,
  emissions_kg double precision NOT NULL,
  covered_s double precision NOT NULL,
  samples integer NOT NULL,
  PRIMARY KEY (series_id, hour)
);

-- Per run per UTC day (with its project): what the overview and the weekly/monthly totals read.
CREATE TABLE rollup_day (
  run_id integer NOT NULL,
  day date NOT NULL,
  project_id integer NOT NULL,
  energy_kwh double precision NOT NULL,
  facility_kwh double precision NOT NULL,
  emissions_kg double precision NOT NULL,
  samples integer NOT NULL,
  PRIMARY KEY (run_id, day)
);
CREATE INDEX rollup_day_project ON rollup_day (project_id, day);
