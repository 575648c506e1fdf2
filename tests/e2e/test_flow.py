"""The Flow Graph's "TCP lifecycle (tcpedu)" as tshark prints it:
tshark -q -z flow,tcpedu,standard (and ,network) on the project's captures.

Three kinds of check:
  - exact output against tests/e2e/golden/flow-*.txt (single pass);
  - every arrow against the tcpedu fields of the same frame (-T fields,
    single pass and -2): time, direction and ports, the label (as far as
    the text dump shows it: 20 characters) and the comment (both ends'
    states), so a golden cannot silently be wrong;
  - the lines tcpedu does not write (node header, arrows with ports, the
    time and Conv. columns) against Wireshark's own TCP flow of the same
    capture (-z flow,tcp,standard).

Only captures with two distinct addresses are used: with a single node
(loopback captures: 127.0.0.1 on both ends) Wireshark's text dump itself
writes outside its line and GLib prints CRITICALs, for its own "tcp" flow
as for this one (seen on 4.0.17).

Wireshark versions whose sequence-analysis structures tcpedu has not
checked (src/plugin/tcpedu_seqan_compat.h) do not get the flow type; there
the test exits with code 77 (ctest: skipped) and says why.  On 4.0, 4.4
and 4.6 the flow type must be there.

After an intended change, regenerate the goldens with

    TCPEDU_REGEN=1 ctest --test-dir build -R e2e.test_flow

and review the diff.
"""
import os
import re
import sys
import unittest

import tcpedu_e2e as e2e
from tcpedu_e2e import HANDMADE, SOURCE_DIR, WS, tshark


# The versions whose layouts were checked (tcpedu_seqan_compat.h).
CHECKED = {(4, 0), (4, 4), (4, 6)}

# (golden name, capture, extra tshark arguments, tap filter)
CASES = [
    ("four-segment-close", "syn-options.pcap", [], None),
    ("three-segment-close-ipv6", "ipv6.pcap", [], None),
    ("three-segment-close-gre", "tunnel-gre.pcap", [], None),
    ("simultaneous-close", "simultaneous-close.pcap", [], None),
    ("rst", "rst-abort-client.pcap", [], None),
    ("midstream", "midstream.pcap", [], None),
    ("port-reuse", "port-reuse.pcap", [], None),
    ("port-reuse-conn2", "port-reuse.pcap", [], "tcpedu.conn==2"),
    ("four-segment-close-zh", "syn-options.pcap", ["-o", "tcpedu.language:chinese"], None),
    ("simultaneous-close-both", "simultaneous-close.pcap", ["-o", "tcpedu.language:both"], None),
]

FIELDS = ["frame.time_relative", "ip.src", "ipv6.src", "tcp.srcport", "tcp.dstport",
          "tcp.stream", "tcp.flags", "tcp.len", "tcp.ack_raw",
          "tcpedu.phase", "tcpedu.label", "tcpedu.seq.relative", "tcpedu.ack.relative",
          "tcpedu.direction",
          "tcpedu.sender.state.before", "tcpedu.sender.state.after",
          "tcpedu.receiver.state.before", "tcpedu.receiver.state.after",
          "tcpedu.sender.state.inferred", "tcpedu.receiver.state.inferred"]

FLAG_NAMES = [(0x001, "FIN"), (0x002, "SYN"), (0x004, "RST"), (0x008, "PSH"), (0x010, "ACK"),
              (0x020, "URG"), (0x040, "ECE"), (0x080, "CWR"), (0x100, "AE")]

# The comment's words per language (tcpedu.language).
WORDS = {
    "english": {"client": "client", "server": "server", "inferred": "inferred"},
    "chinese": {"client": "客户端", "server": "服务器", "inferred": "推断"},
    "both": {"client": "client/客户端", "server": "server/服务器", "inferred": "inferred/推断"},
}

# Phase names (the catalogue's), for segments without tcpedu.label (no step).
PHASES = {"none": ("TCP", "TCP"), "handshake": ("Handshake", "握手"), "data": ("Data", "数据"),
          "teardown": ("Teardown", "挥手"), "reset": ("Reset", "重置")}

# What the text dump (sequence_analysis_dump_to_file) shows of a label:
# the width between two nodes.
LABEL_WIDTH = 20


def language(extra):
    for i, a in enumerate(extra[:-1]):
        if a == "-o" and extra[i + 1].startswith("tcpedu.language:"):
            return extra[i + 1].split(":", 1)[1]
    return "english"


