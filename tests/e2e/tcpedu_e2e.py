"""tcpedu_e2e: run the real tshark with the freshly built plugin.

tshark ignores personal plugins when run as root (and CI runs as root), so
as root every tshark call runs as the unprivileged user nobody through
setpriv, with a temporary HOME that holds the plugin in the personal
plugin folder.  Everything tshark must read (plugin, HOME, captures) is
copied into a world-readable temporary folder first.

Environment (set by ctest, see tests/CMakeLists.txt):
  TCPEDU_PLUGIN      path of the built tcpedu.so
  TCPEDU_WS_VERSION  "4.0" etc. (the plugin folder name)
  TCPEDU_SOURCE_DIR  repository root
"""
import atexit
import os
import shutil
import subprocess
import tempfile
import unittest

SOURCE_DIR = os.environ.get("TCPEDU_SOURCE_DIR",
                            os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
PLUGIN = os.environ.get("TCPEDU_PLUGIN", os.path.join(SOURCE_DIR, "build", "tcpedu.so"))
WS_VERSION = os.environ.get("TCPEDU_WS_VERSION", "4.0")
REAL = os.path.join(SOURCE_DIR, "tests", "captures", "real")
HANDMADE = os.path.join(SOURCE_DIR, "tests", "captures", "handmade")
SHARED = os.path.abspath(os.path.join(SOURCE_DIR, "..", "shared", "captures"))

# Text on stderr that means tshark or a dissector broke, whatever the exit
# code; and text in the decoded output (-V) that means a dissector threw.
# The output markers are not looked for in -G glossaries: from 4.4 on
# `-G protocols` and `-G values` list the field _ws.dissector_bug
# ("Dissector bug").
FATAL_MARKERS = ("dissector bug", "Dissector bug", "ws_assert", "Segmentation fault",
                 "Aborted", "AddressSanitizer", "CRITICAL", "g_assert")
FATAL_OUTPUT_MARKERS = ("Dissector bug", "dissector bug")

# The Wireshark major.minor the plugin was built for, as a tuple (4, 0).
WS = tuple(int(x) for x in WS_VERSION.split(".")[:2])


def _option(args, flag):
    """Values of every `flag VALUE` pair in @args (e.g. -e, -E)."""
    return [args[i + 1] for i, a in enumerate(args[:-1]) if a == flag]


class Tshark:
    """One temporary HOME with the plugin installed; tshark runs in it."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="tcpedu-e2e-")
        atexit.register(shutil.rmtree, self.tmp, True)
        self.home = os.path.join(self.tmp, "home")
        plugdir = os.path.join(self.home, ".local", "lib", "wireshark", "plugins", WS_VERSION, "epan")
        os.makedirs(plugdir)
        shutil.copy(PLUGIN, os.path.join(plugdir, "tcpedu.so"))
        self.caps = os.path.join(self.tmp, "caps")
        os.makedirs(self.caps)
        for root, dirs, files in os.walk(self.tmp):
            os.chmod(root, 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        self.copied = {}

    def capture(self, path):
        """A world-readable copy of capture @path."""
        if path not in self.copied:
            name = "%d-%s" % (len(self.copied), os.path.basename(path))
            dst = os.path.join(self.caps, name)
            shutil.copy(path, dst)
            os.chmod(dst, 0o644)
            self.copied[path] = dst
        return self.copied[path]

    def run(self, args, check=True, timeout=600, raw=False):
        """Run tshark with @args; return (rc, stdout, stderr).

        With `-T fields`, boolean fields are printed as 1/0 whatever the
        version (4.2+ prints True/False), unless @raw."""
        env = {"HOME": self.home, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
               "LC_ALL": "C.UTF-8"}
        for k in ("WIRESHARK_DEBUG_WMEM_OVERRIDE", "G_SLICE", "LD_PRELOAD", "ASAN_OPTIONS"):
            if k in os.environ:
                env[k] = os.environ[k]
        cmd = ["tshark"] + list(args)
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
        p = subprocess.run(cmd, env=env, cwd=self.tmp, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        if check:
            bad = [m for m in FATAL_MARKERS if m in err]
            if "-G" not in args:
                bad += [m for m in FATAL_OUTPUT_MARKERS if m in out]
            if p.returncode != 0 or bad:
                raise AssertionError("tshark %s failed (rc %d, %s):\n%s" %
                                     (" ".join(args), p.returncode, bad, err[-3000:]))
        if not raw and "fields" in _option(list(args), "-T"):
            out = self._booleans_as_numbers(list(args), out)
        return p.returncode, out, err

    def field_types(self):
        """{field: FT_ type} from tshark -G fields."""
        if not hasattr(self, "_types"):
            _, out, _ = self.run(["-G", "fields"])
            self._types = {}
            for line in out.splitlines():
                parts = line.split("\t")
                if len(parts) >= 4 and parts[0] == "F":
                    self._types[parts[2]] = parts[3]
        return self._types

    def _booleans_as_numbers(self, args, out):
        """-T fields output with True/False (4.2+) of boolean columns as 1/0."""
        fields = _option(args, "-e")
        types = self.field_types()
        bools = [i for i, f in enumerate(fields) if types.get(f) == "FT_BOOLEAN"]
        if not bools:
            return out
        sep, agg = "\t", ","
        for e in _option(args, "-E"):
            if e.startswith("separator="):
                sep = {"/t": "\t", "/s": " "}.get(e[10:], e[10:])
            elif e.startswith("aggregator="):
                agg = {"/s": " "}.get(e[11:], e[11:])
        num = {"True": "1", "False": "0"}
        lines = []
        for line in out.split("\n"):
            cols = line.split(sep)
            if len(cols) == len(fields):
                for i in bools:
                    cols[i] = agg.join(num.get(x, x) for x in cols[i].split(agg))
            lines.append(sep.join(cols))
        return "\n".join(lines)

    def protocols(self):
        """[(name, short name, filter name)] from tshark -G protocols
        (4.4+ adds three more columns)."""
        _, out, _ = self.run(["-G", "protocols"])
        return [tuple(line.split("\t")[:3]) for line in out.splitlines()
                if line.count("\t") >= 2]

    def info_column(self, capture, extra=(), two_pass=True):
        """{frame: Info column as the packet list and tshark's summary lines
        show it}.  From 4.2 on a post-dissector's Info prefix is not in
        _ws.col.info (see src/plugin/tcpedu_compat.h), so read the column
        itself: -T tabs with a two-column layout."""
        args = ["-r", self.capture(capture), "-T", "tabs",
                "-o", 'gui.column.format:"No.","%m","Info","%i"'] + list(extra)
        if two_pass:
            args.append("-2")
        _, out, _ = self.run(args)
        rows = {}
        for line in out.splitlines():
            num, info = line.split("\t", 1)
            rows[num.strip()] = info
        return rows

    def values(self):
        """{field: {number: name}} from tshark -G values (the documented names)."""
        if not hasattr(self, "_values"):
            _, out, _ = self.run(["-G", "values"])
            vals = {}
            for line in out.splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[0] == "V" and parts[1].startswith("tcpedu."):
                    vals.setdefault(parts[1], {})[parts[2]] = parts[3]
            self._values = vals
        return self._values

    def fields(self, capture, fields, two_pass=False, extra=()):
        """One dict per frame with a tcpedu verdict: field -> value string.

        Value-string fields are translated to their names; several
        occurrences are joined with ','.
        """
        args = ["-r", self.capture(capture), "-T", "fields", "-E", "separator=\t",
                "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number"]
        for f in fields:
            args += ["-e", f]
        if two_pass:
            args.append("-2")
        args += list(extra)
        _, out, _ = self.run(args)
        vals = self.values()
        rows = []
        for line in out.splitlines():
            cols = line.split("\t")
            row = {"frame": cols[0]}
            for f, c in zip(fields, cols[1:]):
                if f in vals and c != "":
                    c = ",".join(vals[f].get(x, "?" + x) for x in c.split(","))
                row[f] = c
            rows.append(row)
        return rows


_TSHARK = None


def tshark():
    """The Tshark of this test process (made once)."""
    global _TSHARK
    if _TSHARK is None:
        _TSHARK = Tshark()
    return _TSHARK


# The columns of a lifecycle table (see parse_table).
TABLE_FIELDS = ["tcpedu.phase", "tcpedu.step", "tcpedu.segment",
                "tcpedu.sender.state.before", "tcpedu.sender.state.after",
                "tcpedu.receiver.state.before", "tcpedu.receiver.state.after",
                "tcpedu.sender.state.inferred", "tcpedu.receiver.state.inferred",
                "tcpedu.answers", "tcpedu.answered_by", "tcpedu.direction",
                "tcpedu.receiver.crossed", "tcpedu.revises"]


def parse_table(text):
    """Parse an expected lifecycle table written by hand.

    One line per frame: frame phase step kind sender receiver answers
    answered_by dir.  step '-' = none; sender/receiver 'A>B' (before >
    after) with a trailing '~' on a state that is inferred; answers and
    answered_by a frame number or '-'; dir 'c' (client to server) or 's';
    then, optionally, 'x<F>' (the receiver processes it after its own frame
    F: they crossed) and 'r<F>' (this segment revises frames from F on).
    Returns {frame: row} in the shape Tshark.fields returns.
    """
    rows = {}
    for line in text.strip().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        if line.split()[1:] == ["none"]:
            # no verdict: a TCP header quoted in ICMP, or one tcpedu cannot read
            rows[line.split()[0]] = {f: "" for f in TABLE_FIELDS}
            continue
        fr, phase, step, kind, snd, rcv, ans, ansby, d = line.split()[:9]
        marks = dict((m[0], m[1:]) for m in line.split()[9:])
        sb, sa = snd.split(">")
        rb, ra = rcv.split(">")
        rows[fr] = {
            "tcpedu.phase": phase,
            "tcpedu.step": "" if step == "-" else step,
            "tcpedu.segment": kind,
            "tcpedu.sender.state.before": sb.rstrip("~"),
            "tcpedu.sender.state.after": sa.rstrip("~"),
            "tcpedu.receiver.state.before": rb.rstrip("~"),
            "tcpedu.receiver.state.after": ra.rstrip("~"),
            "tcpedu.sender.state.inferred": "1" if ("~" in sb or "~" in sa) else "0",
            "tcpedu.receiver.state.inferred": "1" if ("~" in rb or "~" in ra) else "0",
            "tcpedu.answers": "" if ans == "-" else ans,
            "tcpedu.answered_by": "" if ansby == "-" else ansby,
            "tcpedu.direction": {"c": "client-to-server", "s": "server-to-client"}[d],
            "tcpedu.receiver.crossed": marks.get("x", ""),
            "tcpedu.revises": marks.get("r", ""),
        }
    return rows


# What the state chain needs of each verdict (see chain_breaks).
CHAIN_FIELDS = ["tcpedu.conn", "tcpedu.direction",
                "tcpedu.sender.state.before", "tcpedu.sender.state.after",
                "tcpedu.receiver.state.before", "tcpedu.receiver.state.after",
                "tcpedu.receiver.crossed", "tcpedu.revises"]


def chain_breaks(rows, complete):
    """The state chain (README "When a state changes"; tests/unit/invariants.h
    is the same check on the observer's verdicts): each endpoint's state
    after one segment is its state before the next one it sends or
    receives.  A receipt marked crossed=F is placed after the receiver's
    own frame F.  With @complete (-2) there is no exception; in a single
    pass a break is allowed at a revising segment (revises=F) and at the
    revised endpoint's next event.  @rows: Tshark.fields(cap, CHAIN_FIELDS).
    Frames with several verdicts (tunnels) are split; their optional
    crossed/revises values cannot be attributed and such connections are
    skipped.  Returns a list of sentences, empty when the chain holds."""
    conns = {}
    skip = set()
    for r in rows:
        cs = r["tcpedu.conn"].split(",") if r["tcpedu.conn"] else []
        n = len(cs)
        parts = {f: r[f].split(",") for f in CHAIN_FIELDS[:6]}
        for i, c in enumerate(cs):
            v = {f: parts[f][i] for f in CHAIN_FIELDS[:6]}
            if n == 1:
                v["x"], v["r"] = r["tcpedu.receiver.crossed"], r["tcpedu.revises"]
            else:
                v["x"] = v["r"] = ""
                if r["tcpedu.receiver.crossed"] or r["tcpedu.revises"]:
                    skip.update(cs)
            v["frame"] = r["frame"]
            conns.setdefault(c, []).append(v)
    out = []
    for c, vs in conns.items():
        if c in skip:
            continue
        for x in ("client-to-server", "server-to-client"):
            events = []
            for i, v in enumerate(vs):
                if v["tcpedu.direction"] == x:
                    events.append((v, True))
                    if complete:
                        events += [(w, False) for w in vs[:i]
                                   if w["tcpedu.direction"] != x and w["x"] == v["frame"]]
                elif not complete or not v["x"]:
                    events.append((v, False))
            prev, grace = None, False
            for v, snd in events:
                before = v["tcpedu.sender.state.before" if snd else "tcpedu.receiver.state.before"]
                after = v["tcpedu.sender.state.after" if snd else "tcpedu.receiver.state.after"]
                excused = not complete and (v["r"] != "" or grace)
                if prev and before != prev[1] and not excused:
                    out.append("conn %s, %s's %s: frame %s leaves it in %s, frame %s finds it in %s"
                               % (c, "client" if x == "client-to-server" else "server",
                                  "sender" if snd else "receiver", prev[0], prev[1], v["frame"], before))
                grace = not complete and v["r"] != ""
                prev = (v["frame"], after)
    return out


class LifecycleCase(unittest.TestCase):
    """Base class: compare a capture's tcpedu fields with a table."""

    maxDiff = None

    def check_table(self, capture, table, single_pass_differs=None):
        """-2 must match @table exactly; the single pass too, except that it
        cannot know answered_by (a later frame) and that the frames in
        @single_pass_differs ({frame: {field: value}}) show the value a
        later frame revised."""
        t = tshark()
        expected = parse_table(table)
        two = {r["frame"]: r for r in t.fields(capture, TABLE_FIELDS, two_pass=True)}
        one = {r["frame"]: r for r in t.fields(capture, TABLE_FIELDS)}
        self.assertEqual(sorted(two, key=int), sorted(expected, key=int),
                         "frames with a verdict (-2)")
        for fr, exp in expected.items():
            got = {k: v for k, v in two[fr].items() if k != "frame"}
            self.assertEqual(got, exp, "%s frame %s (-2)" % (os.path.basename(capture), fr))
        for fr, exp in expected.items():
            exp1 = dict(exp)
            exp1["tcpedu.answered_by"] = ""
            exp1["tcpedu.receiver.crossed"] = ""  # only a later segment shows it
            exp1.update((single_pass_differs or {}).get(fr, {}))
            got = {k: v for k, v in one[fr].items() if k != "frame"}
            self.assertEqual(got, exp1, "%s frame %s (single pass)" % (os.path.basename(capture), fr))
        self.check_chain(capture)

    def check_chain(self, capture, extra=()):
        """The state chain holds, with -2 and in a single pass."""
        t = tshark()
        for two in (True, False):
            bad = chain_breaks(t.fields(capture, CHAIN_FIELDS, two_pass=two, extra=extra), two)
            self.assertEqual(bad, [], "%s: state chain (%s)" % (os.path.basename(capture),
                                                               "-2" if two else "single pass"))


GOLDEN = os.path.join(SOURCE_DIR, "tests", "e2e", "golden")
REGEN = os.environ.get("TCPEDU_REGEN") == "1"


def check_golden(test, name, out):
    """Compare @out with tests/e2e/golden/@name, or (TCPEDU_REGEN=1) write it."""
    path = os.path.join(GOLDEN, name)
    if REGEN:
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
        return
    with open(path, encoding="utf-8") as f:
        test.assertEqual(out, f.read(), "%s (regenerate: TCPEDU_REGEN=1)" % name)
