-- What each network and data set counts toward the service's limits, so that the limits hold across replicas.
-- Rows stored before these columns existed are counted when the service next starts (0 until then).
ALTER TABLE networks ADD COLUMN parameters INTEGER NOT NULL DEFAULT 0;
ALTER TABLE datasets ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
