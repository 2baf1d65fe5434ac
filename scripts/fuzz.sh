#!/usr/bin/env bash
# Coverage-guided fuzzing with Jazzer of what a device or an administrator can send: the JSON codec, the topic
# parser, the configuration reader and the MQTT inbound router. A crash stops the script; Jazzer saves the input
# under src/test/resources/.../<Class>Inputs/<method>/, where every build then runs it as a regression test. The
# corpus is kept between runs (.cifuzz-corpus/).
#   scripts/fuzz.sh                 every target until it has run 10 million inputs (one long run each)
#   RUNS=1000000 scripts/fuzz.sh    a shorter run
#   ROUNDS=1 scripts/fuzz.sh        one round of each target's @FuzzTest maxDuration (what scripts/test.sh runs)
# MAX_DURATION (default 3h) caps a long run per target; a target stopped by it before RUNS inputs fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10000000}
ROUNDS=${ROUNDS:-0}
export JAZZER_FUZZ=1
if [ "$ROUNDS" -eq 0 ]; then
  # Jazzer's own options override the annotation's: one JVM per target, no restart cost between rounds.
  export JAZZER_MAX_EXECUTIONS="$RUNS" JAZZER_MAX_DURATION="${MAX_DURATION:-3h}"
fi
# Coverage of OneDesk and of the JSON parsers it relies on steers the fuzzer.
export JAZZER_INSTRUMENTATION_INCLUDES='vn.onedesk.**:io.vertx.core.json.**:com.fasterxml.**'
targets=(
  "kiosk-protocol ProtocolJazzerFuzzTest#anyBytesDecodeToTheMessageOrToAStableDecodeErrorAndNeverThrow"
  "kiosk-protocol ProtocolJazzerFuzzTest#anyTopicNameParsesToATopicThatNamesItselfOrToNothing"
  "gateway ConfigJazzerFuzzTest#anyCentreJsonReadsToACentreOrToProblemsAndNeverThrows"
  "gateway InboundRouterJazzerFuzzTest#anyPublishIsAnsweredOnTheDevicesOwnTopicWithAStableCodeOrAcceptedAndNeverThrows"
)
for target in "${targets[@]}"; do
  read -r module test <<<"$target"
  total=0
  round=0
  while :; do
    round=$((round + 1))
    log=$(mktemp)
    if ! mvn -B -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
      cat "$log"
      echo "fuzz: $test FAILED in round $round (see above; the crashing input is saved as a regression input)" >&2
      exit 1
    fi
    runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
    cov=$(grep -Eo 'DONE +cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+$' || echo '?')
    rm -f "$log"
    if [ "$runs" -eq 0 ]; then
      echo "fuzz: $test ran no input in round $round: is Jazzer fuzzing (JAZZER_FUZZ=1)?" >&2
      exit 1
    fi
    total=$((total + runs))
    echo "fuzz: $test round $round: $runs inputs (coverage $cov edges), $total in all, $(date -u +%H:%M:%S)"
    if [ "$ROUNDS" -gt 0 ] && [ "$round" -ge "$ROUNDS" ]; then break; fi
    if [ "$ROUNDS" -eq 0 ]; then
      if [ "$total" -lt "$RUNS" ]; then
        echo "fuzz: $test stopped after $total of $RUNS inputs: MAX_DURATION (${JAZZER_MAX_DURATION}) ran out" >&2
        exit 1
      fi
      break
    fi
  done
  echo "fuzz: $test: $total inputs, no crash"
done
