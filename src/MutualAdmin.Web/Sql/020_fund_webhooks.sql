-- fund-api.md "Webhooks": the Fund's endpoints, each with its own cursor into the feed, so delivery is
-- in position order per endpoint and survives restarts (the feed rows are the durable outbox).
create table if not exists fund_webhooks (
    id                 uuid primary key,
    client_id          text not null,
    url                text not null,
    types              text[] not null,
    secret             text not null,          -- needed to sign, so kept (whsec_ + base64)
    created_at         timestamptz not null default now(),
    delivered_position bigint not null,        -- the last feed position settled (delivered or dead-lettered)
    attempts           int not null default 0, -- failed attempts at the next event
    next_attempt_at    timestamptz not null default now(),
    failing_since      timestamptz,
    last_error         text,
    disabled_at        timestamptz,
    disabled_reason    text
);

create table if not exists fund_webhook_dead_letters (
    webhook_id  uuid not null references fund_webhooks (id),
    position    bigint not null,
    event_id    uuid not null,
    attempts    int not null,
    last_error  text,
    dead_at     timestamptz not null default now(),
    retried_at  timestamptz,
    primary key (webhook_id, position)
);
