#!/usr/bin/env bash
# robustness.sh - the robustness checks CI runs after scripts/test.sh, each
# timed:
#   1. tests/fuzz/run.sh: the libFuzzer target of the observer and the Zeek
#      model replays its corpus, then fuzzes for TCPEDU_FUZZ_TIME s (60);
#   2. scripts/fuzz.sh: the capture fuzz under ASan/UBSan with
#      TCPEDU_FUZZ_SEEDS (1) corrupted copies of every capture;
#   3. scripts/valgrind.sh: valgrind over a few small captures.
# Installs what they need first (clang, libclang-rt-14-dev, valgrind) via
# scripts/deps.sh.  Needs the plugin built in build/ (scripts/test.sh).
# Runs every step even when one fails; exits 1 if any failed.
#
# Longer runs: TCPEDU_FUZZ_TIME=600 TCPEDU_FUZZ_SEEDS=20 bash scripts/robustness.sh
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/deps.sh clang libclang-rt-14-dev valgrind \
    || { echo "robustness.sh: could not install clang / valgrind" >&2; exit 2; }

failed=()
step() { # NAME COMMAND...
    local name=$1 t0 rc
    shift
    echo "==== robustness: $name"
    t0=$(date +%s)
    "$@"
    rc=$?
    echo "==== robustness: $name: $( ((rc == 0)) && echo passed || echo FAILED) in $(( $(date +%s) - t0 )) s"
    ((rc == 0)) || failed+=("$name")
}

step "observer fuzz target" bash tests/fuzz/run.sh --time "${TCPEDU_FUZZ_TIME:-60}"
step "capture fuzz (ASan/UBSan)" bash scripts/fuzz.sh --seeds "${TCPEDU_FUZZ_SEEDS:-1}"
step "valgrind" bash scripts/valgrind.sh build/tcpedu.so

if ((${#failed[@]})); then
    echo "robustness.sh: FAILED: ${failed[*]}"
    exit 1
fi
echo "robustness.sh: all passed"
