-- Baton's own tables: read side, wake-ups, journal settings
-- (PostgreSQL, run after the journal DDL in the same transaction).

-- One row per execution, kept by the workflow-index projection from the journal's status events.
-- It answers "running" and "correlated" (and later search); the execution entity stays the truth.
CREATE TABLE IF NOT EXISTS baton_workflow (
  workflow_id VARCHAR(64) PRIMARY KEY,
  workflow_type VARCHAR(255) NOT NULL,
  workflow_version INT NOT NULL,
  correlation_id VARCHAR(255),
  status VARCHAR(32) NOT NULL,
  priority INT NOT NULL,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  end_time BIGINT
);
CREATE INDEX IF NOT EXISTS baton_workflow_type_status ON baton_workflow (workflow_type, status);
CREATE INDEX IF NOT EXISTS baton_workflow_correlation ON baton_workflow (workflow_type, correlation_id);

-- Executions asleep (passivated) until a deadline: the wake-up scanner wakes each row when due.
CREATE TABLE IF NOT EXISTS baton_wakeup (
  workflow_id VARCHAR(64) PRIMARY KEY,
  due_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS baton_wakeup_due ON baton_wakeup (due_at);

-- Settings fixed for the life of the journal (number of shards), recorded by the first node that
-- starts on it; a node configured otherwise is refused (JournalSettings).
CREATE TABLE IF NOT EXISTS baton_setting (
  setting_name VARCHAR(64) PRIMARY KEY,
  setting_value VARCHAR(255) NOT NULL
);
