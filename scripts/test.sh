#!/usr/bin/env bash
# The whole test suite: installs the browser and Prometheus tools it drives, then runs every module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
exec mvn -B verify "$@"
