#!/usr/bin/env python3
"""gen-fields-doc.py - generate docs/FIELDS.md from what tshark reports.

Usage:
  python3 scripts/gen-fields-doc.py            print the document
  python3 scripts/gen-fields-doc.py --write    write docs/FIELDS.md
  python3 scripts/gen-fields-doc.py --check    exit 1 if docs/FIELDS.md differs

Fields, types, descriptions and value names come from `tshark -G fields`
and `tshark -G values`, run with the built plugin loaded (through
tests/e2e/tcpedu_e2e.py: as user nobody with a temporary HOME when run as
root).  Wireshark 4.0's tshark has no `-G expert` report, so the severity and
group of each expert info are read from the table that registers them
(src/observer/tcpedu_anomalies.h, plus the ones src/plugin/packet-tcpedu.c and
src/plugin/tcpedu-sites.c add); the generator checks that tshark knows exactly these expert infos.

Environment: TCPEDU_PLUGIN (default build/tcpedu.so), TCPEDU_WS_VERSION
(default: from pkg-config), as for the end-to-end tests.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DOC = os.path.join(ROOT, "docs", "FIELDS.md")
ANOMALIES = os.path.join(ROOT, "src", "observer", "tcpedu_anomalies.h")
GLUE = os.path.join(ROOT, "src", "plugin", "packet-tcpedu.c")
SITES = os.path.join(ROOT, "src", "plugin", "tcpedu-sites.c")

SEVERITY = {"CHAT": "Chat", "NOTE": "Note", "WARN": "Warning", "ERROR": "Error",
            "PI_CHAT": "Chat", "PI_NOTE": "Note", "PI_WARN": "Warning", "PI_ERROR": "Error"}
GROUP = {"SEQ": "Sequence", "PROTO": "Protocol", "MALFORMED": "Malformed",
         "PI_SEQUENCE": "Sequence", "PI_PROTOCOL": "Protocol", "PI_MALFORMED": "Malformed",
         "PI_UNDECODED": "Undecoded"}

TYPES = {
    "FT_UINT8": "unsigned integer, 1 byte",
    "FT_UINT16": "unsigned integer, 2 bytes",
    "FT_UINT32": "unsigned integer, 4 bytes",
    "FT_BOOLEAN": "boolean",
    "FT_FRAMENUM": "frame number",
    "FT_STRING": "character string",
    "FT_NONE": "label",
    "FT_RELATIVE_TIME": "time offset",
}


def _tshark():
    os.environ.setdefault("TCPEDU_SOURCE_DIR", ROOT)
    os.environ.setdefault("TCPEDU_PLUGIN", os.path.join(ROOT, "build", "tcpedu.so"))
    if "TCPEDU_WS_VERSION" not in os.environ:
        try:
            v = subprocess.run(["pkg-config", "--modversion", "wireshark"], stdout=subprocess.PIPE,
                               check=True).stdout.decode().strip()
            os.environ["TCPEDU_WS_VERSION"] = ".".join(v.split(".")[:2])
        except (OSError, subprocess.CalledProcessError):
            pass
    sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
    import tcpedu_e2e
    if not os.path.isfile(tcpedu_e2e.PLUGIN):
        sys.exit("gen-fields-doc.py: %s not found: build first (cmake -S . -B build && "
                 "cmake --build build)" % tcpedu_e2e.PLUGIN)
    return tcpedu_e2e.Tshark()


def _glossary(tshark, report):
    # -G output contains texts like "Dissector bug" (other protocols' field
    # descriptions), so do not let run() treat them as a crash.
    rc, out, err = tshark.run(["-G", report], check=False)
    if rc != 0:
        raise RuntimeError("tshark -G %s failed (rc %d): %s" % (report, rc, err[-2000:]))
    return out


def expert_table():
    """[(name, severity, group)] in registration order, from the sources."""
    rows = []
    with open(ANOMALIES, encoding="utf-8") as f:
        for m in re.finditer(r'^X\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*(\w+)\s*\)', f.read(), re.M):
            rows.append(("tcpedu." + m.group(1), SEVERITY[m.group(2)], GROUP[m.group(3)]))
    for src in (GLUE, SITES):
        with open(src, encoding="utf-8") as f:
            for m in re.finditer(r'\{\s*"(tcpedu\.[a-z0-9_.]+)"\s*,\s*(PI_\w+)\s*,\s*(PI_\w+)\s*,', f.read()):
                rows.append((m.group(1), SEVERITY[m.group(3)], GROUP[m.group(2)]))
    return rows


def md(text):
    return text.replace("|", "\\|").replace("\n", " ")


def generate(tshark=None):
    """The text of docs/FIELDS.md."""
    tshark = tshark or _tshark()
    fields = []  # (abbrev, name, type, blurb)
    proto = None
    for line in _glossary(tshark, "fields").splitlines():
        p = line.split("\t")
        if p[0] == "P" and len(p) >= 3 and p[2] == "tcpedu":
            proto = p[1]
        elif p[0] == "F" and len(p) >= 5 and p[4] == "tcpedu":
            fields.append((p[2], p[1], p[3], p[7] if len(p) > 7 else ""))
    if proto is None:
        raise RuntimeError("tshark did not load the tcpedu plugin (no protocol 'tcpedu' in -G fields)")
    values = {}
    for line in _glossary(tshark, "values").splitlines():
        p = line.split("\t")
        if len(p) == 4 and p[0] == "V" and p[1].startswith("tcpedu."):
            values.setdefault(p[1], []).append((int(p[2]), p[3]))

    experts = expert_table()
    ex_names = [e[0] for e in experts]
    by_abbrev = {f[0]: f for f in fields}
    missing = [n for n in ex_names if n not in by_abbrev]
    if missing:
        raise RuntimeError("expert infos in the sources but not registered in tshark: %s" % missing)
    plain = [f for f in fields if f[0] not in ex_names]
    unknown = [f[0] for f in plain if f[2] == "FT_NONE"]
    if unknown:
        raise RuntimeError("FT_NONE fields that are not in the expert table: %s" % unknown)

    out = []
    w = out.append
    w("# tcpedu fields")
    w("")
    w("<!-- Generated by scripts/gen-fields-doc.py from `tshark -G fields` and `tshark -G values`")
    w("     with the plugin loaded. Do not edit: run `python3 scripts/gen-fields-doc.py --write`.")
    w("     tests/e2e/test_registration.py fails when this file is out of date. -->")
    w("")
    w("Protocol **%s**, display-filter name `tcpedu`. It is a post-dissector: its fields" % md(proto))
    w("appear on every TCP segment (one `tcpedu` subtree per TCP header; a frame")
    w("with a tunnel can carry several), and are all *generated* (computed by")
    w("tcpedu, not bytes of the packet). A QUIC packet that carries a TLS server name")
    w("gets a small `tcpedu` subtree too (`tcpedu.conn.server_name`, `tcpedu.quic.*`).")
    w("")
    w("* Value-string fields are numbers. `tshark -T fields -e FIELD` prints the")
    w("  number; the packet tree (`tshark -V`, Wireshark) shows the name and the number.")
    w("  Display filters take either: `tcpedu.phase == 3` or `tcpedu.phase == \"teardown\"`.")
    w("  The tables below give every number's name.")
    w("* Booleans print as 1 / 0 with `-T fields`. Filter with `FIELD == 1` or")
    w("  `FIELD == 0` (`tcpedu.handshake.complete == 0`); a bare field name only tests")
    w("  that the field is present.")
    w("* Frame-number fields (`tcpedu.answers`, `tcpedu.answered_by`, ...) link to")
    w("  another frame (click them in Wireshark). `tcpedu.answered_by` names a *later*")
    w("  frame, so single-pass tshark never shows it: use `tshark -2`.")
    w("")
    w("## Fields")
    w("")
    w("| Field | Type | Label | Description |")
    w("|---|---|---|---|")
    for abbrev, name, ftype, blurb in plain:
        t = TYPES.get(ftype, ftype)
        if abbrev in values:
            t += ", [values](#%s)" % abbrev.replace(".", "")
        w("| `%s` | %s | %s | %s |" % (abbrev, t, md(name), md(blurb)))
    w("")
    w("## Values")
    w("")
    # Fields with the same value list share one table (the four states).
    done = set()
    for abbrev, _, _, _ in plain:
        if abbrev not in values or abbrev in done:
            continue
        same = [a for a, _, _, _ in plain if a in values and a not in done and values[a] == values[abbrev]]
        done.update(same)
        for a in same:
            w('<a id="%s"></a>' % a.replace(".", ""))
        w("### %s" % ", ".join("`%s`" % a for a in same))
        w("")
        w("| Number | Name |")
        w("|---:|---|")
        for num, name in values[abbrev]:
            w("| %d | `%s` |" % (num, md(name)))
        w("")
    w("## Expert infos")
    w("")
    w("Each has the display-filter name in the first column (`tcpedu.rst_abort` finds")
    w("the frames that carry it) and appears in `tshark -z expert` and in Wireshark's")
    w("Analyze > Expert Information. The `tcpedu.anomaly` field carries the same names")
    w("(without the `tcpedu.` prefix) as values. Severity and group as registered;")
    w("the summary is the English text (the tree shows it in the chosen language).")
    w("")
    w("| Expert info | Severity | Group | Summary |")
    w("|---|---|---|---|")
    for name, sev, grp in experts:
        w("| `%s` | %s | %s | %s |" % (name, sev, grp, md(by_abbrev[name][1])))
    w("")
    return "\n".join(out)


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode not in ("", "--write", "--check") or len(argv) > 2:
        sys.exit(__doc__)
    text = generate()
    if mode == "--write":
        os.makedirs(os.path.dirname(DOC), exist_ok=True)
        with open(DOC, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote %s" % DOC)
    elif mode == "--check":
        try:
            with open(DOC, encoding="utf-8") as f:
                old = f.read()
        except OSError:
            old = None
        if old != text:
            sys.exit("docs/FIELDS.md is out of date: run python3 scripts/gen-fields-doc.py --write")
        print("docs/FIELDS.md is up to date")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv)
