-- The version of the projection's code (IProjection.Version) each generation was built with: a
-- node runs only generations of its own version, and starting a newer version rebuilds.
alter table projection_progress add column if not exists projection_version int not null default 1;
