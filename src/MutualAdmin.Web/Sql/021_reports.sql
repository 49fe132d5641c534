-- Published statutory reports (domain.md R, A-3), written in the publishing transaction with its event.
create table if not exists published_reports (
    tenant_id    text not null,
    kind         text not null,
    period       text not null,
    position     bigint not null,
    sha256       text not null,
    published_at timestamptz not null,
    event_id     uuid,
    primary key (tenant_id, kind, period, position)
);
