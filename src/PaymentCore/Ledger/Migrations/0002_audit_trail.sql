-- The audit trail once it has left Redis (docs/ledger.md, "Audit trail"): Redis keeps the newest
-- entries, the drainer moves the oldest here, so the trail is kept for years without Redis memory.
-- entry_ms and entry_seq are the Redis Stream id the entry was appended under ("ms-seq"): its
-- place in the trail and ListAuditEntries' page cursor. Partitioned by the entry's month, as the
-- other tables are by their recharge's.
create table if not exists audit_entries (
  entry_ms bigint not null,
  entry_seq bigint not null,
  occurred_at timestamptz not null,
  caller text not null,
  action text not null,
  recharge_id text,
  key_sha256 text,
  outcome text not null,
  livemode boolean not null,
  reason text,
  primary key (entry_ms, entry_seq, occurred_at)
) partition by range (occurred_at);

create index if not exists audit_entries_by_recharge on audit_entries (recharge_id) where recharge_id is not null;

-- 0001's function, with the audit trail's partition of the month too.
create or replace function ledger_ensure_month(month date) returns void language plpgsql as $$
declare
  first_day date := date_trunc('month', month)::date;
  next_first_day date := (date_trunc('month', month) + interval '1 month')::date;
  suffix text := to_char(first_day, '"y"YYYY"m"MM');
  parent text;
begin
  perform pg_advisory_xact_lock(hashtext('ledger_ensure_month'));
  foreach parent in array array['recharges', 'recharge_versions', 'refunds', 'disputes', 'audit_entries'] loop
    execute format('create table if not exists %I partition of %I for values from (%L) to (%L)',
      parent || '_' || suffix, parent, first_day::text || ' 00:00:00+00', next_first_day::text || ' 00:00:00+00');
  end loop;
end $$;
