-- Enrolment (domain.md E-1 … E-10): what the platform keeps beside the events.

-- E-2: one platform-wide sequence, so a beneficiary number is unique across all tenants.
create sequence if not exists beneficiary_number_seq;

-- Per-person keys of the personal data sealed in events (PersonalData). Kept outside the log:
-- deleting a row erases that person's names, phone, national ID and birth date from every event.
create table if not exists person_keys (
    tenant_id text not null,
    person_id uuid not null,
    key       bytea not null,
    primary key (tenant_id, person_id)
);
-- Events are opened by person id alone (a person id is a fresh uuid, never shared by tenants).
create unique index if not exists person_keys_person on person_keys (person_id);

-- E-4: national IDs of every tenant as a keyed hash (blind index). The unique key makes two
-- concurrent registrations of one national ID end with exactly one winner; the row says nothing
-- readable about the person, and the refusal never names the tenant holding it.
create table if not exists national_ids (
    id_hash   bytea primary key,
    tenant_id text not null,
    person_id uuid not null
);

-- E-4 warning: same name + birth date + locality, as a keyed hash, within the tenant.
create table if not exists person_fingerprints (
    tenant_id   text not null,
    fingerprint bytea not null,
    person_id   uuid not null,
    primary key (tenant_id, fingerprint, person_id)
);

-- The eligibility index (inline): who a beneficiary number is, and its states as date periods.
-- Keyed by the number first: numbers are platform-wide and the Fund asks across tenants.
create table if not exists eligibility_beneficiaries (
    beneficiary_number text primary key,
    tenant_id          text not null,
    household_id       uuid not null,
    person_id          uuid not null
);

create table if not exists household_affiliations (
    tenant_id      text not null,
    household_id   uuid not null,
    affiliation_id uuid not null,
    primary key (tenant_id, household_id, affiliation_id)
);

create table if not exists eligibility_periods (
    beneficiary_number text not null,
    affiliation_id     uuid not null,
    valid_from         date not null,
    valid_to           date,            -- null: from valid_from on, until a new fact changes it
    state              text not null,   -- waiting | covered | suspended | lapsed | terminated
    cover_from         date,
    cover_to           date,
    tenant_id          text not null,
    scheme_code        text not null,
    primary key (beneficiary_number, affiliation_id, valid_from)
);
