-- Claims (domain.md C-1 … C-11): the inline register that commands read consistently.

-- One row per claim, written in the claim's own unit of work. Adjudication reads a beneficiary's
-- rows under a lock per beneficiary (C-5: the ceiling, C-3: duplicates and frequency), the provider
-- API finds a claim by its reference (C-11), and the work queues and payment batches are read from
-- here. batch_id is set by the unit that prepares a batch, only where it is still null, so two
-- batches prepared at the same moment can never take the same claim (C-10: paid once, ever).
create table if not exists claims_register (
    tenant_id                text   not null,
    claim_id                 uuid   not null,
    provider_id              text   not null,   -- the registry's provider id
    provider_claim_reference text   not null,
    beneficiary_number       text   not null,
    service_date             date   not null,
    cover_date               date   not null,
    submitted_on             date   not null,
    visit_type               text   not null,
    lines                    jsonb  not null,   -- as submitted: tariffCode, quantity, claimedUnitPrice
    decisions                jsonb  not null,   -- the current line decisions (automatic, then reviewed)
    status                   text   not null,   -- pending-review | awaiting-second-approval | approved | partially-approved | rejected | paid
    outcome                  text,              -- the decided outcome, also while awaiting the second approval
    rejection_code           text,
    claimed                  bigint not null,
    benefit                  bigint not null,   -- reserved against the ceiling from adjudication on (C-5)
    reviewer_id              uuid,
    decided_on               date,
    batch_id                 uuid,
    primary key (tenant_id, claim_id)
);
create index if not exists claims_register_beneficiary on claims_register (beneficiary_number, cover_date);
create index if not exists claims_register_reference on claims_register (tenant_id, provider_id, provider_claim_reference);
create index if not exists claims_register_status on claims_register (tenant_id, status, provider_id);

-- C-10: the payment batches, for their listing; a batch's claims carry its id in the register.
create table if not exists payment_batches (
    tenant_id      text   not null,
    batch_id       uuid   not null,
    provider_id    text   not null,
    period         text   not null,
    claims         int    not null,
    total          bigint not null,
    prepared_on    date   not null,
    bank_reference text,
    paid_on        date,
    primary key (tenant_id, batch_id)
);
