-- A mutual's reference data (domain.md "Who is who"): its contracted providers and its collectors
-- with their group agreements; and the ICD-10 codes the scheme accepts as diagnoses (platform-wide).
create table if not exists providers (
    tenant_id          text not null references tenants,
    provider_id        text not null,
    name               text not null,
    level              text not null check (level in ('health-post', 'health-centre', 'district-hospital', 'regional-hospital')),
    region             text not null,
    district           text not null,
    commune            text not null,
    contract_reference text not null,
    primary key (tenant_id, provider_id)
);

create table if not exists collectors (
    tenant_id    text not null references tenants,
    collector_id text not null,
    name         text not null,
    kind         text not null,
    agreement    jsonb not null,   -- reference, signedOn, paymentPlan, seasonalShares (K-3)
    primary key (tenant_id, collector_id)
);

create table if not exists icd10_codes (
    code        text primary key,
    description text not null
);
