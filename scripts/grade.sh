#!/usr/bin/env bash
# grade.sh - grade a class: run tshark with tcpedu on every capture of a
# folder, in parallel (GNU parallel), and write one JSON per capture plus a
# merged table.  docs/REPORTS.md describes the output.
#
# Usage: scripts/grade.sh SUBMISSIONS_DIR OUT_DIR [-j N] [--sshlogin LOGINS]
#                         [--assignments CSV [--student-id REGEX]]
#
#   SUBMISSIONS_DIR  folder of captures (searched recursively; every regular
#                    file that is not hidden counts as a submission)
#   OUT_DIR          created if needed; gets per-capture/<name>.json,
#                    grades.csv and grades.json (the merged table)
#   -j N             parallel jobs (default: number of CPUs)
#   --sshlogin L     passed to GNU parallel (e.g. "4/user@host1,:"): spread
#                    the captures over several machines; each needs tshark
#                    and tcpedu installed in its global plugin folder and
#                    bash and python3; grade.sh and the capture are copied
#                    there and the JSON comes back.
#   --assignments CSV  which site each student must visit, by the last
#                    digit(s) of the student number: lines "DIGITS,SITE"
#                    (a header line "digits,site" and # comments are
#                    allowed; the longest matching suffix wins).  Example:
#                    scripts/assignments.example.csv.  Adds per capture the
#                    student number, the assigned site, whether a TCP
#                    connection to it (tcpedu.conn.server_name equal to the
#                    site, case-insensitive) has a complete handshake and a
#                    complete teardown, their frames, and what is missing.
#   --student-id REGEX  how to read the student number from the file name
#                    (Python regex on the file's base name; group 1, or the
#                    whole match without groups).  Default: the longest run
#                    of digits in the base name (the first of equal ones).
#
# Per capture the status is ok, truncated (read error part way: results of
# the part read), empty (0 bytes) or corrupt (tshark cannot read it); a bad
# capture never stops the run.  Output names are derived from the path
# relative to SUBMISSIONS_DIR plus a hash of it, so equal basenames in
# different subfolders never collide, and each job writes only its own file.
#
# tshark ignores personal plugins when run as root: as root the workers run
# tshark as user nobody (setpriv) with a temporary HOME holding the plugin
# (TCPEDU_PLUGIN, default build/tcpedu.so), unless tcpedu is installed in the
# global plugin folder.  Exit status: 0 when every capture was graded (bad
# captures included), 1 on a usage or setup error.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")

die() { echo "grade.sh: error: $*" >&2; exit 1; }

# ---- one capture (run by GNU parallel, locally or on a remote host) ----
# grade.sh --one CAPTURE RELPATH OUTJSON
if [[ ${1:-} == --one ]]; then
    cap=$2 rel=$3 out=$4
    tshark_cmd=(tshark)
    if [[ -n ${TCPEDU_GRADE_HOME:-} ]]; then
        # private, world-readable copy for the unprivileged tshark
        tmpcap=$(mktemp "$TCPEDU_GRADE_HOME/../caps/cap.XXXXXXXX")
        cp -- "$cap" "$tmpcap"
        chmod 644 "$tmpcap"
        cap=$tmpcap
        tshark_cmd=(env -i HOME="$TCPEDU_GRADE_HOME" PATH=/usr/sbin:/usr/bin:/sbin:/bin
                    LANG=C.UTF-8 LC_ALL=C.UTF-8 tshark)
        if [[ $(id -u) -eq 0 ]]; then
            tshark_cmd=(setpriv --reuid=65534 --regid=65534 --clear-groups "${tshark_cmd[@]}")
        fi
    fi
    errf=$(mktemp)
    outf=$(mktemp)
    rc=0
    if [[ -s $cap ]]; then
        "${tshark_cmd[@]}" -r "$cap" -q -z tcpedu,conns-json >"$outf" 2>"$errf" </dev/null || rc=$?
    fi
    python3 - "$rel" "$cap" "$rc" "$outf" "$errf" "$out" <<'PY'
import json, os, sys
rel, cap, rc, outf, errf, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:]
text = open(outf, encoding="utf-8", errors="replace").read()
err = open(errf, encoding="utf-8", errors="replace").read().strip().replace(cap, rel)
res = {"file": rel, "status": "ok", "error": None, "connections": [], "quic": []}
data = None
start = text.find("{\n")
if start >= 0:
    try:
        data = json.loads(text[start:])
    except ValueError:
        data = None
if os.path.getsize(cap) == 0:
    res["status"], res["error"] = "empty", "empty file"
elif data is None:
    res["status"] = "corrupt"
    res["error"] = err.splitlines()[0] if err else "tshark exit status %d" % rc
