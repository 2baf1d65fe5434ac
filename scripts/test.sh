#!/usr/bin/env bash
# The whole test suite: installs the browser and Prometheus tools it drives, runs every module's tests (the fuzz
# targets among them, on their saved inputs), then fuzzes each fuzz target for one short round (scripts/fuzz.sh), then
# the short variant of the cluster's failover check on the jars just built (3 SIGKILLs of 3 nodes behind HAProxy).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
mvn -B verify "$@"
ROUNDS=1 bash scripts/fuzz.sh
bash scripts/cluster-crash-test.sh --kills 3 --rate 60 --centres 6 --no-build
