-- Contributions (domain.md K-1 … K-8): the inline read models commands must read consistently.

-- K-4: a receipt number is used once within a tenant. The primary key is what makes two racing
-- payments with one receipt number end with exactly one winner; the row also serves the reversal
-- (receipt → account) and the remittance (K-8: payments and reversals by their own dates).
create table if not exists contribution_receipts (
    tenant_id      text   not null,
    receipt        text   not null,
    account_id     uuid   not null,
    amount         bigint not null,
    paid_on        date   not null,
    method         text   not null,
    reversed_on    date,
    primary key (tenant_id, receipt)
);
create index if not exists contribution_receipts_paid on contribution_receipts (tenant_id, paid_on);
create index if not exists contribution_receipts_reversed on contribution_receipts (tenant_id, reversed_on) where reversed_on is not null;

-- Which account belongs to which affiliation (the eligibility index folds them for K-6).
create table if not exists contribution_accounts (
    tenant_id      text not null,
    account_id     uuid not null,
    affiliation_id uuid not null,
    primary key (tenant_id, account_id)
);
create index if not exists contribution_accounts_affiliation on contribution_accounts (tenant_id, affiliation_id);

-- K-7: subsidy shares by the day they fall due, for the month's statement (K-8). Undated quarters
-- of a first year get their date when the coverage year starts.
create table if not exists subsidy_receivables (
    tenant_id   text   not null,
    account_id  uuid   not null,
    instalment  int    not null,
    due_on      date,
    amount      bigint not null,
    primary key (tenant_id, account_id, instalment)
);
create index if not exists subsidy_receivables_due on subsidy_receivables (tenant_id, due_on);
