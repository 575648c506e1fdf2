#!/usr/bin/env bash
# deps.sh - install the Debian packages tcpedu needs to build and test.
#
# Usage: bash scripts/deps.sh [EXTRA-PACKAGE...]
#   (scripts/robustness.sh adds clang, libclang-rt-14-dev and valgrind)
#
# Idempotent and fast when everything is present (no apt-get at all then).
# Otherwise: apt-get update once, then apt-get install of only the missing
# packages, non-interactively (works with no stdin, e.g. in CI).  Uses sudo
# when not run as root.  Needs Debian/Ubuntu (apt-get, dpkg-query).
set -euo pipefail

PACKAGES=(libwireshark-dev wireshark-dev tshark wireshark-common
          cmake gcc make libc6-dev pkg-config python3 parallel time libxml2-utils)
PACKAGES+=("$@")

die() { echo "deps.sh: error: $*" >&2; exit 1; }

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for p in "${PACKAGES[@]}"; do
        st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
        [[ $st == installed ]] || missing+=("$p")
    done
else
    # Not a Debian system: only check that the tools are there.
    for c in cmake gcc make pkg-config python3 tshark; do
        command -v "$c" >/dev/null 2>&1 || die "'$c' not found and this is not a Debian system (no dpkg-query): install Wireshark's development files, tshark, cmake, gcc, make, pkg-config and python3 by hand"
    done
fi

if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get"
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "missing packages (${missing[*]}); run as root or install sudo"
        SUDO=(sudo)
    fi
    echo "deps.sh: installing ${missing[*]}" >&2
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q </dev/null \
        || die "apt-get update failed"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" </dev/null || die "apt-get install ${missing[*]} failed"
fi

# setpriv (util-linux, always present on Debian) lets the tests run tshark as
# an ordinary user when they run as root.
if [[ $(id -u) -eq 0 ]] && ! command -v setpriv >/dev/null 2>&1; then
    die "setpriv not found (package util-linux); the end-to-end tests need it when run as root"
fi
exit 0
