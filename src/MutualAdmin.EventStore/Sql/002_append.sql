-- One unit of work = one call, made last before COMMIT (architecture.md decisions 1-3).
-- Stream rows are locked in the order given (the caller sorts them), versions are checked before any
-- position is drawn, then the global append lock is taken and held until commit.
-- Expected versions: -1 any, 0 the stream must not exist, n > 0 exactly n.
-- SQLSTATE MA001 = concurrency conflict, MA002 = invalid input.
create or replace function append_events(
    p_tenant        text,
    p_streams       text[],   -- distinct stream ids, in locking order
    p_stream_types  text[],
    p_expected      bigint[],
    p_event_stream  int[],    -- 1-based index into p_streams, per event
    p_event_ids     uuid[],
    p_types         text[],
    p_schema_versions int[],
    p_data          jsonb[],
    p_metadata      jsonb[]
) returns table (event_position bigint, event_stream text, event_version bigint, event_recorded_at timestamptz)
language plpgsql set search_path from current as $$
declare
    v_versions bigint[] := array[]::bigint[];
    v_current  bigint;
    v_prev     bytea;
    v_seq      bigint;
    v_version  bigint;
    v_hash     bytea;
    v_now      timestamptz := now();
    i int;
    s int;
begin
    if coalesce(array_length(p_event_ids, 1), 0) = 0 then
        raise exception 'a unit of work needs at least one event' using errcode = 'MA002';
    end if;

    for s in 1 .. array_length(p_streams, 1) loop
        select st.version into v_current from streams st
         where st.tenant_id = p_tenant and st.stream_id = p_streams[s] for update;
        if not found then
            if p_expected[s] > 0 then
                raise exception 'stream % expected at version % does not exist', p_streams[s], p_expected[s]
                    using errcode = 'MA001';
            end if;
            insert into streams (tenant_id, stream_id, stream_type, version)
            values (p_tenant, p_streams[s], p_stream_types[s], 0)
            on conflict do nothing;
            if not found then
                -- Another transaction started the same stream and committed while we waited.
                if p_expected[s] = 0 then
                    raise exception 'stream % already exists', p_streams[s] using errcode = 'MA001';
                end if;
                select st.version into v_current from streams st
                 where st.tenant_id = p_tenant and st.stream_id = p_streams[s] for update;
            else
                v_current := 0;
            end if;
        elsif p_expected[s] = 0 then
            raise exception 'stream % already exists', p_streams[s] using errcode = 'MA001';
        elsif p_expected[s] > 0 and v_current <> p_expected[s] then
            raise exception 'stream % is at version %, expected %', p_streams[s], v_current, p_expected[s]
                using errcode = 'MA001';
        end if;
        v_versions := v_versions || v_current;
    end loop;

    -- From here to commit, no other transaction can draw positions.
    perform pg_advisory_xact_lock(7305411061);

    select e.hash into v_prev from events e where e.tenant_id = p_tenant order by e.seq desc limit 1;
    v_prev := coalesce(v_prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);

    for i in 1 .. array_length(p_event_ids, 1) loop
        s := p_event_stream[i];
        v_versions[s] := v_versions[s] + 1;
        v_version := v_versions[s];
        v_seq := nextval('events_seq');
        v_hash := sha256(v_prev || convert_to(concat_ws(E'\n', v_seq, p_tenant, p_streams[s], v_version,
                     p_types[i], p_schema_versions[i], p_data[i]::text, p_metadata[i]::text), 'UTF8'));
        insert into events (seq, event_id, tenant_id, stream_id, version, event_type, schema_version,
                            data, metadata, recorded_at, hash)
        values (v_seq, p_event_ids[i], p_tenant, p_streams[s], v_version, p_types[i], p_schema_versions[i],
                p_data[i], p_metadata[i], v_now, v_hash);
        v_prev := v_hash;
        event_position := v_seq; event_stream := p_streams[s]; event_version := v_version; event_recorded_at := v_now;
        return next;
    end loop;

    update streams st set version = v.version, updated_at = v_now
      from unnest(p_streams, v_versions) as v(id, version)
     where st.tenant_id = p_tenant and st.stream_id = v.id;
end $$;
