#!/usr/bin/env bash
# test.sh - build tcpedu and run every test with ctest.
#
# Usage: bash scripts/test.sh [extra ctest arguments, e.g. -R e2e -V]
#
#   1. installs the Debian packages it needs (scripts/deps.sh),
#   2. builds:  cmake -S . -B build -DTCPEDU_BUILD_PLUGIN=ON -DTCPEDU_E2E=ON
#               cmake --build build -j
#   3. runs:    ctest --test-dir build --output-on-failure -j2 [ARGS...]
#      (observer unit tests, and end-to-end tests that run the real tshark
#      with the freshly built plugin, as user nobody when run as root).
# Exits with ctest's status.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "test.sh: error: $*" >&2; exit 1; }

bash "$ROOT/scripts/deps.sh" || die "could not install the packages tcpedu needs (scripts/deps.sh)"
cd "$ROOT"
# Force the plugin and the end-to-end tests on: a reused build folder may
# have been configured with them off.
cmake -S . -B build -DTCPEDU_BUILD_PLUGIN=ON -DTCPEDU_E2E=ON || die "cmake configure failed"
cmake --build build -j || die "build failed"
exec ctest --test-dir build --output-on-failure -j2 "$@"
