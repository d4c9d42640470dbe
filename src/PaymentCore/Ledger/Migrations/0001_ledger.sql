-- The ledger: every recharge as of its newest drained version, every version (append-only),
-- refunds and disputes. Every table is partitioned by the month the recharge was created
-- (recharges.created_at, elsewhere recharge_created_at), so a month detaches with everything
-- that belongs to it; ledger_ensure_month creates a month's partitions before rows arrive.
-- Statements are idempotent: a migration interrupted half-way is simply applied again.

create table if not exists recharges (
  recharge_id text not null,
  created_at timestamptz not null,
  user_id text not null,
  region_code text not null,
  -- Test-mode and live-mode recharges never mix, even in a ledger shared by mistake (docs/test-and-live-mode.md).
  livemode boolean not null,
  status text not null,
  amount_minor bigint not null,
  currency char(3) not null,
  coins bigint not null,
  bonus_coins bigint not null,
  gateway text not null,
  gateway_reference text,
  method_type text not null,
  updated_at timestamptz not null,
  version bigint not null,
  -- The user-index member (creation ticks ':' id): a user's page order and cursor, compared bytewise.
  list_key text collate "C" not null,
  document jsonb not null,
  primary key (recharge_id, created_at)
) partition by range (created_at);

create index if not exists recharges_by_user on recharges (user_id, list_key);
create index if not exists recharges_by_gateway_reference on recharges (gateway, gateway_reference) where gateway_reference is not null;
create index if not exists recharges_by_created on recharges (created_at);

create table if not exists recharge_versions (
  recharge_id text not null,
  version bigint not null,
  recharge_created_at timestamptz not null,
  status text not null,
  changed_at timestamptz not null,
  document jsonb not null,
  primary key (recharge_id, version, recharge_created_at)
) partition by range (recharge_created_at);

create table if not exists refunds (
  refund_id text not null,
  recharge_id text not null,
  recharge_created_at timestamptz not null,
  amount_minor bigint not null,
  currency char(3) not null,
  coins bigint not null,
  succeeded boolean not null,
  failure_code text,
  gateway_reference text,
  reason text not null,
  requested_by text not null,
  created_at timestamptz not null,
  primary key (refund_id, recharge_created_at)
) partition by range (recharge_created_at);

create index if not exists refunds_by_recharge on refunds (recharge_id);

-- A dispute's steps as the recharge recorded them: DISPUTED when opened, REVERSED when lost (a won
-- dispute is the recharge's next version back in SUCCEEDED or a refund state, in recharge_versions).
create table if not exists disputes (
  recharge_id text not null,
  version bigint not null,
  recharge_created_at timestamptz not null,
  status text not null,
  amount_minor bigint not null,
  currency char(3) not null,
  occurred_at timestamptz not null,
  primary key (recharge_id, version, recharge_created_at)
) partition by range (recharge_created_at);

-- Recharges refused before any gateway call (a limit) and removed from the hot store: their first
-- version may reach the ledger after the removal (entries drain out of order), and must not stay.
create table if not exists abandoned_recharges (
  recharge_id text primary key,
  abandoned_at timestamptz not null default now()
);

-- Creates the month's partition of every table, if missing. Serialized by an advisory lock, as
-- replicas draining at once may create the same month.
create or replace function ledger_ensure_month(month date) returns void language plpgsql as $$
declare
  first_day date := date_trunc('month', month)::date;
  next_first_day date := (date_trunc('month', month) + interval '1 month')::date;
  suffix text := to_char(first_day, '"y"YYYY"m"MM');
  parent text;
begin
  perform pg_advisory_xact_lock(hashtext('ledger_ensure_month'));
  foreach parent in array array['recharges', 'recharge_versions', 'refunds', 'disputes'] loop
    execute format('create table if not exists %I partition of %I for values from (%L) to (%L)',
      parent || '_' || suffix, parent, first_day::text || ' 00:00:00+00', next_first_day::text || ' 00:00:00+00');
  end loop;
end $$;

-- How far `ledger backfill` got through each Redis node's keyspace (its SCAN cursor), so an
-- interrupted backfill resumes instead of starting over.
create table if not exists ledger_backfill (
  node text primary key,
  scan_cursor bigint not null,
  finished boolean not null,
  updated_at timestamptz not null default now()
);
