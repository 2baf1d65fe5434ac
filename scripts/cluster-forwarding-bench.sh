#!/usr/bin/env bash
# Issue 16: the cost of forwarding. A 3-node cluster (scripts/cluster.sh) with one centre and 20 kiosks; the load
# tool takes tickets from the node that writes the centre, then from another node (which forwards each request over
# the event bus), at 100 and 400 tickets/s. Needs the jars built (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
W=$(mktemp -d /tmp/onedesk-fwd.XXXXXX); chmod 755 $W
LT=(java -Xmx1g -jar loadtest/target/onedesk-loadtest.jar)
"${LT[@]}" config --out $W/fwd.json --centres 1 --kiosks 20 --displays 0 >/dev/null
bash scripts/cluster.sh up $W/cluster --config $W/fwd.json --no-build
. $W/cluster/cluster.env
read -r -a HP <<<"$NODE_HTTP_PORTS"; read -r -a MP <<<"$NODE_MQTT_PORTS"
owner=-1
for i in 0 1 2; do
  if curl -s http://127.0.0.1:${HP[$i]}/health/ready | grep -q '"hcc-'; then owner=$i; fi
done
other=$(( (owner + 1) % 3 ))
echo "owner node $((owner+1)) mqtt ${MP[$owner]}, other node $((other+1)) mqtt ${MP[$other]}"
for rate in 100 400; do
  "${LT[@]}" tickets --config $W/fwd.json --centre all --port ${MP[$owner]} --rate $rate --kiosks 20 --duration 30s --warmup 15s --json $W/owner-$rate.json | grep -E "p50|p99|errors" || true
  "${LT[@]}" tickets --config $W/fwd.json --centre all --port ${MP[$other]} --rate $rate --kiosks 20 --duration 30s --warmup 15s --json $W/forwarded-$rate.json | grep -E "p50|p99|errors" || true
done
curl -s http://127.0.0.1:${HP[$other]}/metrics | grep -E "^onedesk_forwarded_requests_total|^onedesk_forwarded_request_duration_seconds_(count|sum)"
bash scripts/cluster.sh down $W/cluster
echo "work dir $W"
