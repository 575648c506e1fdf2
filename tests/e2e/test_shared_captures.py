#!/usr/bin/env python3
"""tcpedu on real captures nobody on this project made (../shared/captures).

For every *.pcap / *.pcapng under tcpedu_e2e.SHARED (recursively) this runs
the real tshark with the plugin loaded:

  tshark -nr CAP            must exit 0 with no dissector-bug/assert/crash text
  tshark -nr CAP -2 -V      the same
  tshark -nr CAP -T fields  (single pass and -2): every TCP header that is a
                            segment has a tcpedu verdict

"Every segment has a verdict" is checked per frame: the TCP layers of a frame
are the "tcp" entries of frame.protocols; those after an "icmp"/"icmpv6"
entry are headers quoted inside an ICMP error, the others are segments
(several in tunnels).  Then

  segments == occurrences of tcpedu.phase + occurrences of tcpedu.malformed
  quoted   == occurrences of tcpedu.quoted

and each verdict carries exactly one tcpedu.stream, tcpedu.conn and
tcpedu.conn.outcome.  The connection cross-check (with -2): the distinct
tcpedu.stream values of all verdicts must equal the distinct tcp.stream values
of all segments (Wireshark's own streams).  tcpedu.conn may be larger (tcpedu
splits a reused 4-tuple into a new connection inside one Wireshark stream)
or smaller (tcpedu keeps one connection when Wireshark splits a stray
SYN+FIN into a new stream); tcpedu.conn must number 1..N without gaps.

Teredo.pcap only shows its IPv6 TCP with --enable-heuristic teredo_udp, so it
runs both with and without it.

One test method per capture (generated), so a failure names the capture.
When ../shared/captures is missing the tests are skipped, unless the
environment variable CI is set (CI always has the folder): then they fail.

Script mode:  python3 test_shared_captures.py --table > ../../docs/SHARED-CAPTURES.md
writes the per-capture results table (frames, segments, streams,
connections, outcomes).
"""
import collections
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tcpedu_e2e as E  # noqa: E402

# Extra tshark options a capture needs; each list is one more run of it.
VARIANTS = {
    "zeek/tunnels/Teredo.pcap": [["--enable-heuristic", "teredo_udp"]],
}

FIELDS = ["frame.protocols", "tcp.stream", "tcpedu.phase", "tcpedu.malformed",
          "tcpedu.quoted", "tcpedu.stream", "tcpedu.conn", "tcpedu.conn.outcome",
          "icmp.type", "icmpv6.type"]


def shared_captures():
    """Relative paths of all captures under SHARED, sorted."""
    found = []
    for root, dirs, files in os.walk(E.SHARED):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".pcap") or f.endswith(".pcapng"):
                found.append(os.path.relpath(os.path.join(root, f), E.SHARED))
    return sorted(found)


def runs():
    """(relative path, extra tshark options) for every run, sorted."""
    out = []
    for rel in shared_captures():
        out.append((rel, []))
        for extra in VARIANTS.get(rel, []):
            out.append((rel, list(extra)))
    return out


def manifest():
    """{relative path: tcp_connections} from MANIFEST.tsv (if present)."""
    path = os.path.join(E.SHARED, "MANIFEST.tsv")
    res = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            head = f.readline().rstrip("\n").split("\t")
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == len(head):
                    row = dict(zip(head, cols))
                    res[row["local_path"]] = row.get("tcp_connections", "")
    return res


def split(v):
    return v.split(",") if v else []


def frame_rows(t, cap, extra, two_pass):
    """One dict per frame with the layer split and the tcpedu occurrences."""
    args = ["-n", "-r", t.capture(cap), "-T", "fields", "-E", "separator=\t",
            "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number"]
    for f in FIELDS:
        args += ["-e", f]
    if two_pass:
        args.append("-2")
    _, out, _ = t.run(args + list(extra))
    rows = []
    for line in out.splitlines():
        cols = line.split("\t")
        cols += [""] * (len(FIELDS) + 1 - len(cols))
        r = {"frame": int(cols[0])}
        for f, c in zip(FIELDS, cols[1:]):
            r[f] = c
        segs = quoted = 0
        inside_icmp = False
        for p in r["frame.protocols"].split(":"):
            if p in ("icmp", "icmpv6"):
                inside_icmp = True
            elif p == "tcp":
                if inside_icmp:
                    quoted += 1
                else:
                    segs += 1
        r["segments"] = segs
        r["quoted"] = quoted
        for f in ("tcp.stream", "tcpedu.phase", "tcpedu.malformed", "tcpedu.quoted",
                  "tcpedu.stream", "tcpedu.conn", "tcpedu.conn.outcome"):
            r[f] = split(r[f])
        rows.append(r)
    return rows


