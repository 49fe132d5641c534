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
drop function if exists chain_events(text);

-- One row per event: its place in the log and its hash. Marten's seq_id says in what order events
-- were inserted, not in what order they committed; the log's position is drawn here, under the
-- append lock held until commit (chain_events), so position order is commit order and a reader that
-- pages "after my checkpoint" never passes an event that commits later. Each hash chains to the
-- tenant's previous event by position (A-4). An event is visible to readers once it has its row.
create sequence if not exists log_position as bigint no cycle;

create table if not exists event_chain (
    position  bigint not null primary key,
    tenant_id text   not null,
    seq_id    bigint not null,
    hash      bytea  not null,
    unique (tenant_id, seq_id)
);
create index if not exists event_chain_by_tenant on event_chain (tenant_id, position);

-- A domain event as readers read it and the chain hashes it. `metadata` is rebuilt from Marten's
-- metadata columns in the shape of EventMetadata's JSON (nulls left out), so a hash computed before
-- the move still matches; jsonb's text form is canonical, so the same values give the same bytes.
create or replace view events as
select c.position as seq, e.id as event_id, e.tenant_id, e.stream_id, e.version, e.type as event_type,
       coalesce((e.headers ->> 'schemaVersion')::int, 1) as schema_version, e.data,
       jsonb_strip_nulls(jsonb_build_object(
           'tenant', e.tenant_id, 'correlationId', e.correlation_id, 'command', e.headers ->> 'command',
           'userId', e.user_name, 'role', e.headers ->> 'role', 'clientId', e.headers ->> 'clientId',
           'causationId', e.causation_id, 'reason', e.headers ->> 'reason')) as metadata,
       e.timestamp as recorded_at, c.hash
  from event_chain c
  join mt_events e on e.tenant_id = c.tenant_id and e.seq_id = c.seq_id;

-- Marten's events that have no place in the log: Marten's "tombstones" (written at the sequence of
-- a failed append, to close gaps for its daemon) and anything written around the store. The
-- verifier reports the latter.
create or replace view events_unchained as
select e.seq_id, e.tenant_id, e.stream_id, e.version, e.type as event_type
  from mt_events e
 where e.stream_id <> 'mt_tombstone'
   and not exists (select 1 from event_chain c where c.tenant_id = e.tenant_id and c.seq_id = e.seq_id);

create or replace view streams as
select s.tenant_id, s.id as stream_id, s.version, s.created as created_at, s.timestamp as updated_at
  from mt_streams s
 where s.id <> 'mt_tombstone';

-- Places a unit's events in the log: takes the append lock (held until the caller commits, in the
-- same round trip), draws their positions in the unit's order and chains them after the tenant's
-- previous event; returns the positions in the order given. Each event's hashed text after its
-- position (tenant, stream, version, type, schema version, data and metadata in jsonb's text form,
-- README "The hash chain") is computed by the caller before the lock: under it only the positions,
-- the hashes and the inserts remain. No "set search_path" clause: it re-plans every call.
-- The verifier recomputes every hash from the stored rows, so a caller that sent other text is found.
create or replace function chain_events(p_tenant text, p_seq_ids bigint[], p_bodies bytea[]) returns bigint[]
language plpgsql as $$
declare
    v_prev bytea;
    v_position bigint;
    v_positions bigint[] := array[]::bigint[];
begin
    perform pg_advisory_xact_lock(7305411061);
    select c.hash into v_prev from event_chain c where c.tenant_id = p_tenant order by c.position desc limit 1;
    v_prev := coalesce(v_prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    for i in 1 .. coalesce(array_length(p_seq_ids, 1), 0) loop
        v_position := nextval('log_position');
        v_prev := sha256(v_prev || convert_to(v_position || E'\n', 'UTF8') || p_bodies[i]);
        insert into event_chain (position, tenant_id, seq_id, hash) values (v_position, p_tenant, p_seq_ids[i], v_prev);
        v_positions := v_positions || v_position;
    end loop;
    return v_positions;
end $$;

-- Places events already in Marten's table in the log, building their hashed text from the stored
-- rows (for rows written outside a unit of work, such as a test's legacy event); units send the text
-- themselves (above), so the lock covers no per-event look-up.
create or replace function chain_events(p_tenant text, p_seq_ids bigint[]) returns bigint[]
language sql as $$
    select chain_events(p_tenant, p_seq_ids, array(
        select convert_to(concat_ws(E'\n', e.tenant_id, e.stream_id, e.version, e.type,
                   coalesce((e.headers ->> 'schemaVersion')::int, 1), e.data::text,
                   jsonb_strip_nulls(jsonb_build_object(
                       'tenant', e.tenant_id, 'correlationId', e.correlation_id, 'command', e.headers ->> 'command',
                       'userId', e.user_name, 'role', e.headers ->> 'role', 'clientId', e.headers ->> 'clientId',
                       'causationId', e.causation_id, 'reason', e.headers ->> 'reason'))::text), 'UTF8')
          from unnest(p_seq_ids) with ordinality u(seq_id, n)
          join mt_events e on e.tenant_id = p_tenant and e.seq_id = u.seq_id
         order by u.n));
$$;

