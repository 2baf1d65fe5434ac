#!/usr/bin/env bash
# Issue 16's failover check on real parts: scripts/cluster.sh starts PostgreSQL, N gateway nodes and HAProxy with
# CENTRES centres; kiosks of every centre take tickets through HAProxy while random nodes are SIGKILLed and
# restarted; each kill reports how long every centre of the dead node took to be served again; then the audit.
#
#   bash scripts/cluster-crash-test.sh                      # the benchmark: 3 nodes, 30 centres, 10 kills at 200/s
#   bash scripts/cluster-crash-test.sh --kills 3 --rate 60 --centres 6 --no-build   # the short variant .ci/run runs
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
NODES=3 CENTRES=30 KILLS=10 RATE=200 KIOSKS=2 BUILD=1 JSON=
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES=$2; shift ;;
    --centres) CENTRES=$2; shift ;;
    --kills) KILLS=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --kiosks-per-centre) KIOSKS=$2; shift ;;
    --json) JSON=$2; shift ;;
    --no-build) BUILD=0 ;;
    *) echo "usage: scripts/cluster-crash-test.sh [--nodes N] [--centres C] [--kills K] [--rate R] [--kiosks-per-centre K] [--json FILE] [--no-build]" >&2; exit 64 ;;
  esac
  shift
done
if [ "$BUILD" = 1 ]; then
  mvn -B -q -DskipTests package
fi
WORK=$(mktemp -d /tmp/onedesk-cluster-crash.XXXXXX)
chmod 755 "$WORK"
LT=(java -Xmx1g -jar "$ROOT/loadtest/target/onedesk-loadtest.jar")
"${LT[@]}" config --out "$WORK/cluster-config.json" --centres "$CENTRES" --kiosks "$KIOSKS" --displays 1 >/dev/null
cleanup() { bash "$ROOT/scripts/cluster.sh" down "$WORK/cluster" >/dev/null 2>&1 || true; }
trap cleanup EXIT
bash scripts/cluster.sh up "$WORK/cluster" --nodes "$NODES" --config "$WORK/cluster-config.json" --no-build
status=0
"${LT[@]}" cluster-crash --cluster "$WORK/cluster" --kills "$KILLS" --rate "$RATE" \
  --kiosks "$((CENTRES * KIOSKS))" ${JSON:+--json "$JSON"} || status=1
if [ "$status" -eq 0 ]; then echo "cluster-crash-test: PASSED ($WORK)"; else echo "cluster-crash-test: FAILED (see $WORK)" >&2; fi
exit "$status"