def verdict_problems(rows):
    """Frames where a segment has no verdict (or the counts do not add up)."""
    bad = []
    for r in rows:
        nv, nm, nq = len(r["tcpedu.phase"]), len(r["tcpedu.malformed"]), len(r["tcpedu.quoted"])
        why = []
        if nv + nm != r["segments"]:
            why.append("%d TCP segment header(s) but %d tcpedu.phase + %d tcpedu.malformed"
                       % (r["segments"], nv, nm))
        if nq != r["quoted"]:
            why.append("%d TCP header(s) quoted in ICMP but %d tcpedu.quoted" % (r["quoted"], nq))
        if len(r["tcpedu.stream"]) < nv:
            why.append("%d verdicts but only %d tcpedu.stream" % (nv, len(r["tcpedu.stream"])))
        if not (len(r["tcpedu.conn"]) == len(r["tcpedu.conn.outcome"]) == nv):
            why.append("%d verdicts but %d tcpedu.conn and %d tcpedu.conn.outcome"
                       % (nv, len(r["tcpedu.conn"]), len(r["tcpedu.conn.outcome"])))
        if why:
            bad.append("frame %d (%s): %s" % (r["frame"], r["frame.protocols"], "; ".join(why)))
    return bad


def summary(rows):
    """Counts for the cross-check and the table (from -2 rows)."""
    s = {"frames": len(rows), "segments": 0, "quoted": 0, "malformed": 0}
    tcp_streams, edu_streams = set(), set()
    conn_stream = collections.defaultdict(set)
    last_outcome = {}
    for r in rows:
        s["segments"] += r["segments"]
        s["quoted"] += r["quoted"]
        s["malformed"] += len(r["tcpedu.malformed"])
        # Segment layers come first (outer to inner), quoted ones after the
        # ICMP header, so a frame's first `segments` tcp.stream values are
        # its segments' streams.
        tcp_streams.update(r["tcp.stream"][:r["segments"]])
        nv = len(r["tcpedu.phase"])
        # A verdict's tree holds tcpedu.stream; a quoted tree may hold one
        # too, but quoted trees come after the segments' ones.
        streams = r["tcpedu.stream"][:nv]
        edu_streams.update(streams)
        for st, conn, outc in zip(streams, r["tcpedu.conn"], r["tcpedu.conn.outcome"]):
            conn_stream[conn].add(st)
            last_outcome[conn] = outc
    s["tcp_streams"] = tcp_streams
    s["edu_streams"] = edu_streams
    s["conns"] = set(conn_stream)
    s["conn_stream"] = conn_stream
    s["outcomes"] = collections.Counter(last_outcome.values())
    return s


def method_name(rel, extra):
    name = "test_" + re.sub(r"[^A-Za-z0-9]+", "_", rel).strip("_")
    if extra:
        name += "__" + re.sub(r"[^A-Za-z0-9]+", "_", " ".join(extra)).strip("_")
    return name


class SharedCaptures(unittest.TestCase):
    maxDiff = None

    def check_capture(self, rel, extra):
        t = E.tshark()
        cap = os.path.join(E.SHARED, rel)
        label = rel + (" " + " ".join(extra) if extra else "")
        # Plain runs: exit 0, no dissector-bug/assert/crash text (Tshark.run
        # raises otherwise).
        t.run(["-n", "-r", t.capture(cap)] + extra)
        _, out, _ = t.run(["-n", "-r", t.capture(cap), "-2", "-V"] + extra)
        one = frame_rows(t, cap, extra, two_pass=False)
        two = frame_rows(t, cap, extra, two_pass=True)
        self.assertEqual(len(one), len(two), "%s: frame count single pass vs -2" % label)
        if any(r["segments"] for r in two):
            self.assertIn("TCP lifecycle (tcpedu)", out, "%s: no tcpedu tree in -2 -V" % label)
        for name, rows in (("single pass", one), ("-2", two)):
            bad = verdict_problems(rows)
            self.assertEqual(bad, [], "%s (%s): TCP headers without a tcpedu verdict:\n  %s"
                             % (label, name, "\n  ".join(bad[:20])))
        # The same segments get a verdict on both passes.
        for a, b in zip(one, two):
            self.assertEqual((len(a["tcpedu.phase"]), a["tcpedu.stream"], a["tcpedu.conn"]),
                             (len(b["tcpedu.phase"]), b["tcpedu.stream"], b["tcpedu.conn"]),
                             "%s frame %d: single pass vs -2 (verdicts, stream, conn)"
                             % (label, a["frame"]))
        # The state chain (README "When a state changes"), both passes.
        for two_pass in (True, False):
            bad = E.chain_breaks(t.fields(cap, E.CHAIN_FIELDS, two_pass=two_pass, extra=extra), two_pass)
            self.assertEqual(bad[:20], [], "%s: state chain (%s)" % (label, "-2" if two_pass else "single pass"))
        s = summary(two)
        self.assertEqual(sorted(s["edu_streams"], key=int), sorted(s["tcp_streams"], key=int),
                         "%s: distinct tcpedu.stream vs tcp.stream of the segments" % label)
        # Every Wireshark stream's segments belong to tcpedu connections
        # numbered 1..N without gaps (a tcpedu.conn may span two streams when
        # Wireshark split off a stray SYN+FIN, or a stream hold several
        # connections when a 4-tuple is reused inside it).
        conns = sorted(int(c) for c in s["conns"])
        self.assertEqual(conns, list(range(1, len(conns) + 1)),
                         "%s: tcpedu.conn numbers not 1..N" % label)


