#!/usr/bin/env python3
"""Robustness of tcpedu on damaged and random input (Wireshark's own practice).

For each capture of tests/captures/real and tests/captures/handmade:
  * corrupted copies: editcap -E 0.02 --seed N for a few fixed seeds;
  * truncated copies: editcap -s 60 and editcap -s 40 (snaplen);
and on each copy tshark -nr and tshark -nVxr with the plugin loaded (the
first seed's copy also with -2 -nVxr, the pass that only reads stored
results back).  Plus random packets from randpkt (-t tcp with big and tiny
packets, -t icmp, -t ip, -t ipv6).  randpkt has no seed option: its files
differ on every run.

Any non-zero exit, or crash / abort / "dissector bug" / assertion text
(tcpedu_e2e.FATAL_MARKERS) fails.  The offending input is kept in
$TCPEDU_ROBUSTNESS_KEEP (default: <tmp>/tcpedu-robustness-failures) so a
randpkt failure can be reproduced.

With valgrind installed, one -2 -nVx pass over all hand-made captures
concatenated (and over a corrupted copy of them) runs under valgrind with
WIRESHARK_DEBUG_WMEM_OVERRIDE=simple G_SLICE=always-malloc; it fails on
invalid reads/writes/frees, use of uninitialised values, or definitely
lost blocks whose stack mentions tcpedu.  Skipped without valgrind.

Bounded to about 3 minutes on two cores.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tcpedu_e2e as E  # noqa: E402

SEEDS = (1, 2, 3)
SNAPLENS = (60, 40)
RANDPKT = {
    "tcp": ["-t", "tcp", "-c", "2000"],
    "tcp_small": ["-t", "tcp", "-b", "80", "-c", "2000"],
    "icmp": ["-t", "icmp", "-c", "2000"],
    "ip": ["-t", "ip", "-c", "2000"],
    "ipv6": ["-t", "ipv6", "-c", "2000"],
}
WORKERS = max(1, min(4, os.cpu_count() or 1))
TREE_TEXT = "TCP lifecycle (tcpedu)"
KEEP = os.environ.get("TCPEDU_ROBUSTNESS_KEEP",
                      os.path.join(tempfile.gettempdir(), "tcpedu-robustness-failures"))

_WORK = None


def work():
    """A private temporary folder for the files this test makes."""
    global _WORK
    if _WORK is None:
        _WORK = tempfile.mkdtemp(prefix="tcpedu-robust-")
        import atexit
        atexit.register(shutil.rmtree, _WORK, True)
    return _WORK


def project_captures():
    out = []
    for d in (E.REAL, E.HANDMADE):
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                if f.endswith(".pcap") or f.endswith(".pcapng"):
                    out.append(os.path.join(d, f))
    return out


def tool(args):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise AssertionError("%s failed (rc %d): %s" % (" ".join(args), p.returncode,
                                                       p.stderr.decode("utf-8", "replace")[-2000:]))


def keep(path):
    """Copy a failing input somewhere that survives the test; return the copy."""
    os.makedirs(KEEP, exist_ok=True)
    dst = os.path.join(KEEP, os.path.basename(path))
    shutil.copy(path, dst)
    return dst


def run_all(jobs):
    """Run tshark jobs [(input path, args)] in parallel; return failure texts."""
    t = E.tshark()
    prepared = [(src, [a if a != "@" else t.capture(src) for a in args]) for src, args in jobs]

    def one(job):
        src, args = job
        try:
            _, out, _ = t.run(args)
            return None, out
        except AssertionError as e:
            return "%s\n(input kept as %s)" % (e, keep(src)), ""
        except subprocess.TimeoutExpired as e:
            return "timeout: %s\n(input kept as %s)" % (e, keep(src)), ""

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as ex:
        results = list(ex.map(one, prepared))
    return [r[0] for r in results if r[0]], [r[1] for r in results]


def method_name(path):
    return "test_" + re.sub(r"[^A-Za-z0-9]+", "_",
                            os.path.relpath(path, os.path.join(E.SOURCE_DIR, "tests", "captures"))).strip("_")


class Robustness(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        _, out, _ = E.tshark().run(["-G", "protocols"])
        if "\ttcpedu\t" not in out and "\ttcpedu\n" not in out:
            raise AssertionError("the tcpedu plugin did not load (tshark -G protocols)")

    def damage(self, cap):
        """Corrupted and truncated copies of @cap: [(path, first_seed?)]."""
        base, ext = os.path.splitext(os.path.basename(cap))
        made = []
        for seed in SEEDS:
            dst = os.path.join(work(), "%s.E002-seed%d%s" % (base, seed, ext))
            tool(["editcap", "-E", "0.02", "--seed", str(seed), cap, dst])
            made.append((dst, seed == SEEDS[0]))
        for snap in SNAPLENS:
            dst = os.path.join(work(), "%s.s%d%s" % (base, snap, ext))
            tool(["editcap", "-s", str(snap), cap, dst])
            made.append((dst, False))
        return made

    def check_capture(self, cap):
        jobs = []
        for path, first in self.damage(cap):
            jobs.append((path, ["-n", "-r", "@"]))
            jobs.append((path, ["-n", "-V", "-x", "-r", "@"]))
            if first:
                jobs.append((path, ["-n", "-V", "-x", "-2", "-r", "@"]))
        bad, outs = run_all(jobs)
        self.assertEqual(bad, [], "%s: tshark failed on damaged copies" % os.path.basename(cap))
        # The plugin really looked at them.  Not required of every copy: a
        # TCP header cut to fewer than 4 captured bytes (tunnel-gre.pcap at
        # snaplen 60) gets no TCP tree item from Wireshark, so no tcpedu tree.
        # sflow-layer-255.pcap is one 6 KB frame whose TCP header is its
        # 459th layer: every cut or 2%-corrupted copy loses it.
        if os.path.basename(cap) in ("sflow-layer-255.pcap",):
            return
        self.assertTrue(any(TREE_TEXT in out for out in outs),
                        "%s: no tcpedu tree on any damaged copy" % os.path.basename(cap))

    def check_randpkt(self, name, args):
        dst = os.path.join(work(), "randpkt-%s.pcap" % name)
        tool(["randpkt"] + args + [dst])
        bad, outs = run_all([(dst, ["-n", "-r", "@"]), (dst, ["-n", "-V", "-x", "-r", "@"]),
                             (dst, ["-n", "-V", "-x", "-2", "-r", "@"])])
        self.assertEqual(bad, [], "randpkt %s: tshark failed" % " ".join(args))
        if name.startswith("tcp"):
            self.assertIn(TREE_TEXT, outs[1], "randpkt %s: no tcpedu tree" % name)

    def test_valgrind(self):
        if not shutil.which("valgrind"):
            self.skipTest("valgrind is not installed")
        hand = [c for c in project_captures() if c.startswith(E.HANDMADE)]
        if not hand:
            self.skipTest("no hand-made captures")
        t = E.tshark()
        # pcapng: classic pcap cannot hold time-after-2262.pcapng's times
        # (4.4+ mergecap refuses to write them)
        merged = os.path.join(work(), "handmade-all.pcapng")
        tool(["mergecap", "-a", "-F", "pcapng", "-w", merged] + hand)
        corrupt = os.path.join(work(), "handmade-all.E002-seed1.pcapng")
        tool(["editcap", "-E", "0.02", "--seed", "1", merged, corrupt])
        problems = []
        for src in (merged, corrupt):
            env = {"HOME": t.home, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
                   "LC_ALL": "C.UTF-8", "WIRESHARK_DEBUG_WMEM_OVERRIDE": "simple",
                   "G_SLICE": "always-malloc"}
            cmd = ["valgrind", "--leak-check=full", "--num-callers=40", "--log-fd=2",
                   "tshark", "-n", "-V", "-x", "-2", "-r", t.capture(src)]
            if os.geteuid() == 0:
                cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
            p = subprocess.run(cmd, env=env, cwd=t.tmp, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=300)
            log = p.stderr.decode("utf-8", "replace")
            out = p.stdout.decode("utf-8", "replace")
            if p.returncode != 0 or TREE_TEXT not in out:
                problems.append("%s: rc %d%s\n%s" % (os.path.basename(src), p.returncode,
                                                     "" if TREE_TEXT in out else ", no tcpedu tree",
                                                     log[-3000:]))
            for block in valgrind_blocks(log):
                head = block[0]
                if "tcpedu" not in "\n".join(block):
                    continue
                if re.search(r"Invalid (read|write|free)|uninitialised|Mismatched free|"
                             r"definitely lost|overlap", head):
                    problems.append("%s:\n%s" % (os.path.basename(src), "\n".join(block)))
        self.assertEqual(problems, [], "valgrind found problems in tcpedu")


def valgrind_blocks(log):
    """Valgrind's error/leak records: lists of lines, first line = the kind."""
    blocks, cur = [], []
    for line in log.splitlines():
        m = re.match(r"==\d+== ?(.*)$", line)
        if not m:
            continue
        text = m.group(1)
        if not text.strip():
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(text)
    if cur:
        blocks.append(cur)
    return blocks


def _add_tests():
    for cap in project_captures():
        def test(self, cap=cap):
            self.check_capture(cap)
        test.__name__ = method_name(cap)
        test.__doc__ = "damaged copies of %s" % os.path.basename(cap)
        setattr(Robustness, test.__name__, test)
    for name, args in RANDPKT.items():
        def test(self, name=name, args=args):
            self.check_randpkt(name, args)
        test.__name__ = "test_randpkt_" + name
        test.__doc__ = "randpkt %s" % " ".join(args)
        setattr(Robustness, test.__name__, test)


_add_tests()


if __name__ == "__main__":
    start = time.time()
    prog = unittest.main(exit=False, verbosity=2)
    sys.stderr.write("test_robustness: %.1f s\n" % (time.time() - start))
    sys.exit(not prog.result.wasSuccessful())
