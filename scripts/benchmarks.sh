#!/usr/bin/env bash
# Runs every benchmark of issue 6 side by side and writes docs/benchmarks.md:
#   1. ticket round trip at 100/500/1,000/2,000 per second from 200 kiosks: OneDesk vs Mosquitto + echo responder,
#      the highest rate OneDesk sustains with p99 < 50 ms, and pgbench (one ticket row per transaction) on the
#      gateway's own PostgreSQL;
#   2. call fan-out to 1,000 and 10,000 displays at 10 and 50 calls/s: OneDesk vs Mosquitto;
#   3. 50,000 idle connections: memory per connection, OneDesk vs Mosquitto;
#   4. provincial-centre-rush.json x 100 centres, time compressed (60x), for 30 minutes;
#   5. where the server's CPU goes: async-profiler flame graphs of the gateway at 1,000 tickets/s and during the
#      fan-out to 1,000 displays at 50 calls/s (HTML in docs/flamegraphs/, summarised on the page);
#   6. the engine's JMH benchmarks (CALL_NEXT and the wait estimate), pinned to the server's CPU.
# The server (gateway with its PostgreSQL, or Mosquitto with the echo responder) runs on CPU 0, the load on
# CPU 1. Each measurement runs --reps times (default 3) on a fresh database; the report gives median and range.
#
#   bash scripts/benchmarks.sh                 # the full run (about 80 minutes on 2 cores)
#   bash scripts/benchmarks.sh --quick         # 1 repetition, small sizes, short runs: a smoke check (~10 min);
#                                              # its page goes to the work directory unless --out is given
#   bash scripts/benchmarks.sh --only tickets,idle --reps 5 --out /tmp/b.md
#
# Needs a quiet machine: anything else running on the two cores lands in the figures.
# BENCH_RATES, BENCH_SUSTAIN_RATES, BENCH_FANOUT_DISPLAYS, BENCH_FANOUT_CALLS, BENCH_DAY_DURATION narrow a partial
# run (the page's command list shows them), e.g. BENCH_FANOUT_DISPLAYS=1000 bash scripts/benchmarks.sh --reps 1.
# BENCH_GW_JAVA_OPTS adds JVM options to every gateway started (e.g. a GC log).
# BENCH_WAIT_ESTIMATOR=ql runs the gateway with another wait estimator (the default, onedesk, projects the hall
# forward for every ticket and is the gateway's largest CPU cost per ticket when many tickets wait).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=0
REPS=3
OUT=""
ONLY=tickets,fanout,idle,day,flame,jmh
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; REPS=1 ;;
    --reps) REPS="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --no-build) BUILD=0 ;;
    *) echo "usage: scripts/benchmarks.sh [--quick] [--reps N] [--only tickets,fanout,idle,day,flame,jmh] [--out FILE] [--no-build]" >&2; exit 64 ;;
  esac
  shift
done

# Ports of our own, so that a gateway or broker someone else runs on 1883/8080 is left alone.
MQTT_PORT=${BENCH_MQTT_PORT:-28830}
HTTP_PORT=${BENCH_HTTP_PORT:-28080}
MOSQ_PORT=${BENCH_MOSQUITTO_PORT:-28831}
SERVER_CPU=${BENCH_SERVER_CPU:-0}
LOAD_CPU=${BENCH_LOAD_CPU:-1}
SCENARIO=${BENCH_SCENARIO:-$ROOT/gateway/src/main/resources/scenarios/provincial-centre-rush.json}
# The ticket load is spread over this many centres (a province's gateway serves many; each centre has its own
# single writer and group commit). Every ticket also carries its wait estimate, whose cost grows with the queue.
TICKET_CENTRES=${BENCH_TICKET_CENTRES:-10}

