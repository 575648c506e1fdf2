"""The ladder (-z tcpedu,ladder, ladder-full) and the HTML lab report
(-z tcpedu,report-html) on the project's captures.

Most checks derive what the picture must say from tcpedu's own fields of
the same frames (-T fields): the arrows, their labels and classes, the
states written on each line and their order, the folded band, the step
tables of the HTML page.  So they follow the observer when its state rules
change.  A few exact outputs are kept in tests/e2e/golden/; after an
intended change of the observer or of the drawing, regenerate them with

    TCPEDU_REGEN=1 ctest --test-dir build -R e2e.test_ladder

and review the diff.
"""
import html.parser
import os
import shutil
import subprocess
import unittest
import xml.etree.ElementTree as ET

import tcpedu_e2e as e2e
from tcpedu_e2e import HANDMADE, REAL, SOURCE_DIR, tshark

SVG = "{http://www.w3.org/2000/svg}"

# (capture, filter): the default selection where the capture has a complete
# connection, a filter where it has none (refused) or several.
CASES = [
    (os.path.join(REAL, "four-segment-close.pcapng"), None),
    (os.path.join(REAL, "three-segment-close.pcapng"), None),
    (os.path.join(REAL, "simultaneous-close.pcapng"), None),
    (os.path.join(REAL, "server-close-three-segment.pcapng"), None),
    (os.path.join(REAL, "half-close.pcapng"), None),
    (os.path.join(REAL, "simultaneous-open.pcapng"), "tcpedu.conn==1"),
    (os.path.join(REAL, "refused.pcapng"), "tcpedu.conn==1"),
    (os.path.join(REAL, "rst-unread.pcapng"), "tcpedu.conn==1"),
    (os.path.join(HANDMADE, "syn-retransmitted.pcap"), None),
    (os.path.join(HANDMADE, "fin-retransmitted.pcap"), "tcpedu.conn==1"),
    (os.path.join(HANDMADE, "rst-abort-client.pcap"), None),
    (os.path.join(HANDMADE, "ipv6.pcap"), "tcpedu.conn==1"),
]

FIELDS = ["tcpedu.conn", "tcpedu.phase", "tcpedu.step", "tcpedu.retransmission", "tcp.flags",
          "tcp.len", "tcp.seq_raw", "tcp.ack_raw", "tcp.hdr_len", "tcp.window_size_value",
          "tcpedu.seq.relative", "tcpedu.ack.relative", "tcpedu.seq.raw", "tcpedu.ack.raw",
          "tcpedu.ack.expected", "tcpedu.direction",
          "tcpedu.sender.state.before", "tcpedu.sender.state.after",
          "tcpedu.receiver.state.before", "tcpedu.receiver.state.after",
          "tcpedu.sender.state.inferred", "tcpedu.receiver.state.inferred"]

FLAG_NAMES = [(0x001, "FIN"), (0x002, "SYN"), (0x004, "RST"), (0x008, "PSH"), (0x010, "ACK"),
              (0x020, "URG"), (0x040, "ECE"), (0x080, "CWR"), (0x100, "AE")]


def flag_names(hexval):
    f = int(hexval, 16)
    return ", ".join(n for b, n in FLAG_NAMES if f & b) or "<none>"


_RUNS = {}


def run_z(capture, z, extra=(), check=True, fresh=False):
    """(rc, stdout, stderr) of tshark -q -z @z; remembered unless @fresh."""
    key = (capture, z, tuple(extra))
    if fresh or key not in _RUNS:
        _RUNS[key] = tshark().run(["-r", tshark().capture(capture), "-q", "-z", z] + list(extra),
                                  check=check)
    return _RUNS[key]


def z_arg(kind, flt):
    return "tcpedu,%s%s" % (kind, "," + flt if flt else "")


_FIELDS = {}


def frames_of(capture, conn):
    """Field rows (first occurrence) of connection @conn, in frame order."""
    if capture not in _FIELDS:
        _FIELDS[capture] = tshark().fields(capture, FIELDS, two_pass=True, extra=["-E", "occurrence=f"])
    return [r for r in _FIELDS[capture] if r["tcpedu.conn"] == str(conn)]


