-- Who holds a key's claim while its first request runs (the process's application_name, which its
-- sessions carry), that attempt's id (the causation id of every event it appends) and the last event
-- position before it began: a retry after a crash finds out from these whether the dead attempt wrote.
alter table idempotency_keys add column if not exists holder text;
alter table idempotency_keys add column if not exists attempt uuid;
alter table idempotency_keys add column if not exists written_after bigint;
