-- Async projections (architecture.md decision 6). A projection's tables exist in generations
-- (<table>_v1, <table>_v2 ...): a rebuild fills the next generation while the live one keeps
-- serving, then the switch re-points the plain-named view readers query and drops the old tables.
-- One progress row per generation; exactly one of them is live.
create table if not exists projection_progress (
    name          text        not null,
    generation    int         not null,
    position      bigint      not null default 0,  -- the checkpoint: every event <= position is applied
    live          boolean     not null default false,
    paused        boolean     not null default false,
    paused_reason text,
    rebuild_head  bigint,                          -- head when a rebuild started, null once live
    started_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (name, generation)
);

create unique index if not exists projection_progress_one_live on projection_progress (name) where live;

-- Events a projection failed on in normal running; the projection went on without them.
create table if not exists dead_letters (
    id          bigint      generated always as identity,
    tenant_id   text        not null,
    projection  text        not null,
    generation  int         not null,
    position    bigint      not null,
    event_id    uuid        not null,
    stream_id   text        not null,
    event_type  text        not null,
    error       text        not null,
    failed_at   timestamptz not null default now(),
    retried_at  timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, projection, generation, position)
);

create index if not exists dead_letters_open on dead_letters (projection) where retried_at is null;
