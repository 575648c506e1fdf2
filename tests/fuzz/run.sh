#!/usr/bin/env bash
# run.sh - build the libFuzzer target of the observer and the Zeek model,
# replay the committed corpus, then fuzz for a bounded time.
#
# Usage: bash tests/fuzz/run.sh [--time S] [--coverage] [--merge]
#
#   --time S     fuzz for S seconds after the replay (default 90; 0 = replay only)
#   --coverage   also build with clang's source coverage, replay the corpus
#                plus what this run found, and print line coverage of
#                tcpedu_observer.c and tcpedu_zeek.c
#   --merge      add this run's new inputs that reach new edges (-merge=1)
#                to tests/fuzz/corpus (to commit)
#
# Needs clang and its libFuzzer/sanitizer runtimes (Debian: clang,
# libclang-rt-14-dev; scripts/robustness.sh installs them).  Builds in
# build-fuzz/.  Exits non-zero when an invariant fails or a sanitizer
# reports: the crashing input is left in build-fuzz/ (crash-*), replay it
# with build-fuzz/fuzz_observer FILE.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TIME=90 COVERAGE=0 MERGE=0
while (($#)); do
    case $1 in
        --time) TIME=$2; shift 2 ;;
        --coverage) COVERAGE=1; shift ;;
        --merge) MERGE=1; shift ;;
        *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
CC=${CC_FUZZ:-clang}
command -v "$CC" >/dev/null || { echo "run.sh: $CC not found" >&2; exit 2; }

OUT=$ROOT/build-fuzz
mkdir -p "$OUT"
SRC=("$HERE/fuzz_observer.c" "$ROOT/src/observer/tcpedu_observer.c"
     "$ROOT/src/observer/tcpedu_names.c" "$ROOT/src/observer/tcpedu_zeek.c")
FLAGS=(-g -O1 -Wall -Wextra -I"$ROOT/src/observer" -I"$ROOT/tests/unit")
"$CC" "${FLAGS[@]}" -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
      "${SRC[@]}" -o "$OUT/fuzz_observer"

CORPUS=$HERE/corpus
NEW=$(mktemp -d "$OUT/new.XXXXXX")
trap 'rm -rf "$NEW"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
cd "$OUT"

start=$(date +%s)
n=$(find "$CORPUS" -type f | wc -l)
"$OUT/fuzz_observer" -runs=0 "$CORPUS" >"$OUT/replay.log" 2>&1 \
    || { tail -40 "$OUT/replay.log"; echo "run.sh: corpus replay FAILED" >&2; exit 1; }
echo "run.sh: replayed $n corpus inputs in $(( $(date +%s) - start )) s"

if ((TIME > 0)); then
    start=$(date +%s)
    "$OUT/fuzz_observer" -max_total_time="$TIME" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$NEW" "$CORPUS" >"$OUT/fuzz.log" 2>&1 \
        || { tail -60 "$OUT/fuzz.log"; echo "run.sh: fuzzing FAILED (input: $OUT/crash-*)" >&2; exit 1; }
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/fuzz.log")
    cov=$(grep -o 'cov: [0-9]*' "$OUT/fuzz.log" | tail -1)
    echo "run.sh: fuzzed $(( $(date +%s) - start )) s: $execs executions, $cov edges," \
         "$(find "$NEW" -type f | wc -l) new inputs, no failure"
fi

if ((MERGE)); then
    # edges only (no hit counters): keeps the corpus small
    "$OUT/fuzz_observer" -merge=1 -use_counters=0 -use_value_profile=0 "$CORPUS" "$NEW" \
        >"$OUT/merge.log" 2>&1
    echo "run.sh: corpus now $(find "$CORPUS" -type f | wc -l) inputs"
fi

if ((COVERAGE)); then
    "$CC" "${FLAGS[@]}" -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping \
          "${SRC[@]}" -o "$OUT/fuzz_observer_cov"
    LLVM_PROFILE_FILE="$OUT/cov.profraw" "$OUT/fuzz_observer_cov" -runs=0 "$CORPUS" "$NEW" \
        >/dev/null 2>&1
    llvm-profdata merge -sparse "$OUT/cov.profraw" -o "$OUT/cov.profdata"
    llvm-cov report "$OUT/fuzz_observer_cov" -instr-profile="$OUT/cov.profdata" \
        "$ROOT/src/observer/tcpedu_observer.c" "$ROOT/src/observer/tcpedu_zeek.c"
fi
