"""Agreement of tcpedu's Zeek-compatible conn_state with Zeek's own conn.log.

Runs `tshark -q -z tcpedu,conns-tsv` over every capture of
../shared/captures/zeek that has a <name>.conn.log beside it, aligns the
rows with Zeek's by addresses and ports, and compares conn_state with the
table checked in at docs/ZEEK-AGREEMENT.md.  Each row of that table says
`agree` or gives the reason Zeek's view differs; the test fails when a row
disagrees without a reason, or when the table is stale.

  python3 test_zeek_agreement.py           run as a test (ctest does this)
  python3 test_zeek_agreement.py --table   rewrite the table in the doc,
                                           keeping the reasons already written
"""
import ipaddress
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tcpedu_e2e import SHARED, SOURCE_DIR, tshark  # noqa: E402

ZEEK_DIR = os.path.join(SHARED, "zeek")
DOC = os.path.join(SOURCE_DIR, "docs", "ZEEK-AGREEMENT.md")
BEGIN = "<!-- BEGIN AGREEMENT TABLE (generated: python3 tests/e2e/test_zeek_agreement.py --table) -->"
END = "<!-- END AGREEMENT TABLE -->"
HEADER = ("| capture | Zeek orig -> resp | # | Zeek conn_state | Zeek history | tcpedu conn | "
          "tcpedu outcome | tcpedu conn_state | tcpedu history | verdict |")
UNSET = "-"
NEEDS_REASON = "DISAGREE (reason needed)"


def endpoint(text):
    """'1.2.3.4:80' or '[v6]:80' -> (normalised address, port)."""
    m = re.match(r"^\[(.*)\]:(\d+)$", text) or re.match(r"^(.*):(\d+)$", text)
    return str(ipaddress.ip_address(m.group(1))), int(m.group(2))


def read_conn_log(path):
    """Zeek's TCP rows: dicts with the columns the log has."""
    fields, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#fields\t"):
                fields = line.split("\t")[1:]
                continue
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if fields is None:          # zeek-cut output: the first line names the columns
                fields = cols
                continue
            row = dict(zip(fields, cols))
            if row.get("proto", "tcp") == "tcp":
                rows.append(row)
    return rows


def capture_of(log):
    base = log[:-len(".conn.log")]
    for ext in (".pcap", ".pcapng"):
        if os.path.exists(base + ext):
            return base + ext
    return None