def _add_tests():
    if not os.path.isdir(E.SHARED):
        def test_shared_captures_present(self):
            msg = "%s is missing" % E.SHARED
            if os.environ.get("CI"):
                self.fail(msg + " (CI is set: CI always has it)")
            self.skipTest(msg)
        SharedCaptures.test_shared_captures_present = test_shared_captures_present
        return
    for rel, extra in runs():
        def test(self, rel=rel, extra=extra):
            self.check_capture(rel, extra)
        test.__name__ = method_name(rel, extra)
        test.__doc__ = "shared capture %s %s" % (rel, " ".join(extra))
        setattr(SharedCaptures, test.__name__, test)


_add_tests()


def tshark_version(t):
    m = re.search(r"TShark \(Wireshark\) (\S+)", t.run(["-v"])[1])
    return m.group(1) if m else "?"


def table():
    """The results table as Markdown (docs/SHARED-CAPTURES.md)."""
    t = E.tshark()
    names = t.values().get("tcpedu.conn.outcome", {})
    mani = manifest()
    lines = [
        "# tcpedu on the shared real captures",
        "",
        "Generated by `python3 tests/e2e/test_shared_captures.py --table` (do not",
        "edit by hand) from `../shared/captures` with tshark %s and the plugin"
        % tshark_version(t),
        "built from this tree. The test of the same file checks on every capture",
        "that every TCP segment gets a tcpedu verdict (single pass and `-2`) and",
        "that tcpedu sees exactly Wireshark's `tcp.stream`s.",
        "",
        "Columns: *segments* = TCP headers that are segments (not quoted in an",
        "ICMP error; a tunnel frame can hold several); *malformed* = of those,",
        "headers tcpedu could not read (`tcpedu.malformed`); *quoted* = TCP",
        "headers inside ICMP errors; *tcp.stream* = Wireshark's streams;",
        "*tcpedu.conn* = tcpedu's connections (a reused 4-tuple inside one",
        "stream is a new connection); *manifest* = `tcp_connections` of",
        "MANIFEST.tsv (counted by the capture's curator, not by Wireshark);",
        "*outcomes* = `tcpedu.conn.outcome` of each connection's last segment",
        "(with `-2`).",
        "",
        "| capture | tshark options | frames | segments | malformed | quoted | tcp.stream | tcpedu.conn | manifest | outcomes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    totals = collections.Counter()
    for rel, extra in runs():
        rows = frame_rows(t, os.path.join(E.SHARED, rel), extra, two_pass=True)
        s = summary(rows)
        outc = ", ".join("%s %d" % (names.get(k, k), n)
                         for k, n in sorted(s["outcomes"].items(), key=lambda kv: int(kv[0])))
        flag = ""
        if s["edu_streams"] != s["tcp_streams"] or verdict_problems(rows):
            flag = " **(check fails)**"
        lines.append("| %s%s | %s | %d | %d | %d | %d | %d | %d | %s | %s |" % (
            rel, flag, "`%s`" % " ".join(extra) if extra else "", s["frames"], s["segments"],
            s["malformed"], s["quoted"], len(s["tcp_streams"]), len(s["conns"]),
            mani.get(rel, ""), outc))
        totals["frames"] += s["frames"]
        totals["segments"] += s["segments"]
        totals["conns"] += len(s["conns"])
        totals["streams"] += len(s["tcp_streams"])
        for k, n in s["outcomes"].items():
            totals["out:" + names.get(k, k)] += n
    lines.append("")
    lines.append("All runs together (Teredo.pcap twice): %d frames, %d segments, %d tcp.streams, %d tcpedu connections; "
                 "outcomes: %s." % (totals["frames"], totals["segments"], totals["streams"],
                                    totals["conns"],
                                    ", ".join("%s %d" % (k[4:], n) for k, n in sorted(totals.items())
                                              if k.startswith("out:"))))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if "--table" in sys.argv[1:]:
        if not os.path.isdir(E.SHARED):
            sys.exit("%s is missing" % E.SHARED)
        sys.stdout.write(table())
        sys.exit(0)
    start = time.time()
    prog = unittest.main(exit=False, verbosity=2)
    sys.stderr.write("test_shared_captures: %.1f s\n" % (time.time() - start))
    sys.exit(not prog.result.wasSuccessful())
