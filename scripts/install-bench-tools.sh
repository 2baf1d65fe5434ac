#!/usr/bin/env bash
# Installs the programs the benchmarks and the crash/database-restart checks drive, from Debian's packages:
#   mosquitto          — the plain MQTT broker OneDesk is compared with (Debian's package, not a download)
#   mosquitto-clients  — mosquitto_pub, to see that the broker is up
#   postgresql-client  — psql
#   postgresql         — pgbench (Debian 12 ships it in postgresql-15, not in the client package) for the
#                        one-row-per-commit baseline on the gateway's own PostgreSQL, and a PostgreSQL server of
#                        its own for the restart-under-load check (crash-test.sh)
#   curl, util-linux (taskset), procps (free)
# Does nothing when they are there. Fails loudly (never skips) when it cannot install them.
set -euo pipefail

need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || need+=(postgresql)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
command -v free >/dev/null 2>&1 || need+=(procps)
if [ "${1:-}" = --with-postgresql-server ]; then
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
fi
# (installing postgresql creates Debian's own cluster; our scripts never use it, they start their own servers)

if [ ${#need[@]} -gt 0 ]; then
  echo "install-bench-tools: installing ${need[*]} from Debian's packages" >&2
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-bench-tools: need root or sudo to install ${need[*]}; install them by hand and rerun" >&2
    exit 1
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "install-bench-tools: no apt-get; install ${need[*]} by hand" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  # Debian starts no service here without systemd; the scripts start their own broker and server on their own ports.
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
export PATH=$PATH:/usr/sbin
ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || { echo "install-bench-tools: pgbench still missing after install" >&2; exit 1; }
for tool in mosquitto mosquitto_pub psql curl taskset free; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-bench-tools: $tool still missing after install" >&2; exit 1; }
done
if [ "${1:-}" = --with-postgresql-server ]; then
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { echo "install-bench-tools: PostgreSQL server still missing" >&2; exit 1; }
fi
