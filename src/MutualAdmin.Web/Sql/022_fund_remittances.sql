-- The Fund names a remittance statement by its id alone (fund-api.md "Remittances"): which mutual holds it.
create table if not exists remittance_tenants (
    remittance_id uuid primary key,
    tenant_id     text not null,
    period        text not null
);
