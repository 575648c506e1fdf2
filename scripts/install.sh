#!/usr/bin/env bash
# install.sh - build tcpedu, install the plugin and show what it does.
#
# Usage: bash scripts/install.sh [--global] [--capture FILE]
#
#   1. installs the Debian packages it needs (scripts/deps.sh),
#   2. builds:   cmake -S . -B build && cmake --build build -j
#   3. installs build/tcpedu.so
#        default:   into the personal plugin folder of the user
#                   (~/.local/lib/wireshark/plugins/X.Y/epan; when run through
#                   sudo, the folder of $SUDO_USER, owned by that user),
#        --global:  into Wireshark's global plugin folder (cmake --install
#                   --prefix <Wireshark's prefix>; needs root, uses sudo when
#                   not root),
#   3b. installs the Wireshark profiles tcpedu and tcpedu-zh (columns, colours,
#      filter buttons) into ~/.config/wireshark/profiles, leaving alone a
#      profile the user changed (scripts/install-profile.sh),
#   4. runs tshark on tests/captures/real/http-get.pcapng (or FILE) and prints
#      the packet list and the tcpedu tree of the handshake, teardown and
#      reset segments.
#
# Safe to run again: it rebuilds what changed and replaces the plugin.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAPTURE="$ROOT/tests/captures/real/http-get.pcapng"
GLOBAL=0