def svg_root(text):
    return ET.fromstring(text)


def texts(g, cls):
    return ["".join(t.itertext()) for t in g.iter(SVG + "text") if cls in t.get("class", "").split()]


def foldable(r):
    """tcpedu-ladder.c's rule, restated from the fields: no step, not in
    the handshake or a reset, no SYN/FIN/RST, no state change."""
    flags = int(r["tcp.flags"], 16)
    return (not r["tcpedu.step"] and r["tcpedu.phase"] not in ("handshake", "reset")
            and not flags & 0x007
            and r["tcpedu.sender.state.before"] == r["tcpedu.sender.state.after"]
            and r["tcpedu.receiver.state.before"] == r["tcpedu.receiver.state.after"])


def seq_end(r):
    flags = int(r["tcp.flags"], 16)
    return (int(r["tcp.seq_raw"]) + int(r["tcp.len"]) + (1 if flags & 2 else 0)
            + (1 if flags & 1 else 0)) & 0xffffffff


def crossed(a, b):
    """b (the next arrow) left before a arrived: it is from the other side
    and does not acknowledge a's sequence space."""
    fa, fb = int(a["tcp.flags"], 16), int(b["tcp.flags"], 16)
    if a["tcpedu.direction"] == b["tcpedu.direction"] or seq_end(a) == int(a["tcp.seq_raw"]):
        return False
    if fa & 4 or fb & 4:
        return False
    if not fb & 0x10:
        return True
    d = (int(b["tcp.ack_raw"]) - seq_end(a)) & 0xffffffff
    return d >= 0x80000000


def expected_states(rows):
    """The state labels the ladder must write, in document order:
    (side, state, frame), restated from the fields: per side, the state
    before an event when it differs from what its line shows, and the state
    after whenever it changes; an arrow that crosses the next one arrives
    after that one leaves."""
    events = []  # (order key, side, before, after, frame)
    pos = 0.0
    for i, r in enumerate(rows):
        snd = "client" if r["tcpedu.direction"] == "client-to-server" else "server"
        rcv = "server" if snd == "client" else "client"
        events.append((pos, snd, r["tcpedu.sender.state.before"], r["tcpedu.sender.state.after"],
                       r["frame"]))
        arrive = pos + 0.5
        if i + 1 < len(rows) and crossed(r, rows[i + 1]):
            arrive = pos + 1.5
        events.append((arrive, rcv, r["tcpedu.receiver.state.before"],
                       r["tcpedu.receiver.state.after"], r["frame"]))
        pos += 1
    events.sort(key=lambda e: (e[0], int(e[4])))
    shown, out = {}, []
    for _, side, before, after, frame in events:
        if shown.get(side) != before:
            out.append((side, before, frame))
            shown[side] = before
        if after != before:
            out.append((side, after, frame))
            shown[side] = after
    return out


