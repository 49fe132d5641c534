-- A person's key is found and erased by person id alone (a person id is a fresh uuid, never shared
-- by tenants): its unique index becomes the primary key, and the (tenant, person) key that no query
-- used is no longer kept up for every registered person.
alter table person_keys drop constraint person_keys_pkey;
alter table person_keys add constraint person_keys_pkey primary key using index person_keys_person;
