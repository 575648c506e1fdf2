#!/usr/bin/env bash
# install-profile.sh - install the tcpedu Wireshark configuration profiles
# (profiles/tcpedu, profiles/tcpedu-zh) into a user's profile folder,
# without overwriting a profile the user changed.
#
# Usage: bash scripts/install-profile.sh [PROFILES_DIR]
#        (default: ~/.config/wireshark/profiles; install.sh passes the
#        folder of the user it installs for)
#
# Each installed profile gets a stamp, .tcpedu-installed, with the sha256 of
# every file as installed.  On a later run a profile is replaced only when
# the files it installed still match its stamp (nobody edited them since;
# files Wireshark adds itself, such as "recent", do not count); otherwise it
# is left alone, the new version goes to PROFILE.tcpedu-new beside it, and
# the script says so.  A folder of that name without a stamp is the user's
# own: also left alone.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST=${1:-${HOME:?}/.config/wireshark/profiles}
STAMP=.tcpedu-installed
say() { echo "install-profile.sh: $*"; }

stamp_of() {  # DIR -> "sha256  file" lines of the profile's files, sorted
    (cd "$1" && find . -type f ! -name "$STAMP" -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum)
}

copy_profile() {  # SRC DST
    rm -rf "$2.tmp.$$"
    cp -r "$1" "$2.tmp.$$"
    stamp_of "$2.tmp.$$" > "$2.tmp.$$/$STAMP"
    rm -rf "$2"
    mv "$2.tmp.$$" "$2"
}

mkdir -p "$DEST"
for src in "$ROOT"/profiles/*/; do
    name=$(basename "$src")
    dst=$DEST/$name
    if [[ ! -e $dst ]]; then
        copy_profile "$src" "$dst"
        say "installed profile $name in $dst (Wireshark: Edit > Configuration Profiles, or wireshark -C $name)"
    elif [[ -f $dst/$STAMP ]] && (cd "$dst" && sha256sum --quiet --strict -c "$STAMP" >/dev/null 2>&1); then
        if [[ $(stamp_of "$src") == "$(cat "$dst/$STAMP")" ]]; then
            say "profile $name in $dst is up to date"
        else
            # keep what Wireshark wrote there (recent, ...), replace our files
            (cd "$src" && find . -type f -printf '%P\n') | while read -r f; do
                mkdir -p "$dst/$(dirname "$f")"
                cp "$src/$f" "$dst/$f"
            done
            stamp_of "$src" > "$dst/$STAMP"
            say "updated profile $name in $dst"
        fi
    else
        copy_profile "$src" "$dst.tcpedu-new"
        say "profile $name in $dst was changed since it was installed (or is not tcpedu's): left as it is; the new version is in $dst.tcpedu-new"
    fi
done
