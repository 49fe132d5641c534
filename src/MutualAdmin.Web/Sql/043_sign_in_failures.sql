-- Failed staff sign-ins in a row, per lower-cased username, and the lockout they led to. Kept in the
-- database so that every node of the platform sees the same count and the same lockout. Keyed by the
-- name that was tried, known or not (usernames are unique across tenants, so no tenant comes first):
-- an unknown name counts and locks like a known one, so the answers never tell the two apart.
create table if not exists sign_in_failures (
    username       text primary key,
    failures       int not null,
    last_failed_at timestamptz not null,
    locked_until   timestamptz
);
-- Rows of names nobody tried for a day are pruned; this finds them without a scan.
create index if not exists sign_in_failures_by_last_failure on sign_in_failures (last_failed_at);
