-- Every affiliation event's inline eligibility rows start from the household the affiliation covers:
-- found by affiliation id, which the (tenant, household, affiliation) key cannot seek to, so each
-- lookup read all of the tenant's affiliations (10 ms at 100,000, inside the appending transaction).
create index if not exists household_affiliations_by_affiliation on household_affiliations (tenant_id, affiliation_id);
