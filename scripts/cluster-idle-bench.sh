#!/usr/bin/env bash
# Issue 16, scale: idle device connections one node holds, and three nodes together. Devices connect to the nodes
# directly (a client's list of server URIs; HAProxy would need two descriptors per connection under one process's
# open-files limit). Each load generator and each node is a process of its own, so each has the machine's
# open-files limit; on one machine that limit is what caps a node, as it is what caps a single gateway.
# Needs the jars built (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
FILES=$(ulimit -n)
N=${IDLE_PER_NODE:-$((FILES - 2048))}
W=$(mktemp -d /tmp/onedesk-cluster-idle.XXXXXX); chmod 755 "$W"
LT=(java -Xmx2g -jar loadtest/target/onedesk-loadtest.jar)
"${LT[@]}" config --out "$W/idle.json" --kiosks 20 --displays 100 >/dev/null
cleanup() { bash scripts/cluster.sh down "$W/cluster" >/dev/null 2>&1 || true; }
trap cleanup EXIT
bash scripts/cluster.sh up "$W/cluster" --config "$W/idle.json" --no-build --env ONEDESK_MQTT_PROXY_PROTOCOL=off \
  --env ONEDESK_MQTT_MAX_CONNECTIONS_PER_ADDRESS=0 --env ONEDESK_HTTP_MAX_CONNECTIONS=64
# shellcheck disable=SC1091
. "$W/cluster/cluster.env"
read -r -a MP <<<"$NODE_MQTT_PORTS"
read -r -a PIDS <<<"$NODE_PIDS"
echo "== one node: $N idle connections to node 1"
"${LT[@]}" idle --config "$W/idle.json" --port "${MP[0]}" --connections "$N" --hold 20s \
  --gateway-pid "${PIDS[0]}" --json "$W/one.json" | grep -E "idle connections|still open|error" || true
echo "== three nodes: $N idle connections to each, at once"
for i in 0 1 2; do
  "${LT[@]}" idle --config "$W/idle.json" --port "${MP[$i]}" --connections "$N" --hold 20s \
    --gateway-pid "${PIDS[$i]}" --json "$W/three-$i.json" > "$W/three-$i.log" 2>&1 &
done
wait
for i in 0 1 2; do grep -E "idle connections|still open|error" "$W/three-$i.log" || tail -3 "$W/three-$i.log"; done
python3 - "$W" <<'PY'
import json, sys
w = sys.argv[1]
one = json.load(open(f"{w}/one.json"))["results"]
three = [json.load(open(f"{w}/three-{i}.json"))["results"] for i in range(3)]
held1 = one["stillOpen"]
held3 = sum(r["stillOpen"] for r in three)
print(f"one node held {held1}; three nodes held {held3} ({held3 / held1:.2f}x)")
PY
echo "work dir $W"
