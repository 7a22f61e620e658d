-- mlco2 server schema, version 3: who ran each run, so that totals can be read per person. Only adds:
-- a nullable column and an index. A tracker run takes the `user` of its logs' start lines (the first one
-- that names one), an estimate the upload's `user`; runs with none stay null, shown as "unknown".

ALTER TABLE runs ADD COLUMN user_name text;
CREATE INDEX runs_project_user ON runs (project_id, user_name);

-- Start lines are stored verbatim, so those a newer tracker sent to an older server already name a user.
UPDATE runs SET user_name = u.name
FROM (
  SELECT DISTINCT ON (n.run_id) n.run_id, l.start->>'user' AS name
  FROM logs l JOIN nodes n ON n.id = l.node_id
  WHERE jsonb_typeof(l.start->'user') = 'string' AND length(l.start->>'user') BETWEEN 1 AND 100
  ORDER BY n.run_id, l.id
) u
WHERE runs.id = u.run_id AND runs.user_name IS NULL;
