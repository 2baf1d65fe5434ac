#!/usr/bin/env bash
# The durability checks of issue 6, with real processes:
#   1. kiosks take tickets at --rate per second while the gateway (runnable jar, embedded PostgreSQL) is killed
#      with SIGKILL --kills times at random moments and restarted on the same data; afterwards every ticket a
#      kiosk received must be in the database exactly once, no number issued twice, the queue order intact;
#   2. the gateway on a PostgreSQL server of its own (Debian's), which is stopped under load for --down and
#      started again: kiosks must get UNAVAILABLE within a bounded time (never silence), nothing half-written
#      may remain, and the gateway must issue tickets again by itself once the database is back.
#
#   bash scripts/crash-test.sh                          # 10 kills at 1,000/s, then the PostgreSQL restart
#   bash scripts/crash-test.sh --kills 3 --rate 200     # shorter (the CI variant is loadtest's CrashUnderLoadTest)
#   bash scripts/crash-test.sh --only crash|pg-restart
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

KILLS=10
RATE=1000
KIOSKS=50
PG_RATE=200
DOWN=10s
ONLY=crash,pg-restart
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) KILLS="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --kiosks) KIOSKS="$2"; shift ;;
    --pg-rate) PG_RATE="$2"; shift ;;
    --down) DOWN="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --no-build) BUILD=0 ;;
    *) echo "usage: scripts/crash-test.sh [--kills N] [--rate R] [--kiosks K] [--pg-rate R] [--down 10s] [--only crash,pg-restart] [--no-build]" >&2; exit 64 ;;
  esac
  shift
done
want() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

if want pg-restart; then bash scripts/install-bench-tools.sh --with-postgresql-server; else bash scripts/install-bench-tools.sh; fi
if [ "$BUILD" = 1 ]; then
  mvn -B -q -DskipTests package
fi
GATEWAY_JAR=$ROOT/gateway/target/onedesk-gateway.jar
LT=(java -Xmx2g -jar "$ROOT/loadtest/target/onedesk-loadtest.jar")
WORK=$(mktemp -d /tmp/onedesk-crash.XXXXXX)
chmod 755 "$WORK"
echo "crash-test: work directory $WORK" >&2
status=0

if want crash; then
  "${LT[@]}" crash --gateway-jar "$GATEWAY_JAR" --work-dir "$WORK/crash" --kills "$KILLS" --rate "$RATE" \
    --kiosks "$KIOSKS" --json "$WORK/crash.json" || status=1
fi

if want pg-restart; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DATA=$WORK/pg
  PG_PORT=${CRASH_PG_PORT:-28543}
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: its own system user runs it
    as_pg=(runuser -u postgres --)
    mkdir -p "$PG_DATA"; chown postgres "$PG_DATA"
  fi
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust --no-instructions >/dev/null
  PG_START="${as_pg[*]} $PG_BIN/pg_ctl -D $PG_DATA -l $PG_DATA/server.log -w -o '-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on' start"
  PG_STOP="${as_pg[*]} $PG_BIN/pg_ctl -D $PG_DATA -m fast -w stop"
  stop_pg() { bash -c "$PG_STOP" >/dev/null 2>&1 || true; }
  trap stop_pg EXIT
  bash -c "$PG_START" >/dev/null
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE onedesk" >/dev/null
  "${LT[@]}" pg-restart --gateway-jar "$GATEWAY_JAR" --work-dir "$WORK/pg-restart" \
    --pg-url "postgresql://postgres@127.0.0.1:$PG_PORT/onedesk" --stop-command "$PG_STOP" --start-command "$PG_START" \
    --rate "$PG_RATE" --down "$DOWN" --json "$WORK/pg-restart.json" || status=1
  stop_pg
fi

if [ "$status" -eq 0 ]; then echo "crash-test: PASSED ($WORK)"; else echo "crash-test: FAILED (see $WORK)" >&2; fi
exit "$status"