die() { echo "install.sh: error: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }
usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while (($#)); do
    case $1 in
        --global) GLOBAL=1 ;;
        --capture) (($# >= 2)) || die "--capture needs a file"; CAPTURE=$2; shift ;;
        --capture=*) CAPTURE=${1#--capture=} ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
    shift
done
[[ -f $CAPTURE && -r $CAPTURE ]] || die "capture not found or not readable: $CAPTURE"
CAPTURE=$(cd "$(dirname "$CAPTURE")" && pwd)/$(basename "$CAPTURE")

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tcpedu-install.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# ---- who gets the plugin --------------------------------------------------
EUID_NOW=$(id -u)
TARGET_USER=$(id -un)
if [[ $EUID_NOW -eq 0 && -n ${SUDO_USER:-} && ${SUDO_USER} != root ]]; then
    TARGET_USER=$SUDO_USER
fi
PW=$(getent passwd "$TARGET_USER") || die "unknown user $TARGET_USER"
TARGET_UID=$(echo "$PW" | cut -d: -f3)
TARGET_GID=$(echo "$PW" | cut -d: -f4)
TARGET_HOME=$(echo "$PW" | cut -d: -f6)
# Our own install: tshark will look in $HOME, so use it.
[[ $TARGET_UID -eq $EUID_NOW && -n ${HOME:-} ]] && TARGET_HOME=$HOME
[[ -n $TARGET_HOME ]] || die "user $TARGET_USER has no home folder"

# Run a command as the target user (only called when we are root and the
# target user is someone else, i.e. under sudo).
as_user() {
    setpriv --reuid="$TARGET_UID" --regid="$TARGET_GID" --init-groups \
        env HOME="$TARGET_HOME" USER="$TARGET_USER" LOGNAME="$TARGET_USER" "$@"
}
UNDER_SUDO=0
[[ $EUID_NOW -eq 0 && $TARGET_UID -ne 0 ]] && UNDER_SUDO=1

# ---- 1. dependencies ------------------------------------------------------
bash "$ROOT/scripts/deps.sh" || die "could not install the packages tcpedu needs (scripts/deps.sh)"

# ---- 2. build -------------------------------------------------------------
cd "$ROOT"
BUILD=(bash -c 'cmake -S . -B build && cmake --build build -j')
say "building: cmake -S . -B build && cmake --build build -j"
if ((UNDER_SUDO)) && [[ $(stat -c %u "$ROOT") == "$TARGET_UID" ]] &&
   { [[ ! -e build ]] || [[ $(stat -c %u build) == "$TARGET_UID" ]]; }; then
    # The checkout belongs to the user who ran sudo: build as that user so
    # the build folder does not end up owned by root.
    as_user "${BUILD[@]}" || die "build failed (see the messages above)"
else
    "${BUILD[@]}" || die "build failed (see the messages above)"
fi
PLUGIN="$ROOT/build/tcpedu.so"
[[ -f $PLUGIN ]] || die "the build did not produce $PLUGIN"

# ---- Wireshark version: the plugin folder is named after major.minor ------
WS_DEV=$(pkg-config --modversion wireshark 2>/dev/null) || die "pkg-config does not know wireshark (is libwireshark-dev installed?)"
WS_XY=$(echo "$WS_DEV" | cut -d. -f1,2)
WS_RUN=$(tshark -v 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
[[ -n $WS_RUN ]] || die "could not read the version of tshark (tshark -v)"
[[ $WS_RUN == "$WS_XY" ]] || die "tshark is Wireshark $WS_RUN but the plugin was built against $WS_DEV: install matching tshark and libwireshark-dev"

# ---- 3. install -------------------------------------------------------------
# Replace the file atomically (a running Wireshark keeps its old copy).
copy_plugin() {  # copy_plugin DIR
    install -m 0644 "$PLUGIN" "$1/.tcpedu.so.new" && mv -f "$1/.tcpedu.so.new" "$1/tcpedu.so"
}

if ((GLOBAL)); then
    # Wireshark's own prefix: WiresharkConfig.cmake gives the plugin folder
    # relative to it, and cmake's default prefix (/usr/local) is not where
    # Debian's Wireshark looks.
    GDIR=$(pkg-config --variable=plugindir wireshark 2>/dev/null) || die "pkg-config does not know wireshark's plugindir"
    WS_PREFIX=$(pkg-config --variable=prefix wireshark 2>/dev/null) || die "pkg-config does not know wireshark's prefix"
    INSTALL=(cmake --install build --prefix "$WS_PREFIX")
    if [[ $EUID_NOW -eq 0 ]]; then
        "${INSTALL[@]}" || die "${INSTALL[*]} failed"
    else
        command -v sudo >/dev/null || die "--global needs root (sudo not found)"
        say "installing into the global plugin folder needs root: running sudo ${INSTALL[*]}"
        sudo "${INSTALL[@]}" || die "sudo ${INSTALL[*]} failed"
    fi
    INSTALLED=$(grep '/tcpedu\.so$' build/install_manifest.txt 2>/dev/null | tail -n1)
    [[ $INSTALLED == "$GDIR/epan/tcpedu.so" ]] || die "cmake --install put tcpedu.so in '$INSTALLED', not in Wireshark's global plugin folder $GDIR/epan"
    say "installed $INSTALLED (global: every user's Wireshark and tshark load it)"
    PERSONAL="$TARGET_HOME/.local/lib/wireshark/plugins/$WS_XY/epan/tcpedu.so"
    [[ $TARGET_UID -ne 0 && -f $PERSONAL ]] && say "note: $PERSONAL also exists and is loaded instead of the global copy for $TARGET_USER; delete it if it is old"
else
    PDIR="$TARGET_HOME/.local/lib/wireshark/plugins/$WS_XY/epan"
    if ((UNDER_SUDO)); then
        # Create the folders as the user, so they own them.
        as_user mkdir -p "$PDIR" || die "could not create $PDIR as $TARGET_USER"
        copy_plugin "$PDIR" || die "could not copy the plugin into $PDIR"
        chown "$TARGET_UID:$TARGET_GID" "$PDIR/tcpedu.so" || die "could not chown $PDIR/tcpedu.so"
    else
        mkdir -p "$PDIR" || die "could not create $PDIR"
        copy_plugin "$PDIR" || die "could not copy the plugin into $PDIR"
    fi
    INSTALLED="$PDIR/tcpedu.so"
    say "installed $INSTALLED (personal plugin folder of $TARGET_USER)"
fi

# ---- 3b. configuration profiles (profiles/; never overwrites a changed one)
if ((UNDER_SUDO)); then
    as_user bash "$ROOT/scripts/install-profile.sh" "$TARGET_HOME/.config/wireshark/profiles" ||
        die "could not install the tcpedu profiles"
else
    bash "$ROOT/scripts/install-profile.sh" "$TARGET_HOME/.config/wireshark/profiles" ||
        die "could not install the tcpedu profiles"
fi

# ---- 4. demo ------------------------------------------------------------------
# Everything tshark reads must be readable by the user it runs as.
chmod 0755 "$TMP"
{ cp "$CAPTURE" "$TMP/capture" && chmod 0644 "$TMP/capture"; } || die "could not copy $CAPTURE"
CAP="$TMP/capture"

if [[ $EUID_NOW -eq 0 && $TARGET_UID -eq 0 && $GLOBAL -eq 0 ]]; then
    say "tshark ignores personal plugins when run as root, so this demo runs tshark as user nobody with a temporary HOME holding a copy of the plugin (root's own Wireshark will not load $INSTALLED; use --global for that)"
    DHOME="$TMP/home"
    mkdir -p "$DHOME/.local/lib/wireshark/plugins/$WS_XY/epan"
    cp "$INSTALLED" "$DHOME/.local/lib/wireshark/plugins/$WS_XY/epan/tcpedu.so"
    chmod -R a+rX "$DHOME"
    EXPECT="$DHOME/.local/lib/wireshark/plugins/$WS_XY/epan/tcpedu.so"
    run_tshark() {
        (cd "$TMP" && setpriv --reuid=65534 --regid=65534 --clear-groups \
            env -i HOME="$DHOME" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8 tshark "$@")
    }
elif ((UNDER_SUDO)); then
    run_tshark() { (cd "$TMP" && as_user tshark "$@"); }
else
    run_tshark() { tshark "$@"; }
fi

# Did it load, and from where?
EXPECT=${EXPECT:-$INSTALLED}
PLUGINS=$(run_tshark -G plugins 2>"$TMP/err") || { cat "$TMP/err" >&2; die "tshark -G plugins failed"; }
LOADED=$(printf '%s\n' "$PLUGINS" | awk -F'\t' '{n = $1; gsub(/ /, "", n)} n == "tcpedu.so" {print $4; exit}')
[[ -n $LOADED ]] || { cat "$TMP/err" >&2; die "tshark did not load tcpedu.so (tshark -G plugins does not list it)"; }
[[ $LOADED == "$EXPECT" ]] || say "note: tshark loaded $LOADED, not $EXPECT (an older copy there takes precedence; delete it or reinstall there)"

echo
echo "==== tcpedu on $(basename "$CAPTURE"): the packet list (tshark -r FILE -2) ===="
run_tshark -r "$CAP" -2 2>"$TMP/err" || { cat "$TMP/err" >&2; die "tshark -r failed"; }

echo
echo "==== the tcpedu tree of every handshake, teardown and reset segment ===="
echo "==== (tshark -r FILE -2 -Y 'tcpedu.step || tcpedu.phase == \"reset\"' -O tcpedu) ===="
TREE=$(run_tshark -r "$CAP" -2 -Y 'tcpedu.step || tcpedu.phase == "reset"' -O tcpedu 2>"$TMP/err") || { cat "$TMP/err" >&2; die "tshark -O tcpedu failed"; }
[[ -n $TREE ]] || die "tcpedu found no handshake or teardown segment in $CAPTURE"
# Keep each frame's title, its TCP summary and the tcpedu subtree; show the
# per-connection subtree (the same in every frame of a connection) once.
printf '%s\n' "$TREE" | awk '
    function flush_conn() { if (conn != "") { printf "%s", conn; conn = "" } }
    /^$/ { next }
    /^Frame [0-9]+:/ { split($0, w, ":"); print ""; print w[1]; keep = 0; inconn = 0; next }
    /^Transmission Control Protocol/ { print "  " $0; keep = 0; next }
    /^[^ ]/ { keep = ($0 ~ /\(tcpedu\)/); if (keep) print "  " $0; inconn = 0; next }
    !keep { next }
    /^    \[Connection [0-9]+: / { inconn = 1; lastconn = "  " $0 "\n"; next }
    inconn && /^        / { lastconn = lastconn "  " $0 "\n"; next }
    { inconn = 0; print "  " $0 }
    END { if (lastconn != "") { print ""; print "The connection as a whole (shown in every frame of it):"; printf "%s", lastconn } }'

echo
say "done. Open a capture in Wireshark and look for \"TCP lifecycle (tcpedu)\" in the packet details;"
say "settings: Edit > Preferences > Protocols > tcpedu. More in README.md."
