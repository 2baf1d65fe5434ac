#!/usr/bin/env bash
# Regenerates the simulation reports of docs/simulation/ from the shared scenarios: the HTML report
# of each scenario, and each scenario's table in README.md (between its begin/end markers).
# Run it from anywhere after the engine's policies or estimators change. RUNS=20 by default;
# SKIP_BUILD=1 uses the jar already built.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-20}
jar=gateway/target/onedesk-gateway.jar
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  mvn -B -q -DskipTests package
fi
readme=docs/simulation/README.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in provincial-centre provincial-centre-rush commune-desk; do
  echo "simulating $name ($runs runs per policy)" >&2
  java -jar "$jar" simulate --scenario "$name" --runs "$runs" \
    --html "docs/simulation/$name.html" > "$tmp/$name.txt"
  awk -v name="$name" -v table="$tmp/$name.txt" '
    $0 == "<!-- begin " name " -->" { print; print "```"; while ((getline line < table) > 0) print line; print "```"; skip = 1; next }
    $0 == "<!-- end " name " -->" { skip = 0 }
    !skip { print }' "$readme" > "$tmp/README.md"
  cp "$tmp/README.md" "$readme"
done
