#!/usr/bin/env bash
# The benchmark of bench/README.md (issue 9). Builds Release, then for each store (in-memory, then Redis
# with AOF on and appendfsync everysec, as in production) starts PaymentCore on fresh loopback
# ports and drives it with tools/LoadGen: warm-up, the baseline (grpc.health.v1 Check of "liveness",
# which touches no store), readiness (Check of the whole service, which pings the store), CreateRecharge
# (sandbox_ok, a fresh user per call) as fast as it goes, then paced at half of the throughput it
# reached, then a long CreateRecharge run that samples the server's memory. Prints a table, the ratio
# CreateRecharge/baseline per store, Redis commands per recharge from INFO commandstats, and the
# server's memory. The third run is Redis with the PostgreSQL ledger (docs/ledger.md), with
# Ledger:HotRetention shortened to --hot-retention so that the long run shows Redis memory
# levelling off once settled recharges expire; it reports what the drainer costs per recharge
# (PaymentCore CPU, redis-server CPU and commands, PostgreSQL CPU) against the Redis run.
# Everything it starts is stopped on exit.
#
#   scripts/bench.sh [--duration S] [--long S] [--warmup S] [--concurrency N] [--connections N] [--low-concurrency N] [--hot-retention S] [--idle S]
#
# --duration: the baseline, saturating and half-load runs (default 10); --low-concurrency: calls in
# flight of the closed-loop low-load run (default 4); --long: the CreateRecharge run
# whose memory is sampled (default 60); --warmup: per target, not measured (default 8);
# --hot-retention: Ledger:HotRetention of the ledger run (default 15); --idle: how long Redis' commands
# are counted while nothing happens, per Redis store (default 60). A full run takes about 10
# minutes, the build included.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=10
LONG=60
WARMUP=8
CONCURRENCY=64
CONNECTIONS=4
LOW=4
HOT_RETENTION=15
IDLE=60
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --long) LONG=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --concurrency) CONCURRENCY=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --low-concurrency) LOW=$2; shift 2 ;;
    --hot-retention) HOT_RETENTION=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    *) echo "usage: $0 [--duration S] [--long S] [--warmup S] [--concurrency N] [--connections N] [--low-concurrency N] [--hot-retention S] [--idle S]" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "== installing redis-server (Debian package)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server redis-tools >/dev/null
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing postgresql (Debian package)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

echo "== building Release"
dotnet build src/PaymentCore/PaymentCore.csproj -c Release -v q -nologo >/dev/null
dotnet build tools/LoadGen/LoadGen.csproj -c Release -v q -nologo >/dev/null
SERVER_DLL=src/PaymentCore/bin/Release/net10.0/PaymentCore.dll
LOADGEN_DLL=tools/LoadGen/bin/Release/net10.0/LoadGen.dll

