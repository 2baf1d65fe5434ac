#!/usr/bin/env bash
# A OneDesk cluster on this machine, from real parts: PostgreSQL (Debian's postgresql package, in DIR), N gateway
# nodes (the built jar, Vert.x clustered mode on Hazelcast, loopback) and HAProxy in front of them (Debian's haproxy).
#
#   scripts/cluster.sh up DIR [--nodes 3] [--config FILE] [--env NAME=VALUE ...] [--no-build]
#       starts everything, keeps data and logs under DIR, and writes DIR/cluster.env:
#         MQTT_PORT, HTTP_PORT        HAProxy's ports: devices and browsers use these
#         NODE_PIDS, NODE_HTTP_PORTS  the nodes' pids and own HTTP ports, in the same order (space separated)
#         NODE_MQTT_PORTS             the nodes' own MQTT ports, same order
#         PG_URL                      the database every node uses
#   scripts/cluster.sh restart DIR I   starts node I (1-based) again, after a crash; updates NODE_PIDS
#   scripts/cluster.sh down DIR        stops everything `up` started
#
# Without --config the nodes run the demo centre and its devices (passwords "demo"), as the single-node demo does.
# --env adds a variable to every node (after the script's own, so it wins), e.g. --env ONEDESK_MQTT_PROXY_PROTOCOL=off
# for devices that connect to the nodes directly (a client's list of server URIs) instead of through HAProxy.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  echo "usage: scripts/cluster.sh up DIR [--nodes N] [--config FILE] [--env NAME=VALUE ...] [--no-build] | restart DIR I | down DIR" >&2
  exit 64
}
[ $# -ge 2 ] || usage
CMD=$1
DIR=$2
shift 2

# Sets PORT to a free port that this run has not handed out yet: each port is freed again once picked, so the
# kernel may offer the same one twice (a CI run once gave a node the same MQTT and HTTP port).
TAKEN=" "
free_port() {
  local p
  while :; do
    p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    case "$TAKEN" in *" $p "*) continue ;; esac
    TAKEN="$TAKEN$p "
    PORT=$p
    return 0
  done
}

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --) # PostgreSQL refuses to run as root: its own system user runs it
fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# Starts node $1 (1-based) from what `up` wrote in DIR/node-$1.env; writes DIR/node-$1.pid.
start_node() {
  local i=$1
  # shellcheck disable=SC1090
  (set -a; . "$DIR/node-$i.env"; set +a
   exec java -Xms256m -Xmx512m -jar "$ROOT/gateway/target/onedesk-gateway.jar" >>"$DIR/node-$i.log" 2>&1) &
  echo $! >"$DIR/node-$i.pid"
}