class LadderSvg(unittest.TestCase):
    maxDiff = None

    def ladder(self, capture, flt, kind="ladder", extra=(), fresh=False):
        _, out, err = run_z(capture, z_arg(kind, flt), extra, fresh=fresh)
        return out, err

    def test_valid_xml_and_nothing_else_on_stdout(self):
        for cap, flt in CASES:
            for kind in ("ladder", "ladder-full"):
                out, _ = self.ladder(cap, flt, kind)
                self.assertTrue(out.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\""), cap)
                self.assertTrue(out.endswith("</svg>\n"), cap)
                self.assertEqual(out.count("<svg"), 1, cap)
                p = subprocess.run(["xmllint", "--noout", "-"], input=out.encode(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                self.assertEqual(p.returncode, 0, "%s %s: %s" % (cap, kind, p.stderr.decode()))
                svg_root(out)

    def test_deterministic_and_same_with_two_passes(self):
        for cap, flt in CASES:
            a, _ = self.ladder(cap, flt)
            b, _ = self.ladder(cap, flt, fresh=True)
            c, _ = self.ladder(cap, flt, extra=["-2"])
            self.assertEqual(a, b, cap)
            self.assertEqual(a, c, cap + " (-2)")

    def drawn(self, cap, flt, kind):
        out, _ = self.ladder(cap, flt, kind)
        root = svg_root(out)
        conns = [g for g in root.iter(SVG + "g") if g.get("class") == "conn"]
        self.assertEqual(len(conns), 1, cap)
        conn = int(conns[0].get("data-conn"))
        rows = frames_of(cap, conn)
        return conns[0], rows

    def test_arrows_match_the_fields(self):
        for cap, flt in CASES:
            for kind in ("ladder", "ladder-full"):
                g, rows = self.drawn(cap, flt, kind)
                segs = [s for s in g.iter(SVG + "g") if "seg" in s.get("class", "").split()]
                want = [r for r in rows if kind == "ladder-full" or not foldable(r)]
                self.assertEqual([s.get("data-frame") for s in segs], [r["frame"] for r in want],
                                 "%s %s: arrows" % (cap, kind))
                for s, r in zip(segs, want):
                    where = "%s frame %s" % (os.path.basename(cap), r["frame"])
                    flags = flag_names(r["tcp.flags"])
                    cls = s.get("class").split()
                    self.assertEqual(s.get("data-flags"), flags, where)
                    self.assertEqual(s.get("data-dir"), r["tcpedu.direction"], where)
                    self.assertEqual(s.get("data-phase"), r["tcpedu.phase"], where)
                    self.assertEqual(s.get("data-step"), r["tcpedu.step"] or "0", where)
                    self.assertEqual("rst" in cls, bool(int(r["tcp.flags"], 16) & 4), where)
                    self.assertEqual("retrans" in cls, r["tcpedu.retransmission"] == "1", where)
                    line = next(s.iter(SVG + "line"))
                    self.assertEqual("retrans" in line.get("class").split(),
                                     r["tcpedu.retransmission"] == "1", where)
                    label = "[%s] seq=%s" % (flags, r["tcpedu.seq.relative"])
                    if int(r["tcp.flags"], 16) & 0x10:
                        label += (" ack=%s" % r["tcpedu.ack.relative"] if r["tcpedu.ack.relative"]
                                  else " ack=%s (raw)" % r["tcpedu.ack.raw"])
                    if r["tcp.len"] != "0":
                        label += " len=%s" % r["tcp.len"]
                    self.assertEqual(texts(s, "label"), [label], where)
                    sub = texts(s, "sub")[0]
                    self.assertIn("raw seq=%s" % r["tcpedu.seq.raw"], sub, where)
                    if r["tcpedu.ack.raw"]:
                        self.assertIn("ack=%s" % r["tcpedu.ack.raw"], sub, where)
                    # client on the left, server on the right
                    x1, x2 = int(line.get("x1")), int(line.get("x2"))
                    self.assertEqual(x1 < x2, r["tcpedu.direction"] == "client-to-server", where)

    def test_states_match_the_fields(self):
        for cap, flt in CASES:
            for kind in ("ladder", "ladder-full"):
                g, rows = self.drawn(cap, flt, kind)
                want = [r for r in rows if kind == "ladder-full" or not foldable(r)]
                got = [(t.get("data-side"), t.get("data-state"), t.get("data-frame"))
                       for t in g.iter(SVG + "text") if "state" in t.get("class", "").split()]
                self.assertEqual(got, expected_states(want), "%s %s" % (cap, kind))
                # the visible text is the state's name (marked when inferred)
                for t in g.iter(SVG + "text"):
                    if "state" in t.get("class", "").split():
                        name = "".join(t.itertext())
                        if "inferred" in t.get("class").split():
                            self.assertEqual(name, t.get("data-state") + " (inferred)")
                        else:
                            self.assertEqual(name, t.get("data-state"))
                # client labels left of the client line, server labels right of the server line
                for t in g.iter(SVG + "text"):
                    if "state" in t.get("class", "").split():
                        self.assertEqual(t.get("text-anchor"),
                                         "end" if t.get("data-side") == "client" else "start")

    def test_an_inferred_state_is_marked(self):
        # mid-stream: the start is missing, both sides start from an inferred ESTABLISHED
        cap = os.path.join(HANDMADE, "midstream.pcap")
        out, _ = self.ladder(cap, "tcpedu.conn==1", "ladder-full")
        rows = frames_of(cap, 1)
        marked = [t for t in svg_root(out).iter(SVG + "text") if "inferred" in t.get("class", "").split()]
        self.assertTrue(any(r["tcpedu.sender.state.inferred"] == "1" for r in rows))
        self.assertTrue(marked)
        for t in marked:
            fr = [r for r in rows if r["frame"] == t.get("data-frame")][0]
            side = "client" if fr["tcpedu.direction"] == "client-to-server" else "server"
            key = "sender" if t.get("data-side") == side else "receiver"
            self.assertEqual(fr["tcpedu.%s.state.inferred" % key], "1", t.get("data-frame"))

    def test_crossing_only_where_the_numbers_prove_it(self):
        for cap, flt in CASES:
            g, rows = self.drawn(cap, flt, "ladder-full")
            lines = {s.get("data-frame"): next(s.iter(SVG + "line"))
                     for s in g.iter(SVG + "g") if "seg" in s.get("class", "").split()}
            for a, b in zip(rows, rows[1:]):
                la, lb = lines[a["frame"]], lines[b["frame"]]
                self.assertEqual(int(la.get("y2")) > int(lb.get("y1")), crossed(a, b),
                                 "%s frames %s, %s" % (cap, a["frame"], b["frame"]))
        # and the simultaneous close does cross
        g, rows = self.drawn(os.path.join(REAL, "simultaneous-close.pcapng"), None, "ladder")
        fins = [r for r in rows if int(r["tcp.flags"], 16) & 1]
        self.assertTrue(crossed(fins[0], fins[1]))

    def test_data_folded_into_one_band(self):
        cap = os.path.join(REAL, "three-segment-close.pcapng")
        g, rows = self.drawn(cap, None, "ladder")
        bands = [b for b in g.iter(SVG + "g") if b.get("class") == "band"]
        folded = [r for r in rows if foldable(r)]
        self.assertEqual(len(bands), 1)
        nbytes = sum(int(r["tcp.len"]) for r in folded)
        self.assertEqual(bands[0].get("data-segments"), str(len(folded)))
        self.assertEqual(bands[0].get("data-bytes"), str(nbytes))
        self.assertEqual(texts(bands[0], "bandtext"), ["%d data-phase segments, %s bytes" %
                                                        (len(folded), format(nbytes, ","))])
        self.assertEqual(texts(bands[0], "sub"), ["frames %s–%s" % (folded[0]["frame"], folded[-1]["frame"])])
        g, _ = self.drawn(cap, None, "ladder-full")
        self.assertEqual([b for b in g.iter(SVG + "g") if b.get("class") == "band"], [])

    def test_brackets_name_the_phases(self):
        names = {}
        for cap, flt in CASES:
            g, _ = self.drawn(cap, flt, "ladder")
            names[os.path.basename(cap)] = [texts(b, "")[0] if False else "".join(b.itertext()).strip()
                                            for b in g.iter(SVG + "g")
                                            if "bracket" in b.get("class", "").split()]
        self.assertEqual(names["four-segment-close.pcapng"], ["Handshake", "Teardown: four segments"])
        self.assertEqual(names["three-segment-close.pcapng"], ["Handshake", "Teardown: three segments"])
        self.assertEqual(names["simultaneous-close.pcapng"], ["Handshake", "Teardown: simultaneous close"])
        self.assertEqual(names["refused.pcapng"], ["Handshake", "Reset"])

    def test_addresses_on_the_lines(self):
        cap = os.path.join(REAL, "four-segment-close.pcapng")
        g, rows = self.drawn(cap, None, "ladder")
        client = tshark().fields(cap, ["tcpedu.conn.client", "tcpedu.conn.server"],
                                 extra=["-E", "occurrence=f"])[0]
        self.assertEqual(texts(g, "addr"), [client["tcpedu.conn.client"], client["tcpedu.conn.server"]])
        self.assertEqual(texts(g, "who"), ["client", "server"])

    def test_chinese(self):
        cap = os.path.join(REAL, "three-segment-close.pcapng")
        out, _ = self.ladder(cap, None, extra=["-o", "tcpedu.language:chinese"])
        root = svg_root(out)
        self.assertEqual(root.get("lang"), "zh-Hans")
        self.assertIn("'Noto Sans CJK SC'", out)
        self.assertEqual(texts(root, "title"), ["TCP 连接 1 (tcp.stream 0)"])
        self.assertEqual(texts(root, "who"), ["客户端", "服务器"])
        brackets = ["".join(b.itertext()).strip() for b in root.iter(SVG + "g")
                    if "bracket" in b.get("class", "").split()]
        self.assertEqual(brackets, ["握手", "挥手：三个报文段"])
        band = [b for b in root.iter(SVG + "g") if b.get("class") == "band"][0]
        self.assertEqual(texts(band, "bandtext"), ["4 个数据阶段报文段，33 字节"])

    def test_no_complete_connection(self):
        cap = os.path.join(REAL, "refused.pcapng")
        rc, out, err = run_z(cap, "tcpedu,ladder")
        msg = ("No complete connection (handshake and close) in the capture. "
               "Choose one with -z tcpedu,ladder,tcpedu.conn==N")
        self.assertEqual(rc, 0)
        self.assertEqual(texts(svg_root(out), "message"), [msg])
        self.assertIn("tcpedu: " + msg, err)
        rc, out, err = run_z(cap, "tcpedu,ladder,tcpedu.conn==99")
        msg = "No connection with a handshake, teardown or reset matches the filter."
        self.assertEqual(texts(svg_root(out), "message"), [msg])
        self.assertIn("tcpedu: " + msg, err)

    def test_filter_selects_several_connections(self):
        cap = os.path.join(REAL, "port-reuse.pcapng")
        out, _ = self.ladder(cap, "tcp")
        conns = [g.get("data-conn") for g in svg_root(out).iter(SVG + "g") if g.get("class") == "conn"]
        fields = tshark().fields(cap, ["tcpedu.conn"], extra=["-E", "occurrence=f"])
        self.assertEqual(conns, sorted({r["tcpedu.conn"] for r in fields}, key=int))
        self.assertGreater(len(conns), 1)


class _Page(html.parser.HTMLParser):
    """Tables of the report page: [{'class', 'frame', 'caption', 'rows': {key: (th, td, why)}}]."""

    def __init__(self):
        super().__init__()
        self.tables, self.tags, self.svgs = [], [], 0
        self.cur = None
        self.cell = None
        self.row = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "svg":
            self.svgs += 1
        if tag == "table":
            self.cur = {"class": a.get("class", ""), "frame": a.get("data-frame"), "caption": "",
                        "rows": {}}
            self.tables.append(self.cur)
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr" and self.cur is not None:
            self.row = [a.get("data-key"), []]
        elif tag in ("th", "td") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.cell is not None:
            self.row[1].append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            key = self.row[0]
            if key in self.cur["rows"]:
                key = "%s#%d" % (key, len(self.cur["rows"]))
            self.cur["rows"][key] = tuple(self.row[1])
            self.row = None
        elif tag == "table":
            self.cur = None

    def handle_data(self, data):
        if self.in_caption and self.cur is not None:
            self.cur["caption"] += data
        elif self.cell is not None:
            self.cell.append(data)


def parse_page(text):
    p = _Page()
    p.feed(text)
    return p


class ReportHtml(unittest.TestCase):
    maxDiff = None

    def page(self, cap, flt, extra=()):
        return run_z(cap, z_arg("report-html", flt), extra)[1]

    def test_self_contained(self):
        for cap, flt in CASES:
            out = self.page(cap, flt)
            self.assertTrue(out.startswith("<!DOCTYPE html>\n<html lang=\"en\">"), cap)
            self.assertTrue(out.endswith("</html>\n"), cap)
            p = parse_page(out)
            for tag, attrs in p.tags:
                self.assertNotIn(tag, ("script", "link", "img", "iframe", "object"), cap)
                self.assertNotIn("src", attrs, cap)
                self.assertNotIn("href", attrs, cap)
            self.assertNotIn("url(http", out)
            self.assertNotIn("@import", out)
            self.assertEqual(p.svgs, 1, cap)
            # the inline ladder is the same drawing as -z tcpedu,ladder
            svg = out[out.index("<svg"):out.index("</svg>") + 7]
            ladder = run_z(cap, z_arg("ladder", flt))[1]
            self.assertEqual(svg, ladder, cap)
            self.assertEqual(out, self.page(cap, flt, ["-2"]), cap + " (-2)")

    def test_step_tables_match_the_fields(self):
        for cap, flt in CASES:
            out = self.page(cap, flt)
            p = parse_page(out)
            conn = int(out.split('data-conn="', 1)[1].split('"', 1)[0])
            rows = frames_of(cap, conn)
            steps = [t for t in p.tables if t["class"].split()[:1] == ["step"]]
            want = [r for r in rows if r["tcpedu.phase"] in ("handshake", "teardown", "reset")]
            self.assertEqual([t["frame"] for t in steps], [r["frame"] for r in want], cap)
            client = "client-to-server"
            for t, r in zip(steps, want):
                where = "%s frame %s" % (os.path.basename(cap), r["frame"])
                v = {k: cells[1] for k, cells in t["rows"].items()}
                flags = int(r["tcp.flags"], 16)
                self.assertEqual(v["frame"], r["frame"], where)
                self.assertEqual(v["direction"], "client → server" if r["tcpedu.direction"] == client
                                 else "server → client", where)
                self.assertEqual(v["flags"], flag_names(r["tcp.flags"]), where)
                self.assertEqual(v["seq_raw"], r["tcp.seq_raw"], where)
                self.assertEqual(v["seq_rel"], r["tcpedu.seq.relative"], where)
                self.assertEqual(v["ack_raw"], r["tcp.ack_raw"] if flags & 0x10 else "not set (ACK=0)",
                                 where)
                self.assertEqual(v["ack_rel"], r["tcpedu.ack.relative"] or "—", where)
                if r["tcpedu.ack.expected"]:
                    self.assertTrue(v["ack_expected"].startswith(r["tcpedu.ack.expected"] + " ("), where)
                else:
                    self.assertEqual(v["ack_expected"], "—", where)
                self.assertEqual(v["hdr_len"], "%s bytes (%d 32-bit words)" %
                                 (r["tcp.hdr_len"], int(r["tcp.hdr_len"]) // 4), where)
                self.assertTrue(v["window"].split(" ")[0] == r["tcp.window_size_value"], where)
                snd, rcv = ("client", "server") if r["tcpedu.direction"] == client else ("server", "client")
                for who, key, name in (("sender", "sender_state", snd), ("receiver", "receiver_state", rcv)):
                    b, a = r["tcpedu.%s.state.before" % who], r["tcpedu.%s.state.after" % who]
                    got = v[key].replace(" (inferred)", "")
                    self.assertEqual(got, "%s: %s → %s" % (name, b, a), where)
                    self.assertEqual(" (inferred)" in v[key], r["tcpedu.%s.state.inferred" % who] == "1",
                                     where)
                # every step explains what happens and its acknowledgment number
                self.assertTrue(t["rows"]["rule"][2], where)
                self.assertTrue(t["rows"]["ack_raw"][2], where)
                self.assertTrue(t["rows"]["hdr_len"][2], where)

    def test_summary(self):
        cap = os.path.join(REAL, "four-segment-close.pcapng")
        p = parse_page(self.page(cap, None))
        s = [t for t in p.tables if t["class"] == "summary"][0]["rows"]
        rows = tshark().fields(cap, ["tcpedu.conn.client", "tcpedu.conn.server", "tcpedu.conn.isn.client",
                                     "tcpedu.conn.isn.server", "tcpedu.conn.outcome", "tcpedu.conn.teardown",
                                     "tcpedu.handshake.frame", "tcpedu.teardown.frame"],
                               two_pass=True, extra=["-E", "occurrence=a"])
        # the last frame's values (the server's ISN is known from the SYN-ACK on)
        f = rows[-1]
        self.assertEqual(s["client"][1], f["tcpedu.conn.client"])
        self.assertEqual(s["server"][1], f["tcpedu.conn.server"])
        self.assertEqual(s["isn"][1], "client %s, server %s" % (f["tcpedu.conn.isn.client"],
                                                                f["tcpedu.conn.isn.server"]))
        self.assertEqual(s["outcome"][1], f["tcpedu.conn.outcome"])
        self.assertEqual(s["teardown"][1], f["tcpedu.conn.teardown"])
        self.assertEqual(s["handshake_frames"][1], f["tcpedu.handshake.frame"].replace(",", ", "))
        self.assertEqual(s["teardown_frames"][1], f["tcpedu.teardown.frame"].replace(",", ", "))

    def test_anomalies_listed(self):
        cap = os.path.join(HANDMADE, "syn-retransmitted.pcap")
        out = self.page(cap, None)
        names = [a["data-anomaly"] for t, a in parse_page(out).tags if t == "li" and "data-anomaly" in a]
        f = tshark().fields(cap, ["tcpedu.anomaly"])
        want = set()
        for r in f:
            want |= set(x for x in r["tcpedu.anomaly"].split(",") if x)
        self.assertEqual(set(names), want)
        self.assertIn("3whs_syn_retransmitted", names)

    def test_chinese(self):
        cap = os.path.join(REAL, "three-segment-close.pcapng")
        out = self.page(cap, None, ["-o", "tcpedu.language:chinese"])
        self.assertTrue(out.startswith("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"))
        p = parse_page(out)
        steps = [t for t in p.tables if t["class"].split()[:1] == ["step"]]
        self.assertEqual(steps[0]["caption"], "握手 1/3 — 帧 1")
        self.assertEqual(steps[0]["rows"]["direction"][1], "客户端 → 服务器")


class Golden(unittest.TestCase):
    """A few exact outputs (see the module doc to regenerate them)."""

    maxDiff = None
    CASES = [
        ("ladder-four-segment-close.svg", os.path.join(REAL, "four-segment-close.pcapng"), "tcpedu,ladder", ()),
        ("ladder-simultaneous-close.svg", os.path.join(REAL, "simultaneous-close.pcapng"), "tcpedu,ladder", ()),
        ("ladder-refused.svg", os.path.join(REAL, "refused.pcapng"), "tcpedu,ladder,tcpedu.conn==1", ()),
        ("ladder-syn-retransmitted-full.svg", os.path.join(HANDMADE, "syn-retransmitted.pcap"),
         "tcpedu,ladder-full", ()),
        ("ladder-three-segment-close-zh.svg", os.path.join(REAL, "three-segment-close.pcapng"),
         "tcpedu,ladder", ("-o", "tcpedu.language:chinese")),
        ("report-four-segment-close.html", os.path.join(REAL, "four-segment-close.pcapng"),
         "tcpedu,report-html", ()),
    ]

    def test_golden(self):
        for name, cap, z, extra in self.CASES:
            e2e.check_golden(self, name, run_z(cap, z, extra)[1])


if __name__ == "__main__":
    if not shutil.which("xmllint"):
        raise SystemExit("xmllint not found: run scripts/deps.sh (package libxml2-utils)")
    unittest.main()