if [ "$QUICK" = 1 ]; then
  RATES="100 200"; SUSTAIN_RATES="100 200"; KIOSKS=50; DURATION=10s; WARMUP=3s
  FANOUT_DISPLAYS="100"; FANOUT_CALLS="10"; FANOUT_DURATION=10s
  IDLE_CONNECTIONS=1000; IDLE_HOLD=5s
  DAY_CENTRES=3; DAY_SPEED=600; DAY_DURATION=1m; DAY_EVERY=15s
  PGBENCH_TIME=5
  FLAME_RATE=200; FLAME_WARMUP=5; FLAME_SECONDS=5; FLAME_DISPLAYS=100; FLAME_CALLS=10
  JMH_ARGS="-f 1 -wi 1 -i 1 -w 1s -r 1s"
else
  # 45 s of warm-up at the measured rate: on one core the JIT compiles for the first minute (C2 took a third of
  # the core 25-40 s after start at 800/s), which is not the steady state a gateway runs in for days.
  RATES="100 500 1000 2000"; SUSTAIN_RATES="250 500 750 1000 1500 2000"; KIOSKS=200; DURATION=30s; WARMUP=45s
  FANOUT_DISPLAYS="1000 10000"; FANOUT_CALLS="10 50"; FANOUT_DURATION=30s
  IDLE_CONNECTIONS=50000; IDLE_HOLD=30s
  # the issue's rush target: 30 minutes at 60x is a whole simulated morning, sampled every simulated hour
  DAY_CENTRES=100; DAY_SPEED=60; DAY_DURATION=30m; DAY_EVERY=60s
  PGBENCH_TIME=30
  FLAME_RATE=1000; FLAME_WARMUP=45; FLAME_SECONDS=25; FLAME_DISPLAYS=1000; FLAME_CALLS=50
  JMH_ARGS="-f 1 -wi 5 -i 5"
fi

# A partial run may narrow the sizes (each override is written into the page's command list):
RATES=${BENCH_RATES:-$RATES}; SUSTAIN_RATES=${BENCH_SUSTAIN_RATES:-$SUSTAIN_RATES}
FANOUT_DISPLAYS=${BENCH_FANOUT_DISPLAYS:-$FANOUT_DISPLAYS}; FANOUT_CALLS=${BENCH_FANOUT_CALLS:-$FANOUT_CALLS}
DAY_DURATION=${BENCH_DAY_DURATION:-$DAY_DURATION}

want() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
say() { echo "[benchmarks $(date +%T)] $*" >&2; }

bash scripts/install-bench-tools.sh
export PATH=$PATH:/usr/sbin
[ "$(nproc)" -ge 2 ] || { echo "benchmarks: need 2 CPUs (server on one, load on the other); this machine has $(nproc)" >&2; exit 1; }
[ -f "$SCENARIO" ] || { echo "benchmarks: no scenario at $SCENARIO (set BENCH_SCENARIO)" >&2; exit 1; }
if [ "$BUILD" = 1 ]; then
  say "building the gateway and the load tool"
  mvn -B -q -DskipTests package
fi
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -1)
GATEWAY_JAR=$ROOT/gateway/target/onedesk-gateway.jar
LOADTEST_JAR=$ROOT/loadtest/target/onedesk-loadtest.jar
[ -f "$GATEWAY_JAR" ] && [ -f "$LOADTEST_JAR" ] || { echo "benchmarks: jars missing; run without --no-build" >&2; exit 1; }

WORK=$(mktemp -d /tmp/onedesk-bench.XXXXXX)
# a smoke run never overwrites the real page unless asked to
[ -n "$OUT" ] || { if [ "$QUICK" = 1 ]; then OUT=$WORK/benchmarks.md; else OUT=docs/benchmarks.md; fi; }
RUNS=$WORK/runs
mkdir -p "$RUNS"
say "work directory $WORK"
LT=(taskset -c "$LOAD_CPU" java -Xms1g -Xmx3g -jar "$LOADTEST_JAR")