# Waits until node $1 answers /health/ready with 200 (every centre it owns loaded, the cluster joined).
wait_ready() {
  local port=$1 deadline=$((SECONDS + 120))
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if [ $SECONDS -gt $deadline ]; then
      echo "cluster: the node on HTTP port $port is not ready after 120 s; see $DIR/node-*.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

write_env() {
  local pids=() i
  for i in $(seq 1 "$NODES"); do pids+=("$(cat "$DIR/node-$i.pid")"); done
  cat >"$DIR/cluster.env" <<EOF
MQTT_PORT=$MQTT_PORT
HTTP_PORT=$HTTP_PORT
NODES=$NODES
NODE_PIDS="${pids[*]}"
NODE_HTTP_PORTS="${NODE_HTTP_PORTS[*]}"
NODE_MQTT_PORTS="${NODE_MQTT_PORTS[*]}"
PG_URL=$PG_URL
HAPROXY_PID=$(cat "$DIR/haproxy.pid" 2>/dev/null || echo)
EOF
}

case "$CMD" in
up)
  NODES=3
  CONFIG=
  BUILD=1
  EXTRA=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --nodes) NODES=$2; shift ;;
      --config) CONFIG=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift ;;
      --no-build) BUILD=0 ;;
      --env) EXTRA+=("$2"); shift ;;
      *) usage ;;
    esac
    shift
  done
  command -v haproxy >/dev/null 2>&1 && [ -x "$(pg_bin)/pg_ctl" ] 2>/dev/null \
    || bash "$ROOT/scripts/install-bench-tools.sh" --with-postgresql-server
  command -v haproxy >/dev/null 2>&1 || {
    echo "cluster: installing haproxy from Debian's packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
  }
  if [ "$BUILD" = 1 ] || [ ! -f "$ROOT/gateway/target/onedesk-gateway.jar" ]; then
    (cd "$ROOT" && mvn -B -q -DskipTests package)
  fi
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd)
  chmod 755 "$DIR"

  # --- PostgreSQL: the one durable truth every node shares
  free_port; PG_PORT=$PORT
  mkdir -p "$DIR/pg"
  [ ${#as_pg[@]} -eq 0 ] || chown postgres "$DIR/pg"
  "${as_pg[@]}" "$(pg_bin)/initdb" -D "$DIR/pg" -U postgres -A trust --no-instructions >/dev/null
  "${as_pg[@]}" "$(pg_bin)/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w \
    -o "-p $PG_PORT -k $DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE ROLE onedesk LOGIN PASSWORD 'onedesk-cluster'" \
    -c "CREATE DATABASE onedesk OWNER onedesk" >/dev/null
  PG_URL="postgresql://onedesk:onedesk-cluster@127.0.0.1:$PG_PORT/onedesk"

  # --- the nodes: each its own MQTT, HTTP, Hazelcast and event-bus ports, all on loopback
  HZ_PORTS=() NODE_MQTT_PORTS=() NODE_HTTP_PORTS=() EB_PORTS=()
  for i in $(seq 1 "$NODES"); do
    free_port; HZ_PORTS+=("$PORT"); free_port; NODE_MQTT_PORTS+=("$PORT"); free_port; NODE_HTTP_PORTS+=("$PORT")
    free_port; EB_PORTS+=("$PORT")
  done
  MEMBERS=$(printf '127.0.0.1:%s,' "${HZ_PORTS[@]}"); MEMBERS=${MEMBERS%,}
  for i in $(seq 1 "$NODES"); do
    k=$((i - 1))
    {
      echo "ONEDESK_CLUSTER=on"
      echo "ONEDESK_CLUSTER_MEMBERS=$MEMBERS"
      echo "ONEDESK_CLUSTER_PORT=${HZ_PORTS[$k]}"
      echo "ONEDESK_CLUSTER_EVENT_BUS_PORT=${EB_PORTS[$k]}"
      echo "ONEDESK_CLUSTER_PUBLIC_HOST=127.0.0.1"
      echo "ONEDESK_PG_URL=$PG_URL"
      echo "ONEDESK_HOST=127.0.0.1"
      echo "ONEDESK_MQTT_PORT=${NODE_MQTT_PORTS[$k]}"
      echo "ONEDESK_HTTP_PORT=${NODE_HTTP_PORTS[$k]}"
      echo "ONEDESK_DATA_DIR=$DIR/node-$i"
      # HAProxy passes each device's address with the PROXY protocol (send-proxy-v2): MQTT's caps and login
      # throttles by address count devices. HTTP reaches the nodes from HAProxy's address: its caps per address are
      # off here and kept by HAProxy (deploy/haproxy/onedesk.cfg).
      echo "ONEDESK_MQTT_PROXY_PROTOCOL=on"
      echo "ONEDESK_HTTP_MAX_CONNECTIONS_PER_ADDRESS=0"
      echo "ONEDESK_SSE_MAX_STREAMS_PER_ADDRESS=0"
      [ -z "$CONFIG" ] || echo "ONEDESK_CONFIG=$CONFIG"
      for e in "${EXTRA[@]}"; do echo "$e"; done
    } >"$DIR/node-$i.env"
  done
  # The first node alone migrates the empty database; the others join once it is ready.
  start_node 1
  wait_ready "${NODE_HTTP_PORTS[0]}"
  for i in $(seq 2 "$NODES"); do start_node "$i"; done
  for i in $(seq 2 "$NODES"); do wait_ready "${NODE_HTTP_PORTS[$((i - 1))]}"; done

  # --- HAProxy: MQTT over TCP and HTTP (pages, API, SSE, WebSocket) to any node that says it is ready
  free_port; MQTT_PORT=$PORT
  free_port; HTTP_PORT=$PORT
  MQTT_SERVERS= HTTP_SERVERS=
  for i in $(seq 1 "$NODES"); do
    MQTT_SERVERS+="    server node$i 127.0.0.1:${NODE_MQTT_PORTS[$((i - 1))]} send-proxy-v2 check port ${NODE_HTTP_PORTS[$((i - 1))]}\n"
    HTTP_SERVERS+="    server node$i 127.0.0.1:${NODE_HTTP_PORTS[$((i - 1))]} check\n"
  done
  awk -v mqtt="$MQTT_PORT" -v http="$HTTP_PORT" -v ms="$MQTT_SERVERS" -v hs="$HTTP_SERVERS" '
    /@MQTT_SERVERS@/ { printf "%s", ms; next }
    /@HTTP_SERVERS@/ { printf "%s", hs; next }
    { gsub(/@MQTT_PORT@/, mqtt); gsub(/@HTTP_PORT@/, http); print }' \
    "$ROOT/deploy/haproxy/onedesk.cfg" >"$DIR/haproxy.cfg"
  haproxy -c -q -f "$DIR/haproxy.cfg" || { echo "cluster: $DIR/haproxy.cfg is not valid" >&2; exit 1; }
  haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid"
  write_env
  deadline=$((SECONDS + 30))
  until curl -sf "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "cluster: HAProxy does not reach a ready node" >&2; exit 1; }
    sleep 0.5
  done
  echo "cluster: $NODES nodes behind HAProxy: MQTT 127.0.0.1:$MQTT_PORT, HTTP http://127.0.0.1:$HTTP_PORT ($DIR/cluster.env)"
  ;;
restart)
  [ $# -eq 1 ] || usage
  i=$1
  # shellcheck disable=SC1091
  . "$DIR/cluster.env"
  read -r -a NODE_HTTP_PORTS <<<"$NODE_HTTP_PORTS"
  read -r -a NODE_MQTT_PORTS <<<"$NODE_MQTT_PORTS"
  start_node "$i"
  wait_ready "${NODE_HTTP_PORTS[$((i - 1))]}"
  write_env
  ;;
down)
  [ -d "$DIR" ] || exit 0
  [ ! -f "$DIR/haproxy.pid" ] || kill "$(cat "$DIR/haproxy.pid")" 2>/dev/null || true
  for f in "$DIR"/node-*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill -CONT "$pid" 2>/dev/null || true # a node a test paused
    kill "$pid" 2>/dev/null || true
  done
  for f in "$DIR"/node-*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -f "$DIR/pg/postmaster.pid" ]; then
    "${as_pg[@]}" "$(pg_bin)/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  echo "cluster: stopped ($DIR)"
  ;;
*) usage ;;
esac
