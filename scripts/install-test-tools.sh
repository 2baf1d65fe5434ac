#!/usr/bin/env bash
# Installs the non-Java programs the test suite drives for real, from Debian's packages:
#   chromium, chromium-driver  — browser end-to-end tests of the hall display, kiosk and consoles
#   prometheus                 — promtool checks of the alert rules and a real Prometheus scrape
#   fonts-dejavu-core          — a font with Vietnamese diacritics for the browser's screenshots
#   mosquitto-clients          — mosquitto_sub/mosquitto_rr: the README's demo blocks, run as written
#   postgresql-client          — psql: the README's block that opens the embedded database, run as written
#   postgresql, haproxy        — the cluster's failover check (scripts/cluster-crash-test.sh): a PostgreSQL server
#                                that every node shares, and the load balancer in front of the nodes
# Does nothing when they are already there. Fails loudly (never skips) when it cannot install them.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v mosquitto_rr >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
# Vietnamese diacritics in screenshots need a font that has them; DejaVu does.
fc-list 2>/dev/null | grep -qi 'DejaVu Sans' || need+=(fonts-dejavu-core)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "install-test-tools: installing ${need[*]} from Debian's packages" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-test-tools: need root or sudo to install ${need[*]}; install them by hand and rerun" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: no apt-get here; install ${need[*]} (Chromium, ChromeDriver, promtool) by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# --no-install-recommends keeps prometheus from pulling in exporters we never start.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the prometheus service on install where systemd runs; the tests start their own.
for tool in chromium chromedriver promtool prometheus mosquitto_sub mosquitto_rr haproxy; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-test-tools: $tool still missing after install" >&2; exit 1; }
done
