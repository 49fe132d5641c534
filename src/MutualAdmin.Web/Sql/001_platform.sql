-- Platform reference data: mutuals (tenants), their staff, API clients, token signing keys.
-- Tenant id first in every key (architecture.md, "Scale beyond one machine").
create table if not exists tenants (
    tenant_id  text primary key,
    name       text not null,
    created_at timestamptz not null default now()
);

create table if not exists users (
    tenant_id     text not null references tenants,
    user_id       uuid not null,
    username      text not null,
    display_name  text not null,
    password_hash text not null,
    roles         text[] not null,
    language      text not null default 'en',
    created_at    timestamptz not null default now(),
    primary key (tenant_id, user_id)
);
create unique index if not exists users_by_username on users (lower(username));

-- Fund clients read across tenants (tenant_id null); provider clients submit claims to one mutual.
create table if not exists api_clients (
    client_id   text primary key,
    kind        text not null check (kind in ('fund', 'provider')),
    tenant_id   text references tenants,
    provider_id text,
    name        text not null,
    secret_hash text not null,
    created_at  timestamptz not null default now()
);

create table if not exists signing_keys (
    key_id     text primary key,
    key_bytes  bytea not null,
    created_at timestamptz not null default now()
);

-- Idempotency-Key records: the first request's fingerprint and, once done, its response.
create table if not exists idempotency_keys (
    scope         text not null,   -- tenant, or the API client for cross-tenant callers
    key           text not null,
    fingerprint   bytea not null,
    status_code   int,
    content_type  text,
    body          bytea,
    created_at    timestamptz not null default now(),
    primary key (scope, key)
);
