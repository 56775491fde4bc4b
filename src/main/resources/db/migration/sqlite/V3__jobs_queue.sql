-- Jobs as a queue that any replica runs: when a job finished (epoch milliseconds; null while queued or running), for
-- the retention purge, and a cancellation asked for on any replica, kept apart from the progress its runner writes.
ALTER TABLE jobs ADD COLUMN finished_at BIGINT;
ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;

UPDATE jobs SET finished_at = CAST((julianday(json_extract(progress, '$.finishedAt')) - 2440587.5) * 86400000 AS INTEGER)
WHERE status IN ('succeeded', 'failed', 'cancelled');

CREATE INDEX jobs_by_network ON jobs (network_id, status);
CREATE INDEX jobs_by_finish ON jobs (finished_at);