def z_flow(kind, flt, mode="standard"):
    return "flow,%s,%s%s" % (kind, mode, "," + flt if flt else "")


_RUNS = {}


def run(capture, z, extra=(), two_pass=False):
    key = (capture, z, tuple(extra), two_pass)
    if key not in _RUNS:
        args = ["-r", tshark().capture(os.path.join(HANDMADE, capture)), "-q", "-z", z] + list(extra)
        if two_pass:
            args.append("-2")
        _RUNS[key] = tshark().run(args)[1]
    return _RUNS[key]


def flow_registered():
    _, out, err = tshark().run(["-z", "help"], check=False)  # the list goes to stderr
    return any(line.strip() == "flow,tcpedu" for line in (out + err).splitlines())


# ---- parsing the text dump -------------------------------------------------

def parse_flow(text):
    """[(conv or None, time, label, comment, left port, arrow, right port)]
    from sequence_analysis_dump_to_file's text: after two header lines, two
    lines per item (label and comment; arrow and ports), and a dashed line
    between conversations."""
    lines = [l for l in text.splitlines() if l and not set(l) <= {"-"}]
    items = []
    body = lines[2:]
    assert len(body) % 2 == 0, "odd number of item lines:\n" + text
    for top, arrow in zip(body[0::2], body[1::2]):
        m = re.match(r"^(?:(\d+) *)?\|(\S+) *\|(.*)\|(.*)$", top)
        assert m, "label line: %r" % top
        conv, time, area, comment = m.groups()
        a = re.search(r"\((\d+)\) +(-+>|<-+) +\((\d+)\)", arrow)
        assert a, "arrow line: %r" % arrow
        label = area.strip(" |")
        items.append((conv, time, label, comment, a.group(1), ">" if a.group(2).endswith(">") else "<",
                      a.group(3)))
    return items


def nodes(text):
    """The node addresses of the two header lines."""
    head = " ".join(text.splitlines()[:2])
    return [x for x in re.findall(r"\| ([0-9a-fA-F.:]+)", head)]


# ---- what each arrow must say, from the fields ----------------------------

def flags_str(hexval):
    f = int(hexval, 16)
    return ", ".join(n for b, n in FLAG_NAMES if f & b) or "<none>"


def step_text(r, lang):
    """tcpedu.label where the segment has one (a step, a reset), else the
    phase's name."""
    if r["tcpedu.label"]:
        return r["tcpedu.label"]
    en, zh = PHASES[r["tcpedu.phase"]]
    return {"english": en, "chinese": zh, "both": en + "/" + zh}[lang]


def expected_label(r, lang):
    s = "%s seq=%s" % (flags_str(r["tcp.flags"]), r["tcpedu.seq.relative"])
    if int(r["tcp.flags"], 16) & 0x10:
        if r["tcpedu.ack.relative"] != "":
            s += " ack=%s" % r["tcpedu.ack.relative"]
        else:
            s += " ack=%s (raw)" % r["tcp.ack_raw"]
    if r["tcp.len"] not in ("", "0"):
        s += " len=%s" % r["tcp.len"]
    return s + " [%s]" % step_text(r, lang)


def expected_comment(r, lang):
    w = WORDS[lang]
    client_sends = r["tcpedu.direction"] == "client-to-server"
    ends = {}
    for role in ("sender", "receiver"):
        who = "client" if (role == "sender") == client_sends else "server"
        before = r["tcpedu.%s.state.before" % role]
        after = r["tcpedu.%s.state.after" % role]
        s = "%s %s" % (w[who], before)
        if after != before:
            s += "→" + after
        if r["tcpedu.%s.state.inferred" % role] == "1":
            s += " (%s)" % w["inferred"]
        ends[who] = s
    return ends["client"] + " · " + ends["server"]


def shown_label(label):
    """The part of @label the text dump shows (it cuts at LABEL_WIDTH
    characters)."""
    return label[:LABEL_WIDTH].rstrip()