else:
    res["connections"] = data["connections"]
    res["quic"] = data.get("quic", [])
    if rc != 0 or err:
        res["status"] = "truncated" if rc != 0 else "ok"
        res["error"] = err.splitlines()[0] if err else "tshark exit status %d" % rc
conns = res["connections"]
hs = [c for c in conns if len(c["handshake_frames"]) >= 3]
td = [c for c in conns if c["outcome"] == "closed"]
both = [c for c in hs if c in td]
main = (both or hs or td or conns or [None])[0]
anomalies = sorted({a for c in conns for a in c["anomalies"]})
res["summary"] = {
    "connections": len(conns),
    "handshake_complete": bool(hs),
    "teardown_complete": bool(td),
    "server": main["server"] if main else None,
    "teardown": main["teardown"] if main else None,
    "servers": sorted({c["server"] for c in conns}),
    "server_names": sorted({c["server_name"] for c in conns if c.get("server_name")}),
    "anomalies": anomalies,
}
with open(out + ".tmp", "w", encoding="utf-8") as f:
    json.dump(res, f, indent=2, sort_keys=True)
    f.write("\n")
os.replace(out + ".tmp", out)
PY
    # ---- the capture's lab report page, beside its JSON (name.json -> name.html)
    page=${out%.json}.html
    rm -f -- "$page"
    if [[ -s $cap ]]; then
        "${tshark_cmd[@]}" -r "$cap" -q -z tcpedu,report-html,tcp >"$outf" 2>/dev/null </dev/null || true
        if grep -q '</html>' "$outf"; then mv -f -- "$outf" "$page"; chmod 644 "$page"; fi
    fi
    rm -f -- "$errf" "$outf" ${tmpcap:+"$tmpcap"}
    exit 0
fi