# --- the servers ---
GW_PID=""; DB_PID=""; MQ_PID=""; ECHO_PID=""
GW_JAVA_OPTS="${BENCH_GW_JAVA_OPTS:-}"  # extra JVM options for the next gateway (the flame-graph runs add DebugNonSafepoints)
start_gateway() { # CONFIG DATA_DIR
  local config=$1 data=$2
  rm -rf "$data"
  # Every simulated device connects from this one machine: no per-address cap, and the file handles go to MQTT
  # (HTTP keeps 64 connections; the MQTT total is what the open-files limit leaves, see the README's Connection limits).
  ONEDESK_CONFIG=$config ONEDESK_DATA_DIR=$data ONEDESK_HOST=127.0.0.1 ONEDESK_MQTT_PORT=$MQTT_PORT \
    ONEDESK_HTTP_PORT=$HTTP_PORT ONEDESK_MQTT_MAX_CONNECTIONS_PER_ADDRESS=0 ONEDESK_HTTP_MAX_CONNECTIONS=64 env ${BENCH_WAIT_ESTIMATOR:+ONEDESK_WAIT_ESTIMATOR=$BENCH_WAIT_ESTIMATOR} \
    taskset -c "$SERVER_CPU" java -Xms1g -Xmx1g -XX:+AlwaysPreTouch $GW_JAVA_OPTS -jar "$GATEWAY_JAR" \
    > "$WORK/gateway-$(basename "$data").log" 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null 2>&1; then
      DB_PID=$(head -1 "$data/pg/postmaster.pid")
      return 0
    fi
    kill -0 "$GW_PID" 2>/dev/null || { echo "benchmarks: the gateway died; see $WORK/gateway-$(basename "$data").log" >&2; exit 1; }
    sleep 1
  done
  echo "benchmarks: the gateway was not ready in 180 s" >&2; exit 1
}
stop_gateway() {
  if [ -n "$GW_PID" ]; then
    kill -TERM "$GW_PID" 2>/dev/null || true
    wait "$GW_PID" 2>/dev/null || true
    GW_PID=""; DB_PID=""
  fi
}
start_mosquitto() {
  cat > "$WORK/mosquitto.conf" <<EOF
listener $MOSQ_PORT 127.0.0.1
allow_anonymous true
# Nagle off, as Vert.x (and so the gateway) has it by default: otherwise every echo waits ~40 ms on delayed ACKs
set_tcp_nodelay true
# no cap on messages in flight or queued per client: the baseline must not drop what OneDesk delivers
max_inflight_messages 0
max_queued_messages 0
persistence false
log_dest stderr
log_type error
log_type warning
EOF
  taskset -c "$SERVER_CPU" mosquitto -c "$WORK/mosquitto.conf" > "$WORK/mosquitto.log" 2>&1 &
  MQ_PID=$!
  for _ in $(seq 1 50); do
    if timeout 2 mosquitto_pub -p "$MOSQ_PORT" -t probe -m x >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "benchmarks: mosquitto did not start; see $WORK/mosquitto.log" >&2; exit 1
}
start_echo() {
  taskset -c "$SERVER_CPU" java -Xmx512m -jar "$LOADTEST_JAR" echo-responder --port "$MOSQ_PORT" > "$WORK/echo.log" 2>&1 &
  ECHO_PID=$!
  for _ in $(seq 1 100); do grep -q answering "$WORK/echo.log" 2>/dev/null && return 0; sleep 0.2; done
  echo "benchmarks: the echo responder did not start; see $WORK/echo.log" >&2; exit 1
}
stop_mosquitto() {
  for pid in $ECHO_PID $MQ_PID; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  MQ_PID=""; ECHO_PID=""
}
cleanup() { stop_gateway; stop_mosquitto; }
trap cleanup EXIT