WORK=$(mktemp -d -t paymentcore-bench-XXXXXX)
SERVER_PID=""
REDIS_PID=""
PG_DATA=""
stop_pid() { if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then kill "$1"; wait "$1" 2>/dev/null || true; fi; }
cleanup() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/server-*.log "$WORK"/redis-server.log; do
      [ -f "$log" ] && { echo "== $log (last lines)" >&2; tail -n 20 "$log" >&2; }
    done
  fi
  stop_pid "$SERVER_PID"
  stop_pid "$REDIS_PID"
  [ -n "$PG_DATA" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL refuses to run as root: as root, its server runs as the postgres system user.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

# A port nothing listens on right now (probed over bash's /dev/tcp).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

wait_for_port() {
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}

status_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# CPU time (ms) a process used so far: utime + stime from /proc/PID/stat, in clock ticks.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"; }

# A metric of the server's Prometheus endpoint, summed over its labels (the runtime's GC metrics).
server_metric() { curl -s "http://127.0.0.1:$HTTP_PORT/metrics" | awk -v m="$1" 'index($1, m "{") == 1 { s += $2 } END { printf "%.6f", s }'; }

json_number() { sed -n "s/^ *\"$2\": \([-0-9.eE+]*\),\{0,1\}$/\1/p" "$1"; }

loadgen() { dotnet "$LOADGEN_DLL" --url "http://127.0.0.1:$GRPC_PORT" --connections "$CONNECTIONS" "$@" 2>>"$WORK/progress.log"; }

# Runs one measured load and appends its table row, with the server's CPU per call, to the results.
# Each run warms up in its own generator process first (RUN_WARMUP seconds, not measured): a cold
# generator (JIT, fresh connections) stalls for tens of ms in its first second and times that as
# server latency (paced p99 at half load on Redis: 53 ms cold, 9 ms warm). The server's CPU is
# divided by every call of the run, warm-up included.
RUN_WARMUP=2
measure() {
  local store=$1 name=$2
  shift 2
  local json="$WORK/$store-$name.json" before after allocated
  before=$(cpu_ms "$SERVER_PID")
  allocated=$(server_metric dotnet_gc_heap_total_allocated_bytes_total)
  loadgen --label "$name" --warmup "$RUN_WARMUP" --json "$json" "$@" >"$WORK/table"
  head -n 1 "$WORK/table" >"$WORK/header"
  tail -n 1 "$WORK/table" >"$WORK/row"
  after=$(cpu_ms "$SERVER_PID")
  # server-cpu stays the row's last figure: the ledger's drainer cost is read from it.
  awk -v n="$(json_number "$json" calls)" -v a="$(server_metric dotnet_gc_heap_total_allocated_bytes_total)" -v a0="$allocated" \
    'BEGIN { printf "%.1f", (n > 0 ? (a - a0) / n / 1024 : 0) }' >"$WORK/$store-$name.alloc"
  awk -v store="$store" -v cpu=$((after - before)) -v n="$(json_number "$json" calls)" -v alloc="$(cat "$WORK/$store-$name.alloc")" \
    '{ printf "%-9s %s  alloc %s KB/call  server-cpu %.0f us/call\n", store, $0, alloc, (n > 0 ? cpu * 1000 / n : 0) }' "$WORK/row" | tee -a "$WORK/results"
}

# INFO commandstats read once into a file, so that every figure taken from it is of one instant.
redis_snapshot() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' >"$WORK/commandstats"; }
redis_stat() { sed -n "s/^cmdstat_$1:calls=\([0-9]*\),.*/\1/p" "$WORK/commandstats" | head -n 1; }
redis_calls_total() { sed -n 's/^cmdstat_[a-z|]*:calls=\([0-9]*\),.*/\1/p' "$WORK/commandstats" | awk '{ s += $1 } END { print s + 0 }'; }
redis_cpu_ms() { redis-cli -p "$REDIS_PORT" info cpu | tr -d '\r' | awk -F: '/^used_cpu_(user|sys):/ { s += $2 } END { printf "%d", s * 1000 }'; }
# One numeric field of an INFO section: redis_info SECTION FIELD.
redis_info() { redis-cli -p "$REDIS_PORT" info "$1" | tr -d '\r' | sed -n "s/^$2:\([0-9]*\)\$/\1/p"; }
redis_forks() { redis_info stats total_forks; }
redis_used_memory() { redis_info memory used_memory; }
# What Redis holds, by kind of key: recharge documents, idempotency records, limit windows, streams.
redis_holdings() {
  redis-cli -p "$REDIS_PORT" --scan | awk '
    /:r:rch_/ { r++ } /:i:/ { i++ } /:l:/ { l++ } /:(outbox|ledger|audit)$/ { s++ }
    END { printf "%d recharge documents, %d idempotency records, %d limit windows, %d streams", r, i, l, s }'
}
# CPU time (ms) of the PostgreSQL server: the postmaster and its backends (pooled connections live
# through a run, so a backend's time is not lost by its exit).
postgres_cpu_ms() {
  local total=0 pid
  for pid in $(cat "$PG_DATA/postmaster.pid" | head -n 1) $(pgrep -P "$(head -n 1 "$PG_DATA/postmaster.pid")"); do
    total=$((total + $(cpu_ms "$pid" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
redis_dispatcher_calls() {
  sed -n 's/^cmdstat_\(xreadgroup\|xautoclaim\|xinfo|groups\|xpending\|xtrim\|xlen\|xack\|xgroup|create\):calls=\([0-9]*\),.*/\2/p' "$WORK/commandstats" \
    | awk '{ s += $1 } END { print s + 0 }'
}

# One figure of a store for the summary of issue 17's targets at the end: "store name value".
fact() { echo "$1 $2 $3" >>"$WORK/facts"; }
fact_of() { awk -v s="$1" -v n="$2" '$1 == s && $2 == n { $1 = ""; $2 = ""; sub(/^  /, ""); v = $0 } END { print (v == "" ? "-" : v) }' "$WORK/facts"; }

# Tiered compilation goes on recompiling hot methods for tens of seconds after the first calls:
# on 2 shared cores a Redis run spent 17 s of CPU in the JIT in its first 30 s of load, and its
# CreateRecharge throughput doubled from the first 10 s to the third. A replica runs for days, so
# the runs measure the steady state: CreateRecharge load (the path every run but the health checks
# takes) goes on in 5 s steps until a step compiles fewer than 100 methods (at most 90 s).
settle_jit() {
  local store=$1 compiled before elapsed=0
  compiled=$(server_metric dotnet_jit_compiled_methods_total)
  while [ "$elapsed" -lt 90 ]; do
    before=$compiled
    loadgen --label settle --target create --duration 5 --concurrency "$CONCURRENCY" >/dev/null
    elapsed=$((elapsed + 5))
    compiled=$(server_metric dotnet_jit_compiled_methods_total)
    awk -v c="$compiled" -v b="$before" 'BEGIN { exit !(c - b < 100) }' && break
  done
  awk -v s="$store" -v e="$elapsed" -v c="$compiled" -v t="$(server_metric dotnet_jit_compilation_time_seconds_total)" \
    'BEGIN { printf "%s: JIT settled after %d s of CreateRecharge load: %d methods compiled, %.1f s compiling since the start\n", s, e, c, t }' >>"$WORK/jit"
}

# The load generator is one (anonymous) caller; the per-caller API rate limit is switched off so
# the benchmark measures the payment path, not the limiter.
run_store() {
  local store=$1
  shift
  GRPC_PORT=$(free_port)
  HTTP_PORT=$(free_port)
  dotnet "$SERVER_DLL" --Grpc:Url="http://127.0.0.1:$GRPC_PORT" --Http:Url="http://127.0.0.1:$HTTP_PORT" \
    --Logging:LogLevel:Default=Warning --RateLimiting:Enabled=false "$@" >"$WORK/server-$store.log" 2>&1 &
  SERVER_PID=$!
  wait_for_port "$GRPC_PORT"
  echo "== $store: PaymentCore pid $SERVER_PID on 127.0.0.1:$GRPC_PORT; load average $(cut -d' ' -f1-3 /proc/loadavg)"

  if [ -n "$REDIS_PID" ]; then
    # What PaymentCore costs Redis while no recharge happens: IDLE seconds (default 60) from 5 s after
    # the start, long enough for every chore (reconciler, outbox maintenance, sweeps) to run.
    sleep 5
    redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
    sleep "$IDLE"
    redis_snapshot
    echo "$store idle: $(redis_calls_total) Redis commands in $IDLE s, $(redis_dispatcher_calls) of them the outbox dispatcher's and the ledger drainer's (stream commands)" | tee -a "$WORK/redis"
    fact "$store" idle "$(awk -v t="$(redis_calls_total)" -v s="$IDLE" 'BEGIN { printf "%.1f", t / s }')"
  fi

  loadgen --label warmup --target bare --warmup "$WARMUP" --duration 1 --concurrency "$CONCURRENCY" >/dev/null
  loadgen --label warmup --target create --warmup "$WARMUP" --duration 1 --concurrency "$CONCURRENCY" >/dev/null
  settle_jit "$store"
  local jit_before
  jit_before=$(server_metric dotnet_jit_compilation_time_seconds_total)

  measure "$store" bare --target bare --duration "$DURATION" --concurrency "$CONCURRENCY"
  measure "$store" health --target health --duration "$DURATION" --concurrency "$CONCURRENCY"
  measure "$store" create --target create --duration "$DURATION" --concurrency "$CONCURRENCY"

  # Half of the throughput just reached, paced (latency timed from when each call was due).
  local saturated half
  saturated=$(json_number "$WORK/$store-create.json" throughput)
  half=$(awk -v t="$saturated" 'BEGIN { printf "%d", t / 2 }')
  local forks_before=0
  [ -n "$REDIS_PID" ] && forks_before=$(redis_forks)
  measure "$store" create-half --target create --duration "$DURATION" --concurrency "$CONCURRENCY" --rate "$half"
  # An AOF rewrite forks a child that serialises the whole dataset: on 2 shared cores it takes a
  # core from the three busy processes for seconds, and the paced run's tail shows it.
  [ -n "$REDIS_PID" ] && echo "$store: AOF rewrites during create-half: $(( $(redis_forks) - forks_before ))" >>"$WORK/redis"
  # The other way to half load: few calls in flight, closed loop. A stall (GC, a descheduled
  # process on a busy machine) then delays only the calls in flight, not every call due meanwhile.
  measure "$store" "create-c$LOW" --target create --duration "$DURATION" --concurrency "$LOW"

  local redis_cpu_before=0
  if [ -n "$REDIS_PID" ]; then
    redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
    redis_cpu_before=$(redis_cpu_ms)
  fi
  local rss_start paused_start postgres_cpu_before=0
  [ -n "$PG_DATA" ] && postgres_cpu_before=$(postgres_cpu_ms)
  rss_start=$(status_kb "$SERVER_PID" VmRSS)
  paused_start=$(server_metric dotnet_gc_pause_time_seconds_total)
  # RSS, the GC heap as the last collection left it (what survived: the live data), and Redis'
  # used_memory (what the store holds: recharges, idempotency records, limits, streams).
  (while sleep 5; do
    echo "$(status_kb "$SERVER_PID" VmRSS) $(server_metric dotnet_gc_last_collection_heap_size_bytes) $([ -n "$REDIS_PID" ] && redis_used_memory || echo 0)"
  done) >"$WORK/rss-$store" 2>/dev/null &
  local sampler=$!
  measure "$store" "create-${LONG}s" --target create --duration "$LONG" --concurrency "$CONCURRENCY"
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  awk -v s="$store" -v j="$(server_metric dotnet_jit_compilation_time_seconds_total)" -v j0="$jit_before" \
    'BEGIN { printf "%s: JIT compiling during the measured runs: %.2f s\n", s, j - j0 }' >>"$WORK/jit"
  local rss_end
  rss_end=$(status_kb "$SERVER_PID" VmRSS)
  echo "$store: RSS at start and end of the ${LONG} s CreateRecharge run: $((rss_start / 1024)) MiB -> $((rss_end / 1024)) MiB (every 5 s: $(awk '{ printf "%d ", $1 / 1024 }' "$WORK/rss-$store")MiB)" >>"$WORK/memory"
  echo "$store: GC heap after the last collection, every 5 s: $(awk '{ printf "%d ", $2 / 1048576 }' "$WORK/rss-$store")MiB" >>"$WORK/memory"
  fact "$store" heap "$(awk 'NR == 1 { f = $2 } { l = $2 } END { printf "%d -> %d", f / 1048576, l / 1048576 }' "$WORK/rss-$store")"
  fact "$store" rss "$((rss_start / 1024)) -> $((rss_end / 1024))"
  fact "$store" alloc "$(cat "$WORK/$store-create-${LONG}s.alloc")"
  [ -n "$REDIS_PID" ] && echo "$store: Redis used_memory every 5 s: $(awk '{ printf "%d ", $3 / 1048576 }' "$WORK/rss-$store")MiB" >>"$WORK/memory"
  awk -v s="$store" -v secs="$((LONG + RUN_WARMUP))" -v alloc="$(cat "$WORK/$store-create-${LONG}s.alloc")" \
    -v p="$(server_metric dotnet_gc_pause_time_seconds_total)" -v p0="$paused_start" \
    'BEGIN { printf "%s: allocated %s KB per recharge; GC pauses %.1f s of the %d s run\n", s, alloc, p - p0, secs }' >>"$WORK/memory"

  if [ -n "$REDIS_PID" ]; then
    local evalsha recharges total dispatcher redis_cpu
    redis_cpu=$(( $(redis_cpu_ms) - redis_cpu_before ))
    if [ -n "$PG_DATA" ]; then
      awk -v s="$store" -v cpu=$(( $(postgres_cpu_ms) - postgres_cpu_before )) -v n="$(json_number "$WORK/$store-create-${LONG}s.json" calls)" \
        'BEGIN { printf "%s: PostgreSQL CPU %.0f us per recharge (the drainer'"'"'s batched upserts)\n", s, (n > 0 ? cpu * 1000 / n : 0) }' | tee -a "$WORK/redis"
    fi
    redis_snapshot
    echo "$store: AOF rewrites during create-${LONG}s: $(redis_forks) (the counters were reset before it)" >>"$WORK/redis"
    evalsha=$(redis_stat evalsha)
    # Every recharge of the run, its warm-up included, as the counters were reset before it (XADD
    # would also count the audit trail's entries).
    recharges=$(json_number "$WORK/$store-create-${LONG}s.json" calls)
    total=$(redis_calls_total)
    dispatcher=$(redis_dispatcher_calls)
    fact "$store" commands "$(awk -v t="$total" -v x="${recharges:-0}" 'BEGIN { printf "%.1f", (x > 0 ? t / x : 0) }')"
    fact "$store" scripts "$(awk -v e="${evalsha:-0}" -v x="${recharges:-0}" 'BEGIN { printf "%.2f", (x > 0 ? e / x : 0) }')"
    awk -v s="$store" -v e="${evalsha:-0}" -v x="${recharges:-0}" -v t="$total" -v d="$dispatcher" -v long="$LONG" -v secs="$((LONG + RUN_WARMUP))" -v cpu="$redis_cpu" 'BEGIN {
      printf "%s create-%ds with its warm-up: %d recharges; per recharge %.2f EVALSHA calls, %.2f commands in all (Lua-inner included); outbox dispatcher %d commands (%.0f/s, %.2f per recharge); redis-server CPU %.0f us per recharge\n",
        s, long, x, (x > 0 ? e / x : 0), (x > 0 ? t / x : 0), d, d / secs, (x > 0 ? d / x : 0), (x > 0 ? cpu * 1000 / x : 0) }' | tee -a "$WORK/redis"
  fi

  if [ -n "$PG_DATA" ]; then
    # Settled recharges leave Redis once drained and HotRetention old (swept about once a second).
    echo "$store: Redis right after the run: $(redis_holdings); used_memory $(( $(redis_used_memory) / 1048576 )) MiB" >>"$WORK/memory"
    sleep $((HOT_RETENTION + 5))
    echo "$store: Redis $((HOT_RETENTION + 5)) s later: $(redis_holdings); used_memory $(( $(redis_used_memory) / 1048576 )) MiB" >>"$WORK/memory"
  elif [ -n "$REDIS_PID" ]; then
    echo "$store: Redis after the run: $(redis_holdings); used_memory $(( $(redis_used_memory) / 1048576 )) MiB" >>"$WORK/memory"
  fi
  echo "$store: peak memory (VmHWM) $(( $(status_kb "$SERVER_PID" VmHWM) / 1024 )) MiB" >>"$WORK/memory"
  stop_pid "$SERVER_PID"
  SERVER_PID=""
}

echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, concurrency $CONCURRENCY over $CONNECTIONS connections"
run_store in-memory

# A fresh redis-server for each Redis run, so each starts from an empty store.
start_redis() {
  REDIS_PORT=$(free_port)
  rm -rf "$WORK/redis-data"
  mkdir -p "$WORK/redis-data"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis-data" --appendonly yes --appendfsync everysec \
    --save "" --maxmemory-policy noeviction >"$WORK/redis-server.log" 2>&1 &
  REDIS_PID=$!
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
}

# PostgreSQL as production runs it for the ledger: fsync and synchronous_commit on (the defaults).
start_postgres() {
  local port
  port=$(free_port)
  PG_DATA="$WORK/postgres/data"
  mkdir -p "$WORK/postgres"
  [ "$(id -u)" -eq 0 ] && chown postgres "$WORK/postgres" && chmod o+x "$WORK"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/postgres/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$WORK/postgres" start >/dev/null
  LEDGER="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

start_redis
run_store redis --Redis:Configuration="127.0.0.1:$REDIS_PORT"
stop_pid "$REDIS_PID"

start_redis
start_postgres
run_store ledger --Redis:Configuration="127.0.0.1:$REDIS_PORT" --Ledger:ConnectionString="$LEDGER" \
  --Ledger:HotRetention="00:00:$(printf '%02d' "$HOT_RETENTION")"

echo
echo "== results ($(date -u +%Y-%m-%d), $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
printf "%-9s %s\n" store "$(cat "$WORK/header")"
cat "$WORK/results"
echo
for store in in-memory redis ledger; do
  awk -v s="$store" -v low="$LOW" '$1 == s && $2 == "bare" { h = $3 } $1 == s && $2 == "create" { c = $3 } $1 == s && $2 == "create-half" { p = $6 }
    $1 == s && $2 == "create-c" low { lr = $3; lp = $6 }
    END { printf "%-9s CreateRecharge/baseline %.2f (%d / %d rps); p99 paced at half the saturating load %s ms; p99 with %d in flight %s ms at %.0f%% of it\n",
      s, (h > 0 ? c / h : 0), c, h, p, low, lp, (c > 0 ? lr * 100 / c : 0) }' "$WORK/results"
done
# What the ledger adds to a recharge in PaymentCore: the drainer's CPU, from the server-cpu of the
# long runs. Its Redis and PostgreSQL costs are in the per-store lines below.
awk '$1 == "redis" && $2 ~ /^create-[0-9]+s$/ { r = $(NF-1) } $1 == "ledger" && $2 ~ /^create-[0-9]+s$/ { l = $(NF-1) }
  END { printf "ledger    drainer cost: PaymentCore CPU %d us per recharge (%d with the ledger, %d without)\n", l - r, l, r }' "$WORK/results"
echo
cat "$WORK/jit" "$WORK/redis" "$WORK/memory"

# Issue 17's table, from this run alone (ratios and per-recharge costs: the machine's speed cancels out).
for store in in-memory redis ledger; do
  awk -v s="$store" '$1 == s && $2 == "bare" { h = $3 } $1 == s && $2 == "create" { c = $3 } $1 == s && $2 == "create-half" { p = $6 }
    END { printf "%.2f %s\n", (h > 0 ? c / h : 0), p }' "$WORK/results" | { read -r ratio p99; fact "$store" ratio "$ratio"; fact "$store" p99 "$p99"; }
done
echo
echo "== the targets of issue 17, this run"
row() { printf "%-58s %-14s %-14s %-14s %s\n" "$1" "$(fact_of in-memory "$2")" "$(fact_of redis "$2")" "$(fact_of ledger "$2")" "$3"; }
printf "%-58s %-14s %-14s %-14s %s\n" measure in-memory redis ledger target
row "CreateRecharge / bare call (throughput)" ratio ">= 0.60 in memory, >= 0.25 Redis"
row "p99 paced at half the saturating load (ms)" p99 "<= 5"
row "Redis commands per recharge (Lua-inner included)" commands "<= 20"
row "Redis scripts (EVALSHA) per recharge" scripts "<= 3"
row "Redis commands per second while idle" idle "<= 20"
row "GC heap after collection, start -> end of long run (MiB)" heap "flat"
row "RSS, start -> end of the long run (MiB)" rss "flat"
row "allocated per recharge (KB)" alloc "<= 12"
