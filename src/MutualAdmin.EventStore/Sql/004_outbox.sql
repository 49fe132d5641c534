-- Outbox (architecture.md decision 7): written in the business transaction, sent after commit.
-- A claim pushes next_attempt_at forward by a lease, so a sender that dies mid-send leaves the row
-- to be claimed again by any node's sweep once the lease runs out (at-least-once delivery).
create table if not exists outbox (
    id              bigint      generated always as identity,
    tenant_id       text        not null,
    message_id      uuid        not null,
    destination     text        not null,
    message_type    text        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null default now(),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    sent_at         timestamptz,
    dead_at         timestamptz,   -- dead-lettered after the last allowed attempt
    last_error      text,
    primary key (tenant_id, id),
    unique (tenant_id, message_id)
);

create index if not exists outbox_due on outbox (next_attempt_at) where sent_at is null and dead_at is null;

-- Consumers record each message they handled in the same transaction as its effect: a redelivery
-- then finds its row and is skipped.
create table if not exists inbox (
    consumer    text        not null,
    message_id  uuid        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, message_id)
);