# Open files: 50,000 connections need 50,000 descriptors in the server and in the load generator.
FILES_WANTED=$((IDLE_CONNECTIONS + 4096))
ulimit -n "$FILES_WANTED" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FILES=$(ulimit -n)
if [ "$FILES" != unlimited ] && [ "$FILES" -lt "$FILES_WANTED" ]; then
  CAPPED=$((FILES - 2048))
  say "open files are limited to $FILES here (hard limit $(ulimit -Hn)); idle connections capped at $CAPPED instead of $IDLE_CONNECTIONS"
  echo "idle connections capped at $CAPPED: ulimit -n is $FILES (hard $(ulimit -Hn)) on this machine" > "$WORK/idle-cap.txt"
  IDLE_CONNECTIONS=$CAPPED
fi

# --- what ran, and where ---
{
  echo "# $(date -u +%FT%TZ)  git $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "$(env | grep -E '^BENCH_' | sort | tr '\n' ' ')bash scripts/benchmarks.sh $([ "$QUICK" = 1 ] && echo --quick) --reps $REPS --only $ONLY"
  echo "# server: taskset -c $SERVER_CPU (gateway: java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -jar $(basename "$GATEWAY_JAR"), embedded PostgreSQL${BENCH_WAIT_ESTIMATOR:+, ONEDESK_WAIT_ESTIMATOR=$BENCH_WAIT_ESTIMATOR}; or mosquitto + echo-responder)"
  echo "# load:   taskset -c $LOAD_CPU java -jar $(basename "$LOADTEST_JAR") ..."
} > "$WORK/commands.txt"
{
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|CPU max MHz|Hypervisor vendor)' || true
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "kernel: $(uname -srm)"
  echo "JDK:    $(java -version 2>&1 | head -1)"
  echo "mosquitto: $(mosquitto -h 2>&1 | head -1)"
  echo "pgbench:   $("$PGBENCH" --version 2>&1 | head -1); PostgreSQL: embedded 17 (gateway's own)"
  echo "open files: $(ulimit -n); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ -f "$WORK/idle-cap.txt" ] && cat "$WORK/idle-cap.txt"
} > "$WORK/machine.txt"
run_lt() { # NAME ARGS...: one load-tool run, its command recorded
  local name=$1; shift
  echo "java -jar onedesk-loadtest.jar $* --json $name.json" \
    | sed -E "s#$WORK#\$WORK#g; s#$ROOT/##g; s#--gateway-pid [0-9]+#--gateway-pid \$SERVER_PID#; s#--db-pid [0-9]+#--db-pid \$DB_PID#" \
    >> "$WORK/commands.txt"
  "${LT[@]}" "$@" --json "$RUNS/$name.json" 2>&1 | tee -a "$WORK/load.log" | grep -vE '^\s+at ' || {
    echo "benchmarks: run $name failed; see $WORK/load.log" >&2; return 1; }
}

# --- configurations ---
"${LT[@]}" config --out "$WORK/tickets.json" --centres "$TICKET_CENTRES" --kiosks $(( (KIOSKS + TICKET_CENTRES - 1) / TICKET_CENTRES )) --displays 0 >/dev/null
echo "java -jar onedesk-loadtest.jar config --out \$WORK/tickets.json --centres $TICKET_CENTRES --kiosks $(( (KIOSKS + TICKET_CENTRES - 1) / TICKET_CENTRES )) --displays 0" >> "$WORK/commands.txt"
"${LT[@]}" config --out "$WORK/bench.json" --kiosks 20 --displays 100 >/dev/null
echo "java -jar onedesk-loadtest.jar config --out \$WORK/bench.json --kiosks 20 --displays 100" >> "$WORK/commands.txt"
if want day; then
  "${LT[@]}" config --out "$WORK/day.json" --template "$SCENARIO" --centres "$DAY_CENTRES" --kiosks 2 --displays 1 >/dev/null
  echo "java -jar onedesk-loadtest.jar config --out \$WORK/day.json --template $(basename "$SCENARIO") --centres $DAY_CENTRES --kiosks 2 --displays 1" >> "$WORK/commands.txt"
