"""The benchmark's capture generator (scripts/mkcapture.c, build/mkcapture).

Small versions of the benchmark's captures must be byte-for-byte
reproducible from their seed, read by tshark without a single bad checksum,
malformed packet or TCP analysis complaint of lost or out-of-order data,
and hold the lifecycles the generator meant: every frame's tcpedu.phase and
tcpedu.step are compared with the generator's own --expect list, in a
single pass and with -2, and the -z tcpedu,tree counts with its totals.
"""
import collections
import hashlib
import os
import re
import subprocess
import tempfile
import unittest

import tcpedu_e2e as e

MKCAPTURE = os.environ.get("TCPEDU_MKCAPTURE",
                           os.path.join(os.path.dirname(os.path.abspath(e.PLUGIN)), "mkcapture"))
PHASES = {"1": "handshake", "2": "data", "3": "teardown", "4": "reset"}
KINDS = ["normal", "normal-ipv6", "refused", "syn-unanswered", "syn-retransmitted",
         "synack-retransmitted", "rst-abort-client", "rst-abort-server", "fin-then-rst",
         "simultaneous-open", "simultaneous-close", "fin-retransmitted", "half-close", "midstream",
         "port-reuse", "fast-open"]


def mkcapture(*args):
    """Run mkcapture; return (pcap path, expect rows [(frame, phase, step)], stderr)."""
    d = tempfile.mkdtemp(prefix="tcpedu-mkcap-")
    out, exp = os.path.join(d, "out.pcap"), os.path.join(d, "out.exp")
    p = subprocess.run([MKCAPTURE] + list(args) + ["--expect", exp, "-o", out],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    with open(exp) as f:
        rows = [tuple(line.split("\t")) for line in f.read().splitlines()]
    return out, rows, p.stderr.decode()


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Generator(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.mix, cls.mix_exp, cls.mix_info = mkcapture("--packets", "6000", "--conns", "600",
                                                       "--seed", "3")
        cls.scan, cls.scan_exp, cls.scan_info = mkcapture("--scan", "2000", "--seed", "3")

    def run_fields(self, capture, fields, extra=()):
        args = ["-n", "-r", e.tshark().capture(capture), "-T", "fields", "-E", "occurrence=f"]
        for f in fields:
            args += ["-e", f]
        _, out, err = e.tshark().run(args + list(extra))
        self.assertEqual(err.strip(), "", "tshark complained")
        return [line.split("\t") for line in out.splitlines()]

    def test_deterministic(self):
        again, _, _ = mkcapture("--packets", "6000", "--conns", "600", "--seed", "3")
        self.assertEqual(digest(again), digest(self.mix))
        other, _, _ = mkcapture("--packets", "6000", "--conns", "600", "--seed", "4")
        self.assertNotEqual(digest(other), digest(self.mix))
        scan_again, _, _ = mkcapture("--scan", "2000", "--seed", "3")
        self.assertEqual(digest(scan_again), digest(self.scan))

    def test_sizes_and_every_lifecycle(self):
        m = re.match(r"mkcapture: (\d+) packets, (\d+) connections, seed 3: (.*)", self.mix_info)
        self.assertTrue(m, self.mix_info)
        frames, conns = int(m.group(1)), int(m.group(2))
        self.assertGreaterEqual(frames, 6000)
        self.assertLess(frames, 6600)
        self.assertEqual(conns, 600)
        self.assertEqual(len(self.mix_exp), frames)
        kinds = dict(k.rsplit(" ", 1) for k in m.group(3).split(", "))
        self.assertEqual(sorted(kinds), sorted(KINDS))
        for k in KINDS:
            self.assertGreaterEqual(int(kinds[k]), 1, k)
        rows = self.run_fields(self.mix, ["frame.number", "tcpedu.conn"], ["-2"])
        self.assertEqual(len(rows), frames)
        self.assertEqual(len({r[1] for r in rows}), conns, "tcpedu connections")
        self.assertIn("2000 packets, 2000 connections (SYN scan)", self.scan_info)

    def test_tshark_reads_it_cleanly(self):
        for cap in (self.mix, self.scan):
            rows = self.run_fields(cap, ["tcp.checksum.status", "ip.checksum.status",
                                         "_ws.malformed", "tcp.analysis.lost_segment",
                                         "tcp.analysis.ack_lost_segment",
                                         "tcp.analysis.out_of_order"],
                                   ["-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE"])
            self.assertTrue(rows)
            # 1 = good; IPv6 has no header checksum
            self.assertEqual({r[0] for r in rows}, {"1"}, "TCP checksums")
            self.assertLessEqual({r[1] for r in rows}, {"1", ""}, "IPv4 checksums")
            self.assertEqual({tuple(r[2:]) for r in rows}, {("", "", "", "")},
                             "malformed or lost/out-of-order segments")

    def test_every_frame_as_intended(self):
        expected = [(fr, PHASES[ph], "" if st == "0" else st) for fr, ph, st in self.mix_exp]
        for extra in ([], ["-2"]):
            rows = self.run_fields(self.mix, ["frame.number", "tcpedu.phase", "tcpedu.step"], extra)
            got = [(r[0], PHASES.get(r[1], r[1]), r[2]) for r in rows]
            bad = [(x, y) for x, y in zip(expected, got) if x != y]
            self.assertEqual(bad[:10], [], "frames where tcpedu sees another lifecycle %s" % extra)
            self.assertEqual(len(got), len(expected))

    def test_stats_tree_counts(self):
        want = collections.Counter()
        for _, ph, st in self.mix_exp:
            want[(PHASES[ph], None)] += 1
            want[(PHASES[ph], "no step" if st == "0" else "step " + st)] += 1
        _, out, _ = e.tshark().run(["-n", "-q", "-r", e.tshark().capture(self.mix),
                                    "-z", "tcpedu,tree"])
        got = collections.Counter()
        section = False
        phase = None
        for line in out.splitlines():
            if line.startswith(" By "):
                section = line.startswith(" By phase and step")
                continue
            if not section:
                continue
            m = re.match(r"^( +)(\S+(?: \d+| step)?)\s+(\d+)\s", line)
            if not m:
                continue
            depth, name, count = len(m.group(1)), m.group(2), int(m.group(3))
            if depth == 2:
                phase = name
                got[(phase, None)] = count
            elif depth == 3:
                got[(phase, name)] = count
        self.assertEqual(got, want)

    def test_scan(self):
        rows = self.run_fields(self.scan, ["tcpedu.phase", "tcpedu.step", "tcpedu.conn",
                                           "tcpedu.conn.outcome", "tcp.flags"], ["-2"])
        self.assertEqual(len(rows), 2000)
        self.assertEqual({(r[0], r[1], r[3], r[4]) for r in rows},
                         {("1", "1", "1", "0x0002")}, "handshake 1, syn-unanswered, SYN only")
        self.assertEqual(len({r[2] for r in rows}), 2000)
        self.assertEqual([fr for fr, ph, st in self.scan_exp if (ph, st) != ("1", "1")], [])

    def test_scan_without_tree(self):
        """Without a tree or a tcpedu tap listener each scan connection stays
        light (docs/PERFORMANCE.md): the Info column and the expert infos
        come from verdicts made again, on the first pass and on the second."""
        for extra in ([], ["-2"]):
            _, out, err = e.tshark().run(["-n", "-r", e.tshark().capture(self.scan)] + extra)
            self.assertEqual(err.strip(), "", "tshark complained")
            lines = out.splitlines()
            self.assertEqual(len(lines), 2000)
            self.assertEqual([l for l in lines if "TCP 58 [Handshake 1/3] 40003 \u2192 " not in l], [], extra)
        never = re.compile(r"^\s+(\d+)\s+Sequence\s+tcpedu\s+SYN never answered in this capture")
        for extra, want in (([], []), (["-2"], [2000])):
            _, out, err = e.tshark().run(["-n", "-q", "-r", e.tshark().capture(self.scan), "-z", "expert"]
                                         + extra)
            self.assertEqual(err.strip(), "", "tshark complained")
            got = [int(m.group(1)) for m in map(never.match, out.splitlines()) if m]
            self.assertEqual(got, want, "only a later pass knows that no answer came")

    def test_huge_pages_change_no_output(self):
        """tcpedu.huge_pages says only where the per-capture records live
        (src/observer/tcpedu_mem.h): the whole tree, single pass and -2, and
        the reports are the same with it on (the default) and off."""
        cap = e.tshark().capture(self.mix)
        for args in (["-V"], ["-2", "-V"], ["-q", "-z", "tcpedu,conns-tsv", "-z", "tcpedu,tree"]):
            outs = []
            for on in ("TRUE", "FALSE"):
                _, out, err = e.tshark().run(["-n", "-r", cap, "-o", "tcpedu.huge_pages:" + on] + args)
                self.assertEqual(err.strip(), "", "tshark complained")
                outs.append(out)
            self.assertIn("TCP lifecycle (tcpedu)" if "-V" in args else "tcpedu segments", outs[0])
            self.assertGreater(len(outs[0]), 10000)
            self.assertTrue(outs[0] == outs[1], "huge_pages changes the output of %s" % args)



if __name__ == "__main__":
    unittest.main()
