-- One unit of work = one call, sent together with COMMIT (architecture.md decisions 1-3).
-- Stream rows are locked in stream id order, versions are checked before any position is drawn, then
-- the global append lock is taken and held until commit, so position order is commit order.
-- Expected versions: -1 any, 0 the stream must not exist, n > 0 exactly n.
-- SQLSTATE MA001 = concurrency conflict, MA002 = invalid input.
-- Set-based on purpose: each statement costs more than the row it writes, and the fewer statements
-- run under the global lock, the more units per second the whole platform appends.
-- The result changed shape (one row of arrays instead of a row per event); a changed script is re-run.
drop function if exists append_events(text, text[], text[], bigint[], int[], uuid[], text[], int[], jsonb[], jsonb[]);

create function append_events(
    p_tenant          text,
    p_streams         text[],   -- distinct stream ids of the unit
    p_stream_types    text[],
    p_expected        bigint[],
    p_event_stream    int[],    -- 1-based index into p_streams, per event
    p_event_ids       uuid[],
    p_types           text[],
    p_schema_versions int[],
    p_data            jsonb[],
    p_metadata        jsonb[],
    out positions     bigint[], -- per event, in the order given
    out versions      bigint[],
    out recorded_at   timestamptz
)
language plpgsql set search_path from current as $$
declare
    n_streams int := coalesce(array_length(p_streams, 1), 0);
    n_events  int := coalesce(array_length(p_event_ids, 1), 0);
    v_counts  bigint[] := array_fill(0::bigint, array[n_streams]);  -- events per stream in this unit
    v_next    bigint[] := array_fill(0::bigint, array[n_streams]);  -- each stream's version before the unit
    v_moved_ids      text[];
    v_moved_versions bigint[];
    v_hashes    bytea[]  := array_fill(null::bytea, array[n_events]);
    v_bodies    bytea[]  := array_fill(null::bytea, array[n_events]);  -- hash input after the position
    v_new     int[] := array[]::int[];
    v_prev    bytea;
    v_now     timestamptz := now();
    v_inserted int;
    i int;
    s int;
begin
    if n_events = 0 or n_streams = 0 then
        raise exception 'a unit of work needs at least one event' using errcode = 'MA002';
    end if;
    for i in 1 .. n_events loop
        v_counts[p_event_stream[i]] := v_counts[p_event_stream[i]] + 1;
    end loop;

    -- Existing streams: one UPDATE both locks the rows (in key order, the scan order of "= any") and
    -- moves their versions; the expected versions are checked on what it saw, and a mismatch rolls
    -- the whole unit back before any position is drawn.
    with moved as (
        update streams st
           set version = st.version + v_counts[array_position(p_streams, st.stream_id)], updated_at = v_now
         where st.tenant_id = p_tenant and st.stream_id = any(p_streams)
           and p_expected[array_position(p_streams, st.stream_id)] <> 0
        returning st.stream_id, st.version - v_counts[array_position(p_streams, st.stream_id)] as before)
    select array_agg(m.stream_id), array_agg(m.before) into v_moved_ids, v_moved_versions from moved m;

    for s in 1 .. n_streams loop
        i := array_position(v_moved_ids, p_streams[s]);
        if i is not null then
            v_next[s] := v_moved_versions[i];
            if p_expected[s] > 0 and v_next[s] <> p_expected[s] then
                raise exception 'stream % is at version %, expected %', p_streams[s], v_next[s], p_expected[s]
                    using errcode = 'MA001';
            end if;
        elsif p_expected[s] > 0 then
            raise exception 'stream % expected at version % does not exist', p_streams[s], p_expected[s] using errcode = 'MA001';
        else
            v_new := v_new || s;
        end if;
    end loop;

    if array_length(v_new, 1) > 0 then
        insert into streams (tenant_id, stream_id, stream_type, version, created_at, updated_at)
        select p_tenant, p_streams[k.n], p_stream_types[k.n], v_counts[k.n], v_now, v_now from unnest(v_new) k(n)
        on conflict do nothing;
        get diagnostics v_inserted = row_count;
        if v_inserted < array_length(v_new, 1) then
            raise exception 'a stream expected not to exist exists, or a racing writer started it first' using errcode = 'MA001';
        end if;
    end if;

    -- Everything the hash covers except the position and the previous hash is known now: build it
    -- before taking the lock, so the lock is held for the least work.
    versions := array_fill(0::bigint, array[n_events]);
    positions := array_fill(0::bigint, array[n_events]);
    for i in 1 .. n_events loop
        s := p_event_stream[i];
        v_next[s] := v_next[s] + 1;
        versions[i] := v_next[s];
        v_bodies[i] := convert_to(concat_ws(E'\n', p_tenant, p_streams[s], versions[i], p_types[i], p_schema_versions[i],
                           p_data[i]::text, p_metadata[i]::text), 'UTF8');
    end loop;

    -- From here to commit, no other transaction can draw positions.
    perform pg_advisory_xact_lock(7305411061);

    select e.hash into v_prev from events e where e.tenant_id = p_tenant order by e.seq desc limit 1;
    v_prev := coalesce(v_prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    for i in 1 .. n_events loop
        positions[i] := nextval('events_seq');
        v_prev := sha256(v_prev || convert_to(positions[i] || E'\n', 'UTF8') || v_bodies[i]);
        v_hashes[i] := v_prev;
    end loop;

    insert into events (seq, event_id, tenant_id, stream_id, version, event_type, schema_version,
                        data, metadata, recorded_at, hash)
    select u.seq, u.event_id, p_tenant, p_streams[u.stream], u.version, u.event_type, u.schema_version,
           u.data, u.metadata, v_now, u.hash
      from unnest(positions, p_event_ids, p_event_stream, versions, p_types, p_schema_versions, p_data, p_metadata, v_hashes)
           as u(seq, event_id, stream, version, event_type, schema_version, data, metadata, hash);
    recorded_at := v_now;
end $$;
