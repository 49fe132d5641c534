-- A correction of a person's details (E-1) replaces their rows in the E-4 indexes: found by person.
create index if not exists national_ids_by_person on national_ids (tenant_id, person_id);
create index if not exists person_fingerprints_by_person on person_fingerprints (tenant_id, person_id);