fi
echo "# each run: the server started fresh (gateway: ONEDESK_CONFIG=the run's --config, a new data dir); SERVER_PID is its pid, DB_PID the embedded PostgreSQL's postmaster (or the echo responder's)" >> "$WORK/commands.txt"

# --- 1. tickets ---
if want tickets; then
  for rep in $(seq 1 "$REPS"); do
    for rate in $RATES; do
      say "tickets $rate/s, repetition $rep: OneDesk"
      start_gateway "$WORK/tickets.json" "$WORK/data-tickets"
      run_lt "tickets-onedesk-$rate-r$rep" tickets --config "$WORK/tickets.json" --centre all --port "$MQTT_PORT" --rate "$rate" \
        --kiosks "$KIOSKS" --duration "$DURATION" --warmup "$WARMUP" --gateway-pid "$GW_PID" --db-pid "$DB_PID"
      stop_gateway
      say "tickets $rate/s, repetition $rep: Mosquitto + echo"
      start_mosquitto; start_echo
      run_lt "tickets-echo-$rate-r$rep" tickets --target echo --config "$WORK/tickets.json" --centre all --port "$MOSQ_PORT" \
        --rate "$rate" --kiosks "$KIOSKS" --duration "$DURATION" --warmup "$WARMUP" --gateway-pid "$MQ_PID" --db-pid "$ECHO_PID"
      stop_mosquitto
    done
  done
  # the highest rate with p99 < 50 ms: step up until a rate misses it
  for rate in $SUSTAIN_RATES; do
    say "sustained-rate search: $rate/s"
    start_gateway "$WORK/tickets.json" "$WORK/data-sustain"
    run_lt "sustain-onedesk-$rate" tickets --sustain --config "$WORK/tickets.json" --centre all --port "$MQTT_PORT" --rate "$rate" \
      --kiosks "$KIOSKS" --duration "$DURATION" --warmup "$WARMUP" --gateway-pid "$GW_PID" --db-pid "$DB_PID"
    stop_gateway
    # the value after the colon: stripping non-digits would keep the 99 of "p99" too
    p99=$(grep -A6 '"latency"' "$RUNS/sustain-onedesk-$rate.json" | grep '"p99"' | head -1 | sed -E 's/.*: *//; s/,//')
    if [ -z "$p99" ] || awk "BEGIN{exit !($p99 >= 50)}"; then break; fi
  done
  # pgbench: one ticket row per transaction, on the gateway's own embedded PostgreSQL
  start_gateway "$WORK/bench.json" "$WORK/data-pgbench"
  PG_PORT=$(sed -n 4p "$WORK/data-pgbench/pg/postmaster.pid")
  # the embedded database asks for passwords; the gateway keeps them beside its data (mode 0600)
  PGPASSWORD=$(sed -n 's/^postgres=//p' "$WORK/data-pgbench/pg/onedesk-passwords.properties")
  export PGPASSWORD
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d onedesk -c "CREATE TABLE IF NOT EXISTS bench_tickets (LIKE tickets INCLUDING DEFAULTS); ALTER TABLE bench_tickets ADD PRIMARY KEY (ticket_id)" >/dev/null
  cat > "$WORK/pgbench-ticket.sql" <<'EOF'
