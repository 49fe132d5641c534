-- The log lives in Marten's tables (mt_events, mt_streams, mt_events_sequence), created by Marten
-- before this script runs (EventStore.Migrate). What stays the project's own is here: the per-tenant
-- hash chain (domain.md A-4) and two read-only views with the names and columns the readers, the
-- verifier and the audit export use.

-- A database written by the project's own store keeps its log under another name: nothing is
-- dropped. The `import-log` verb moves an export of it into Marten's tables.
do $$
begin
    if exists (select 1 from pg_tables where schemaname = current_schema() and tablename = 'events') then
        alter table events rename to events_before_marten;
    end if;
    if exists (select 1 from pg_tables where schemaname = current_schema() and tablename = 'streams') then
        alter table streams rename to streams_before_marten;
    end if;
end $$;
drop function if exists append_events(text, text[], text[], bigint[], int[], uuid[], text[], int[], jsonb[], jsonb[]);

-- One row per event: its hash, chained to the tenant's previous event in commit order. Written in
-- the appending transaction, under the append lock (EventSession), so an event is never committed
-- unchained.
create table if not exists event_chain (
    tenant_id text   not null,
    seq_id    bigint not null,
    hash      bytea  not null,
    primary key (tenant_id, seq_id)
);

-- A domain event as the chain hashes it and the readers read it. `metadata` is rebuilt from Marten's
-- metadata columns in the shape of EventMetadata's JSON (nulls left out), so a hash computed before
-- the move still matches; jsonb's text form is canonical, so the same values give the same bytes.
create or replace view events as
select e.seq_id as seq, e.id as event_id, e.tenant_id, e.stream_id, e.version, e.type as event_type,
       coalesce((e.headers ->> 'schemaVersion')::int, 1) as schema_version, e.data,
       jsonb_strip_nulls(jsonb_build_object(
           'tenant', e.tenant_id, 'correlationId', e.correlation_id, 'command', e.headers ->> 'command',
           'userId', e.user_name, 'role', e.headers ->> 'role', 'clientId', e.headers ->> 'clientId',
           'causationId', e.causation_id, 'reason', e.headers ->> 'reason')) as metadata,
       e.timestamp as recorded_at, c.hash
  from mt_events e
  left join event_chain c on c.tenant_id = e.tenant_id and c.seq_id = e.seq_id
 -- Marten writes "tombstones" at the positions of a failed append, to close gaps for its daemon.
 -- They are not the domain's events (and positions follow commit order here, so no reader needs them).
 where e.stream_id <> 'mt_tombstone';

create or replace view streams as
select s.tenant_id, s.id as stream_id, s.version, s.created as created_at, s.timestamp as updated_at
  from mt_streams s
 where s.id <> 'mt_tombstone';

create index if not exists event_chain_by_position on event_chain (seq_id);

-- Chains the events appended since the last chained one, in position order. The caller holds the
-- append lock, so those are exactly its own unit's (a unit is one tenant's), and nothing else can
-- commit in between.
create or replace function chain_events(p_tenant text) returns void
language plpgsql set search_path from current as $$
declare
    v_prev bytea;
    v_last bigint;
    r record;
begin
    select coalesce(max(c.seq_id), 0) into v_last from event_chain c;
    select c.hash into v_prev from event_chain c where c.tenant_id = p_tenant order by c.seq_id desc limit 1;
    v_prev := coalesce(v_prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    for r in select e.seq, e.tenant_id, e.stream_id, e.version, e.event_type, e.schema_version, e.data, e.metadata
               from events e where e.seq > v_last order by e.seq loop
        if r.tenant_id <> p_tenant then
            raise exception 'unchained event % of tenant % found while chaining tenant %', r.seq, r.tenant_id, p_tenant;
        end if;
        v_prev := sha256(v_prev || convert_to(concat_ws(E'\n', r.seq, p_tenant, r.stream_id, r.version, r.event_type,
                      r.schema_version, r.data::text, r.metadata::text), 'UTF8'));
        insert into event_chain (tenant_id, seq_id, hash) values (p_tenant, r.seq, v_prev);
    end loop;
end $$;