class FlowGraph(unittest.TestCase):
    maxDiff = None

    def rows(self, capture, extra, flt, two_pass):
        args = list(extra)
        if flt:
            args += ["-Y", flt]
        return tshark().fields(os.path.join(HANDMADE, capture), FIELDS, two_pass=two_pass,
                               extra=args)

    def test_registered_on_the_checked_versions(self):
        self.assertTrue(flow_registered(), "-z help lists no flow,tcpedu on %d.%d" % WS)

    def test_golden(self):
        for name, cap, extra, flt in CASES:
            e2e.check_golden(self, "flow-%s.txt" % name, run(cap, z_flow("tcpedu", flt), extra))

    def test_network_is_standard(self):
        """tcpedu's arrows carry the segment's IP addresses in both modes."""
        for name, cap, extra, flt in CASES:
            self.assertEqual(run(cap, z_flow("tcpedu", flt, "network"), extra),
                             run(cap, z_flow("tcpedu", flt), extra), name)

    def test_arrows_match_the_fields(self):
        for name, cap, extra, flt in CASES:
            lang = language(extra)
            for two in (False, True):
                what = "%s (%s)" % (name, "-2" if two else "single pass")
                text = run(cap, z_flow("tcpedu", flt), extra, two_pass=two)
                items = parse_flow(text)
                rows = [r for r in self.rows(cap, extra, flt, two) if r["tcpedu.phase"] != ""]
                self.assertEqual(len(items), len(rows), what + ": one arrow per segment")
                self.assertGreater(len(items), 0, what)
                left = nodes(text)[0]
                several = len({r["tcp.stream"] for r in rows}) > 1
                for it, r in zip(items, rows):
                    conv, time, label, comment, lport, arrow, rport = it
                    at = "%s frame %s" % (what, r["frame"])
                    self.assertAlmostEqual(float(time), float(r["frame.time_relative"]), places=6,
                                           msg=at + ": time")
                    self.assertEqual(conv, r["tcp.stream"] if several else None, at + ": Conv.")
                    # the innermost IP header is the TCP segment's (tunnels)
                    src = (r["ip.src"] or r["ipv6.src"]).split(",")[-1]
                    self.assertEqual(arrow, ">" if src == left else "<", at + ": direction")
                    ports = (r["tcp.srcport"], r["tcp.dstport"])
                    self.assertEqual((lport, rport), ports if arrow == ">" else ports[::-1],
                                     at + ": ports")
                    self.assertEqual(label, shown_label(expected_label(r, lang)), at + ": label")
                    self.assertEqual(comment, expected_comment(r, lang), at + ": comment")

    def test_frame_lines_as_tcp_flow(self):
        """Nodes, arrows, ports, times and Conv. as in Wireshark's own TCP
        flow: only the label and the comment are tcpedu's."""
        for name, cap, extra, flt in CASES:
            if flt:
                continue
            ours = run(cap, z_flow("tcpedu", None), extra).splitlines()
            tcp = run(cap, z_flow("tcp", None), extra).splitlines()
            self.assertEqual(len(ours), len(tcp), name)
            self.assertEqual(ours[:2], tcp[:2], name + ": node header")
            for a, b in zip(ours[2:], tcp[2:]):
                if a.lstrip(" 0123456789").startswith("|") and "·" in a:
                    # label line: the Conv. and time columns are the TCP flow's
                    self.assertEqual(a.split("|")[:2], b.split("|")[:2], name)
                else:
                    self.assertEqual(a, b, name + ": arrow line")

    def test_parser_sees_what_it_should(self):
        """The cross-check is only as good as its parser: a hand-written dump."""
        text = ("|Time     | 192.0.2.10                            |\n"
                "|         |                   | 198.51.100.80     |                   \n"
                "|0.020000 |         SYN, ACK seq=0 ack=1          |client SYN-SENT→ESTABLISHED · server SYN-RECEIVED\n"
                "|         |(40002)  <------------------  (80)     |\n")
        self.assertEqual(parse_flow(text), [(None, "0.020000", "SYN, ACK seq=0 ack=1",
                                             "client SYN-SENT→ESTABLISHED · server SYN-RECEIVED",
                                             "40002", "<", "80")])
        self.assertEqual(nodes(text), ["192.0.2.10", "198.51.100.80"])


if __name__ == "__main__":
    if not flow_registered():
        if WS in CHECKED:
            print("test_flow: flow,tcpedu is missing on Wireshark %d.%d, where it must be built" % WS)
            sys.exit(1)
        print("test_flow: SKIPPED: Wireshark %d.%d has no \"TCP lifecycle (tcpedu)\" flow: its "
              "sequence-analysis structures were not checked (src/plugin/tcpedu_seqan_compat.h)" % WS)
        sys.exit(77)
    unittest.main()