\set n random(1, 1000000000)
INSERT INTO bench_tickets (ticket_id, centre_id, ordinal, number, issue_service, service, service_day, sequence, priority, channel, original_arrival, waiting_since, state, kiosk_id, request_id) VALUES (md5(random()::text || :n), 'hcc-tinh', :n, 'A' || :n, 'TP', 'TP', current_date, :n, 'NONE', 'WALK_IN', now(), now(), 'WAITING', 'kiosk-1', 'bench-' || :n);
EOF
  for rep in $(seq 1 "$REPS"); do
    for clients in 1 16; do
      echo "taskset -c $LOAD_CPU pgbench -n -c $clients -j 1 -T $PGBENCH_TIME -f pgbench-ticket.sql onedesk" >> "$WORK/commands.txt"
      outp=$(taskset -c "$LOAD_CPU" "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$clients" -j 1 -T "$PGBENCH_TIME" \
        -f "$WORK/pgbench-ticket.sql" onedesk 2>&1)
      tps=$(echo "$outp" | awk -F'= ' '/^tps/ {split($2,a," "); print a[1]}')
      lat=$(echo "$outp" | awk -F'= ' '/^latency average/ {split($2,a," "); print a[1]}')
      [ -n "$tps" ] || { echo "benchmarks: pgbench failed: $outp" >&2; exit 1; }
      say "pgbench $clients client(s): $tps tps, $lat ms"
      printf '{"scenario":"pgbench","target":"postgresql","options":{},"notes":[],"results":{"clients":%s,"tps":%s,"latencyMs":%s}}\n' \
        "$clients" "$tps" "$lat" > "$RUNS/pgbench-c$clients-r$rep.json"
    done
  done
  stop_gateway
fi

# --- 2. fan-out ---
if want fanout; then
  for rep in $(seq 1 "$REPS"); do
    for displays in $FANOUT_DISPLAYS; do
      for calls in $FANOUT_CALLS; do
        say "fan-out to $displays displays at $calls calls/s, repetition $rep"
        start_gateway "$WORK/bench.json" "$WORK/data-fanout"
        run_lt "fanout-onedesk-$displays-$calls-r$rep" fanout --config "$WORK/bench.json" --port "$MQTT_PORT" \
          --displays "$displays" --calls-per-second "$calls" --duration "$FANOUT_DURATION" --gateway-pid "$GW_PID" --db-pid "$DB_PID"
        stop_gateway
        start_mosquitto
        run_lt "fanout-mosquitto-$displays-$calls-r$rep" fanout --target mosquitto --config "$WORK/bench.json" \
          --port "$MOSQ_PORT" --displays "$displays" --calls-per-second "$calls" --duration "$FANOUT_DURATION" --gateway-pid "$MQ_PID"
        stop_mosquitto
      done
    done
  done
fi

# --- 3. idle connections ---
if want idle; then
  for rep in $(seq 1 "$REPS"); do
    say "$IDLE_CONNECTIONS idle connections, repetition $rep"
    start_gateway "$WORK/bench.json" "$WORK/data-idle"
    run_lt "idle-onedesk-r$rep" idle --config "$WORK/bench.json" --port "$MQTT_PORT" --connections "$IDLE_CONNECTIONS" \
      --hold "$IDLE_HOLD" --gateway-pid "$GW_PID" --db-pid "$DB_PID"
    stop_gateway
    start_mosquitto
    run_lt "idle-mosquitto-r$rep" idle --target mosquitto --config "$WORK/bench.json" --port "$MOSQ_PORT" \
      --connections "$IDLE_CONNECTIONS" --hold "$IDLE_HOLD" --gateway-pid "$MQ_PID"
    stop_mosquitto
  done
fi

# --- 4. the simulated day ---
if want day; then
  say "a day of $DAY_CENTRES centres at ${DAY_SPEED}x for $DAY_DURATION"
  start_gateway "$WORK/day.json" "$WORK/data-day"
  run_lt "day-onedesk" day --config "$WORK/day.json" --port "$MQTT_PORT" --scenario "$SCENARIO" --centres "$DAY_CENTRES" \
    --speed "$DAY_SPEED" --duration "$DAY_DURATION" --sample-every "$DAY_EVERY" --gateway-pid "$GW_PID" --db-pid "$DB_PID"
  stop_gateway
fi