# ---- the whole class ----
usage() { sed -n '4,33p' "$SELF" | sed 's/^# \{0,1\}//' >&2; exit 1; }
[[ $# -ge 2 ]] || usage
SUB=$1 OUT=$2
shift 2
JOBS=() SSH=() ASSIGN="" IDRE=""
while [[ $# -gt 0 ]]; do
    case $1 in
    --assignments) [[ $# -ge 2 ]] || usage; ASSIGN=$2; shift 2 ;;
    --student-id) [[ $# -ge 2 ]] || usage; IDRE=$2; shift 2 ;;
    -j) [[ $# -ge 2 ]] || usage; JOBS=(-j "$2"); shift 2 ;;
    --sshlogin) [[ $# -ge 2 ]] || usage; SSH=(--sshlogin "$2"); shift 2 ;;
    *) usage ;;
    esac
done
[[ -d $SUB ]] || die "$SUB is not a folder"
[[ -z $ASSIGN || -r $ASSIGN ]] || die "cannot read assignments file $ASSIGN"
[[ -z $IDRE || -n $ASSIGN ]] || die "--student-id needs --assignments"
[[ -z $ASSIGN ]] || ASSIGN=$(readlink -f "$ASSIGN")
command -v parallel >/dev/null || die "GNU parallel not found (apt-get install parallel)"
command -v tshark >/dev/null || die "tshark not found"
command -v python3 >/dev/null || die "python3 not found"
SUB=$(readlink -f "$SUB")
mkdir -p "$OUT/per-capture"
OUT=$(readlink -f "$OUT")

# Is tcpedu loadable as we are?  (As root only the global folder counts.)
work=$(mktemp -d /tmp/tcpedu-grade.XXXXXXXX)
trap 'rm -rf -- "$work"' EXIT
if ! tshark -G plugins 2>/dev/null | grep -q 'tcpedu\.so'; then
    plugin=${TCPEDU_PLUGIN:-$REPO/build/tcpedu.so}
    [[ -r $plugin ]] || die "tcpedu is not installed and $plugin does not exist (build it, or set TCPEDU_PLUGIN)"
    ver=$(tshark --version 2>/dev/null | sed -n '1s/.* \([0-9]*\.[0-9]*\)\.[0-9].*/\1/p')
    [[ -n $ver ]] || die "cannot tell the Wireshark version"
    mkdir -p "$work/home/.local/lib/wireshark/plugins/$ver/epan" "$work/caps"
    cp -- "$plugin" "$work/home/.local/lib/wireshark/plugins/$ver/epan/tcpedu.so"
    chmod -R a+rX "$work"
    chmod 1777 "$work/caps"
    export TCPEDU_GRADE_HOME=$work/home
fi
[[ ${#SSH[@]} -eq 0 ]] || unset TCPEDU_GRADE_HOME   # remote hosts use their own install

# The job list: NUL-separated "relpath" (safe for any file name).
list=$work/list
(cd "$SUB" && find . -type f ! -name '.*' -printf '%P\0' | sort -z) >"$list"
n=$(tr -cd '\0' <"$list" | wc -c)
[[ $n -gt 0 ]] || echo "grade.sh: warning: no files in $SUB" >&2

# name: path with / -> __, other unsafe characters -> _, plus 8 hex of its sha1
python3 - "$list" "$work/jobs" <<'PY'
import hashlib, re, sys
rels = open(sys.argv[1], "rb").read().split(b"\0")[:-1]
with open(sys.argv[2], "wb") as f:
    for r in rels:
        s = r.decode("utf-8", "surrogateescape")
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", s.replace("/", "__"))[:120]
        h = hashlib.sha1(r).hexdigest()[:8]
        f.write(r + b"\0" + ("%s-%s.json" % (safe, h)).encode() + b"\0")
PY
rm -f -- "$OUT"/per-capture/*.json "$OUT"/per-capture/*.html
export TCPEDU_GRADE_HOME
if [[ ${#SSH[@]} -gt 0 ]]; then
    (cd "$SUB" && parallel --will-cite -0 -N2 "${JOBS[@]}" "${SSH[@]}" --basefile "$SELF" \
        --transferfile {1} --return "{2}" --return "{2.}.html" --cleanup --workdir ... \
        bash ./"$(basename "$SELF")" --one {1} {1} {2} <"$work/jobs")
    (cd "$SUB" && find . -maxdepth 1 \( -name '*.json' -o -name '*.html' \) -exec mv -t "$OUT/per-capture" {} +)
else
    (cd "$SUB" && parallel --will-cite -0 -N2 "${JOBS[@]}" --halt never \
        bash "$SELF" --one {1} {1} "$OUT/per-capture/{2}" <"$work/jobs")
fi

# merged table, in file-name order
python3 - "$OUT" "$work/jobs" "$ASSIGN" "$IDRE" <<'PY'
import csv, json, os, re, sys
out, jobs, assign_file, idre = sys.argv[1:5]
parts = open(jobs, "rb").read().split(b"\0")[:-1]
rows = []
for rel, name in zip(parts[0::2], parts[1::2]):
    p = os.path.join(out, "per-capture", name.decode())
    if os.path.exists(p):
        r = json.load(open(p, encoding="utf-8"))
        r["json"] = "per-capture/" + name.decode()
    else:
        r = {"file": rel.decode("utf-8", "replace"), "status": "error",
             "error": "no result (the job failed)", "summary": {}, "json": None}
    rows.append(r)


def load_assignments(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#")[0].strip()
            if not line:
                continue
            parts = [p.strip() for p in line.split(",")]
            if len(parts) != 2 or not parts[1]:
                sys.exit("grade.sh: error: %s line %d: expected DIGITS,SITE" % (path, n))
            if parts[0].lower() == "digits":
                continue
            if not parts[0].isdigit():
                sys.exit("grade.sh: error: %s line %d: %r is not digits" % (path, n, parts[0]))
            table[parts[0]] = parts[1].lower().rstrip(".")
    return table


def student_id(rel):
    base = os.path.basename(rel)
    if idre:
        m = re.search(idre, base)
        if not m:
            return None
        return m.group(1) if m.groups() else m.group(0)
    runs = re.findall(r"[0-9]+", base)
    return max(runs, key=len) if runs else None


def site_check(r, sid, table):
    """The assignment columns of one capture."""
    res = {"student_id": sid or "", "assigned_site": "", "site_connections": "",
           "site_handshake": "", "site_handshake_frames": "", "site_teardown": "",
           "site_teardown_frames": "", "site_missing": ""}
    if sid is None:
        res["site_missing"] = "no student number in the file name"
        return res
    keys = [k for k in table if sid.endswith(k)]
    if not keys:
        res["site_missing"] = "student number %s matches no assignment" % sid
        return res
    site = table[max(keys, key=len)]
    res["assigned_site"] = site
    if r["status"] in ("empty", "corrupt", "error"):
        res["site_missing"] = "capture not readable (%s)" % r["status"]
        return res
    conns = [c for c in r.get("connections", []) if (c.get("server_name") or "").lower() == site]
    quic = [q for q in r.get("quic", []) if q["server_name"].lower() == site]
    missing = []
    if not conns:
        missing.append("no TCP connection to %s" % site)
    else:
        hs = [c for c in conns if len(c["handshake_frames"]) >= 3]
        td = [c for c in conns if c["outcome"] == "closed"]
        best = ([c for c in hs if c in td] or hs or td or conns)[0]
        res["site_connections"] = ";".join(str(c["conn"]) for c in conns)
        res["site_handshake"] = "yes" if len(best["handshake_frames"]) >= 3 else "no"
        res["site_handshake_frames"] = ";".join(map(str, best["handshake_frames"]))
        res["site_teardown"] = "yes" if best["outcome"] == "closed" else "no"
        res["site_teardown_frames"] = ";".join(map(str, best["teardown_frames"]))
        if res["site_handshake"] == "no":
            missing.append("handshake missing: the capture starts after the SYN"
                           if not best["handshake_frames"] else "handshake incomplete")
        why = best.get("teardown_missing") or ""
        if res["site_teardown"] == "no":
            missing.append({"open_at_end": "teardown missing: connection still open at the end",
                            "reset": "teardown missing: connection reset (RST) instead of FINs",
                            "incomplete": "teardown incomplete: the capture ended during the FIN exchange",
                            }.get(why, "teardown missing"))
    if quic:
        missing.append("QUIC used for %s" % site)
    res["site_missing"] = "; ".join(missing)
    return res


cols = ["file", "status", "connections", "handshake_complete", "teardown_complete", "server",
        "teardown", "anomalies", "error", "json"]
site_cols = ["student_id", "assigned_site", "site_connections", "site_handshake",
             "site_handshake_frames", "site_teardown", "site_teardown_frames", "site_missing"]
if assign_file:
    table = load_assignments(assign_file)
    for r in rows:
        r["assignment"] = site_check(r, student_id(r["file"]), table)
    cols = cols[:-2] + site_cols + cols[-2:]
with open(os.path.join(out, "grades.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        s = r.get("summary", {})
        yn = lambda v: "" if v is None or r["status"] in ("empty", "corrupt", "error") \
            else ("yes" if v else "no")
        row = [r["file"], r["status"], s.get("connections", ""),
               yn(s.get("handshake_complete")), yn(s.get("teardown_complete")),
               s.get("server") or "", s.get("teardown") or "",
               ";".join(s.get("anomalies", []))]
        if assign_file:
            row += [r["assignment"][c] for c in site_cols]
        w.writerow(row + [r.get("error") or "", r["json"] or ""])
keys = ("file", "status", "error", "json", "summary") + (("assignment",) if assign_file else ())
merged = [{k: r.get(k) for k in keys} for r in rows]
with open(os.path.join(out, "grades.json"), "w", encoding="utf-8") as f:
    json.dump(merged, f, indent=2, sort_keys=True)
    f.write("\n")
bad = sum(r["status"] not in ("ok",) for r in rows)
print("grade.sh: %d capture(s) graded, %d not ok; table: %s" %
      (len(rows), bad, os.path.join(out, "grades.csv")), file=sys.stderr)
PY

# ---- index.html: the class at a glance, one row and one link per capture
python3 - "$OUT" <<'PY'
import html, json, os, sys
out = sys.argv[1]
rows = json.load(open(os.path.join(out, "grades.json"), encoding="utf-8"))
e = html.escape
lines = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
         "<title>tcpedu: the class</title>",
         "<style>body{font-family:'DejaVu Sans','Noto Sans CJK SC',sans-serif;margin:2em auto;max-width:1100px}"
         "table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8ccd4;padding:.25em .5em;"
         "text-align:left}th{background:#f1f3f7}tr.bad td{color:#8a1b1b}</style>",
         "</head>", "<body>", "<h1>tcpedu: the class</h1>",
         "<table class=\"class\">",
         "<tr><th>capture</th><th>status</th><th>connections</th><th>handshake</th><th>teardown</th>"
         "<th>server</th><th>anomalies</th><th>report</th></tr>"]
for r in rows:
    s = r.get("summary") or {}
    page = r["json"][:-len(".json")] + ".html" if r.get("json") else None
    has_page = page and os.path.exists(os.path.join(out, page))
    yn = lambda v: "" if r["status"] in ("empty", "corrupt", "error") else ("yes" if v else "no")
    lines.append("<tr class=\"%s\" data-file=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                 "<td>%s</td><td>%s</td><td>%s</td></tr>" % (
                     "ok" if r["status"] == "ok" else "bad", e(r["file"]), e(r["file"]),
                     e(r["status"] + (": " + r["error"] if r.get("error") else "")),
                     s.get("connections", ""), yn(s.get("handshake_complete")),
                     e(s.get("teardown") or "") if r["status"] not in ("empty", "corrupt", "error") else "",
                     e(s.get("server") or ""), e(", ".join(s.get("anomalies", []))),
                     "<a href=\"%s\">page</a>" % e(page) if has_page else ""))
lines += ["</table>", "</body>", "</html>", ""]
with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
PY