def extra_args(capture):
    """tshark options MANIFEST.tsv gives for a capture (e.g. Teredo's heuristic)."""
    rel = os.path.relpath(capture, SHARED)
    with open(os.path.join(SHARED, "MANIFEST.tsv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols[0] == rel:
                m = re.search(r"tshark opts for count: (.*)$", cols[-1])
                if m:
                    return m.group(1).split()
    return []


def tcpedu_rows(capture, two_pass=False):
    args = ["-r", tshark().capture(capture), "-q", "-z", "tcpedu,conns-tsv"] + extra_args(capture)
    if two_pass:
        args.append("-2")
    _, out, _ = tshark().run(args)
    lines = out.splitlines()
    head = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        r = dict(zip(head, line.split("\t")))
        # Zeek would have logged one row per entry when it splits a connection
        for st, hist in zip(r["zeek_conn_state"].split(","), r["zeek_history"].split(",")):
            rows.append(dict(r, zeek_conn_state=st, zeek_history=hist))
    return rows


def agreement_rows():
    """[(key, cells)] for every Zeek row and every unmatched tcpedu row."""
    out = []
    logs = []
    for root, _, files in os.walk(ZEEK_DIR):
        logs += [os.path.join(root, f) for f in files if f.endswith(".conn.log")]
    for log in sorted(logs):
        cap = capture_of(log)
        if not cap:
            continue    # an alternative baseline (e.g. VLAN-aware Zeek) without its own capture
        name = os.path.relpath(cap, ZEEK_DIR)
        zrows = read_conn_log(log)
        trows = tcpedu_rows(cap)
        groups = {}
        for t in trows:
            key = frozenset([endpoint(t["client"]), endpoint(t["server"])])
            groups.setdefault(key, []).append(t)
        used = set()
        seen = {}
        for z in zrows:
            if "id.orig_h" in z:
                o = (str(ipaddress.ip_address(z["id.orig_h"])), int(z["id.orig_p"]))
                r = (str(ipaddress.ip_address(z["id.resp_h"])), int(z["id.resp_p"]))
                key = frozenset([o, r])
                conn = "%s:%d -> %s:%d" % (o[0], o[1], r[0], r[1])
            else:
                key, conn = None, "(log has no addresses)"
            n = seen.get(conn, 0)
            seen[conn] = n + 1
            cand = groups.get(key, []) if key else ([t for t in trows if id(t) not in used])
            t = None
            for c in cand:
                if id(c) not in used:
                    t = c
                    used.add(id(c))
                    break
            cells = [name, conn, str(n + 1), z.get("conn_state", UNSET), z.get("history", UNSET) or UNSET]
            if t:
                cells += [t["conn"], t["outcome"], t["zeek_conn_state"], t["zeek_history"]]
            else:
                cells += [UNSET, UNSET, UNSET, UNSET]
            out.append(cells)
        for t in trows:
            if id(t) not in used:
                c, s = endpoint(t["client"]), endpoint(t["server"])
                conn = "%s:%d -> %s:%d" % (c[0], c[1], s[0], s[1])
                out.append([name, conn, "tcpedu only", UNSET, UNSET, t["conn"], t["outcome"],
                            t["zeek_conn_state"], t["zeek_history"]])
    return out


def agrees(cells):
    return cells[3] != UNSET and cells[3] == cells[7]


def read_doc_table():
    """{row key: verdict} and the list of row cells (without verdict) from the doc."""
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    body = text.split(BEGIN, 1)[1].split(END, 1)[0]
    rows = []
    for line in body.strip().splitlines()[2:]:
        cells = [c.strip().replace("\\|", "|") for c in line.strip().strip("|").split(" | ")]
        rows.append(cells)
    return text, rows


def key_of(cells):
    return tuple(cells[:3])


def render(rows, verdicts):
    lines = [HEADER, "|" + "---|" * (len(HEADER.split("|")) - 2)]
    for cells in rows:
        v = "agree" if agrees(cells) else verdicts.get(key_of(cells), NEEDS_REASON)
        if agrees(cells):
            v = "agree"
        elif v == "agree":
            v = NEEDS_REASON
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells + [v]) + " |")
    return "\n".join(lines)


def write_table():
    text, old = read_doc_table()
    verdicts = {key_of(c): c[-1] for c in old}
    table = render(agreement_rows(), verdicts)
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + table + "\n" + END + tail)


@unittest.skipUnless(os.path.isdir(ZEEK_DIR), "../shared/captures/zeek not present")
class ZeekAgreement(unittest.TestCase):
    maxDiff = None

    def test_table_is_current_and_every_row_explained(self):
        _, doc_rows = read_doc_table()
        rows = agreement_rows()
        self.assertEqual([c[:-1] for c in doc_rows], rows,
                         "docs/ZEEK-AGREEMENT.md is stale: run test_zeek_agreement.py --table")
        for c in doc_rows:
            if agrees(c[:-1]):
                self.assertEqual(c[-1], "agree", c)
            else:
                self.assertNotIn(c[-1], ("agree", NEEDS_REASON, ""), "no reason given: %s" % c)

    def test_two_pass_gives_the_same_rows(self):
        for cap in ("http/get.pcap", "pop3/pop3.pcap", "ssh/ssh.pcap", "tunnels/Teredo.pcap"):
            path = os.path.join(ZEEK_DIR, cap)
            self.assertEqual(tcpedu_rows(path), tcpedu_rows(path, two_pass=True), cap)


if __name__ == "__main__":
    if "--table" in sys.argv:
        write_table()
        sys.exit(0)
    if "--print" in sys.argv:
        for r in agreement_rows():
            print("\t".join(r + ["ok" if agrees(r) else "DIFF"]))
        sys.exit(0)
    unittest.main()