# --- 5. where the CPU goes: flame graphs ---
# async-profiler (the library on Maven Central: its agent is loaded into the running gateway with jcmd, so the
# samples cover the measured load only, not the start or the JIT's warm-up).
if [ "$OUT" = docs/benchmarks.md ]; then FLAME_OUT=$ROOT/docs/flamegraphs; else FLAME_OUT=$WORK/flamegraphs; fi
FLAME_MD=$WORK/flame.md
: > "$FLAME_MD"
profile() { # NAME DELAY_S SECONDS: samples the gateway's CPU from DELAY_S for SECONDS, in the background
  local name=$1 delay=$2 secs=$3
  (
    sleep "$delay"
    jcmd "$GW_PID" JVMTI.agent_load "$PROFILER_LIB" "\"start,event=cpu,interval=1ms\"" >/dev/null
    sleep "$secs"
    jcmd "$GW_PID" JVMTI.agent_load "$PROFILER_LIB" "\"dump,file=$FLAME_OUT/$name.html,title=$name\"" >/dev/null
    jcmd "$GW_PID" JVMTI.agent_load "$PROFILER_LIB" "\"stop,file=$WORK/$name.collapsed,collapsed\"" >/dev/null
  ) &
  PROFILE_PID=$!
}
run_aside() { # NAME ARGS...: a load-tool run that only drives the profiled server; kept out of the report's tables
  local name=$1; shift
  "${LT[@]}" "$@" --json "$WORK/$name.json" >> "$WORK/load.log" 2>&1 || {
    echo "benchmarks: run $name failed; see $WORK/load.log" >&2; return 1; }
}
if want flame; then
  PROFILER_VERSION=4.1
  PROFILER_DIR=$HOME/.cache/onedesk/async-profiler-$PROFILER_VERSION
  PROFILER_LIB=$PROFILER_DIR/linux-x64/libasyncProfiler.so
  if [ ! -f "$PROFILER_LIB" ]; then
    say "fetching async-profiler $PROFILER_VERSION from Maven Central"
    mkdir -p "$PROFILER_DIR"
    mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:$PROFILER_VERSION -DoutputDirectory="$PROFILER_DIR" \
      || { echo "benchmarks: could not fetch async-profiler" >&2; exit 1; }
    (cd "$PROFILER_DIR" && unzip -q -o "async-profiler-$PROFILER_VERSION.jar" 'linux-x64/*')
  fi
  [ "$(uname -m)" = x86_64 ] || { echo "benchmarks: the flame graphs need linux-x64 (this is $(uname -m))" >&2; exit 1; }
  mkdir -p "$FLAME_OUT"
  GW_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
  say "flame graph: tickets at $FLAME_RATE/s"
  start_gateway "$WORK/tickets.json" "$WORK/data-flame-tickets"
  profile "tickets-$FLAME_RATE" $((FLAME_WARMUP + 2)) "$FLAME_SECONDS"
  run_aside "flame-tickets-$FLAME_RATE" tickets --config "$WORK/tickets.json" --centre all --port "$MQTT_PORT" --rate "$FLAME_RATE" \
    --kiosks "$KIOSKS" --duration "$((FLAME_SECONDS + 5))s" --warmup "${FLAME_WARMUP}s" --gateway-pid "$GW_PID" --db-pid "$DB_PID"
  wait "$PROFILE_PID"
  stop_gateway
  say "flame graph: fan-out to $FLAME_DISPLAYS displays at $FLAME_CALLS calls/s"
  start_gateway "$WORK/bench.json" "$WORK/data-flame-fanout"
  # the displays connect first (a few seconds); the calls then run for FANOUT_DURATION
  profile "fanout-$FLAME_DISPLAYS-$FLAME_CALLS" 12 "$FLAME_SECONDS"
  run_aside "flame-fanout-$FLAME_DISPLAYS-$FLAME_CALLS" fanout --config "$WORK/bench.json" --port "$MQTT_PORT" \
    --displays "$FLAME_DISPLAYS" --calls-per-second "$FLAME_CALLS" --duration "$((FLAME_SECONDS + 20))s" \
    --gateway-pid "$GW_PID" --db-pid "$DB_PID"
  wait "$PROFILE_PID"
  stop_gateway
  GW_JAVA_OPTS="${BENCH_GW_JAVA_OPTS:-}"
  {
    echo "## 5. Where the gateway's CPU goes"
    echo
    echo "async-profiler $PROFILER_VERSION (CPU samples every 1 ms, loaded into the running gateway after the warm-up), gateway started with \`-XX:+DebugNonSafepoints\`. The flame graphs open in a browser: [tickets at $FLAME_RATE/s]($(basename "$FLAME_OUT")/tickets-$FLAME_RATE.html), [fan-out to $FLAME_DISPLAYS displays at $FLAME_CALLS calls/s]($(basename "$FLAME_OUT")/fanout-$FLAME_DISPLAYS-$FLAME_CALLS.html). The embedded PostgreSQL is a separate process and is not in them."
    echo
    python3 scripts/flame-summary.py "Tickets at $FLAME_RATE/s" "$WORK/tickets-$FLAME_RATE.collapsed"
    python3 scripts/flame-summary.py "Fan-out to $FLAME_DISPLAYS displays at $FLAME_CALLS calls/s" "$WORK/fanout-$FLAME_DISPLAYS-$FLAME_CALLS.collapsed"
  } >> "$FLAME_MD"
