-- The event log. Tenant id comes first in every key so that the tenant can become the distribution
-- key of a distributed PostgreSQL later (architecture.md, "Scale beyond one machine").
create table if not exists streams (
    tenant_id   text        not null,
    stream_id   text        not null,
    stream_type text        not null,
    version     bigint      not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, stream_id)
);

-- Positions are drawn only while the append lock is held (002_append.sql), so position order is
-- commit order and readers can page with a plain "seq > checkpoint order by seq".
create sequence if not exists events_seq as bigint no cycle;

create table if not exists events (
    seq            bigint      not null,
    event_id       uuid        not null,
    tenant_id      text        not null,
    stream_id      text        not null,
    version        bigint      not null,
    event_type     text        not null,
    schema_version int         not null,
    data           jsonb       not null,
    metadata       jsonb       not null,
    tx_id          xid8        not null default pg_current_xact_id(),
    recorded_at    timestamptz not null default now(),
    hash           bytea       not null,
    primary key (tenant_id, seq),
    unique (tenant_id, stream_id, version)
);

-- The global reading order of projections and feeds.
create index if not exists events_by_position on events (seq);