fi

# --- 6. the engine's JMH benchmarks ---
if want jmh; then
  say "JMH: CALL_NEXT and the wait estimate"
  echo "taskset -c $SERVER_CPU java -jar benchmarks/target/benchmarks.jar 'CallNextBenchmark|EstimateBenchmark' $JMH_ARGS" >> "$WORK/commands.txt"
  taskset -c "$SERVER_CPU" java -jar "$ROOT/benchmarks/target/benchmarks.jar" 'CallNextBenchmark|EstimateBenchmark' $JMH_ARGS \
    -rf json -rff "$WORK/jmh.json" > "$WORK/jmh.log" 2>&1 || { echo "benchmarks: JMH failed; see $WORK/jmh.log" >&2; exit 1; }
  {
    echo "## 6. The engine's JMH benchmarks"
    echo
    echo "Pinned to the server's CPU, \`$JMH_ARGS\`; µs per operation (lower is better), 5,000 citizens waiting unless the row says otherwise. The issue's floor: no regression against benchmarks/README.md."
    echo
    python3 - "$WORK/jmh.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print("| benchmark | parameters | µs/op | ± (99.9%) |\n|---|---|---:|---:|")
for r in rows:
    params = ", ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
    m = r["primaryMetric"]
    unit = m.get("scoreUnit", "")
    scale = 1000.0 if unit.startswith("ms") else (0.001 if unit.startswith("ns") else 1.0)
    err = m.get("scoreError")
    err = "–" if err is None or err != err else f"{err * scale:.3f}"
    print(f"| {r['benchmark'].split('.')[-1]} | {params} | {m['score'] * scale:.3f} | {err} |")
print()
PY
  } >> "$FLAME_MD"
fi

BANNER=""
if [ "$QUICK" = 1 ]; then
  BANNER="A --quick smoke run: one repetition, small sizes, short runs. These figures check that every scenario runs; they are not the benchmark. Run bash scripts/benchmarks.sh on a quiet machine for that."
fi
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
if awk "BEGIN{exit !($LOAD_END > 2.5)}"; then
  BANNER="$BANNER The machine was busy with other work (load average $LOAD_END at the end on $(nproc) CPUs): the latencies are not trustworthy."
fi
"${LT[@]}" report --dir "$RUNS" --out "$WORK/benchmarks.md" --banner "$BANNER" >/dev/null
if [ "$OUT" != "$WORK/benchmarks.md" ]; then
  {
    cat "$WORK/benchmarks.md"
    cat "$FLAME_MD"
    echo "The raw JSON reports and logs of this run were in \`$WORK\`."
  } > "$OUT"
else
  cat "$FLAME_MD" >> "$OUT"
fi
say "wrote $OUT"
