"""The Wireshark configuration profiles (profiles/tcpedu, profiles/tcpedu-zh)
and scripts/install-profile.sh.

tshark -C PROFILE must load each profile without a warning; its columns
must show tcpedu's own fields of the same frames, on the summary lines too;
every colouring rule and filter button must be a valid filter that selects
the frames its name promises; the installer must never overwrite a profile
the user changed.
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from tcpedu_e2e import HANDMADE, REAL, SOURCE_DIR, tshark

PROFILES = os.path.join(SOURCE_DIR, "profiles")
# a comparison of a tcpedu field with a bare word (a value-string name)
UNQUOTED = re.compile(r"tcpedu\.[a-z_.]+\s*(==|!=)\s*[A-Za-z]")
INSTALLER = os.path.join(SOURCE_DIR, "scripts", "install-profile.sh")
CAPS = [os.path.join(REAL, "four-segment-close.pcapng"), os.path.join(REAL, "refused.pcapng"),
        os.path.join(REAL, "simultaneous-close.pcapng"), os.path.join(HANDMADE, "syn-retransmitted.pcap"),
        os.path.join(HANDMADE, "midstream.pcap")]


def install_into_tshark_home():
    """Install the profiles into the test tshark's HOME with the installer."""
    t = tshark()
    dest = os.path.join(t.home, ".config", "wireshark", "profiles")
    if not os.path.isdir(os.path.join(dest, "tcpedu")):
        subprocess.run(["bash", INSTALLER, dest], check=True, stdout=subprocess.PIPE)
        for root, dirs, files in os.walk(os.path.join(t.home, ".config")):
            os.chmod(root, 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
    return t


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def uat_rows(path):
    """The quoted fields of each line of a UAT file (dfilter_buttons)."""
    rows = []
    for line in read(path).splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rows.append([f.replace("\\x22", '"') for f in re.findall(r'"((?:[^"\\]|\\.)*)"', line)])
    return rows


def colour_rules(path):
    """(name, filter, bg, fg) of each rule of a colorfilters file ([background][foreground])."""
    rules = []
    for line in read(path).splitlines():
        m = re.match(r"@([^@]*)@([^@]*)@\[(\d+),(\d+),(\d+)\]\[(\d+),(\d+),(\d+)\]$", line.strip())
        if m:
            rules.append((m.group(1), m.group(2), tuple(int(x) for x in m.group(3, 4, 5)),
                          tuple(int(x) for x in m.group(6, 7, 8))))
    return rules


def luminance(rgb16):
    """WCAG relative luminance of a 16-bit colour."""
    def ch(c):
        c = c / 65535.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (ch(c) for c in rgb16)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


class Profile(unittest.TestCase):
    maxDiff = None

    def test_loads_without_warnings(self):
        t = install_into_tshark_home()
        for prof in ("tcpedu", "tcpedu-zh"):
            rc, out, err = t.run(["-C", prof, "-r", t.capture(CAPS[0])])
            self.assertEqual(rc, 0)
            self.assertEqual(err, "", prof)
            # an unknown profile name is an error, so -C really used ours
            rc, _, err = t.run(["-C", prof + "-missing", "-r", t.capture(CAPS[0])], check=False)
            self.assertNotEqual(rc, 0)

    def test_columns_show_tcpedu_fields(self):
        t = install_into_tshark_home()
        for cap in CAPS:
            want = t.fields(cap, ["tcpedu.label", "tcpedu.sender.state.before",
                                  "tcpedu.sender.state.after", "tcpedu.receiver.state.before",
                                  "tcpedu.receiver.state.after"], extra=["-E", "occurrence=f", "-2"])
            # The profile's own columns, as the packet list shows them (-T tabs:
            # the columns in order, Info last).  Not -T fields -e _ws.col.TITLE:
            # 4.0 names custom columns by title, 4.2+ does not register such
            # fields (src/plugin/tcpedu_compat.h).
            _, cols, _ = t.run(["-C", "tcpedu", "-2", "-r", t.capture(cap), "-T", "tabs"])
            got = []
            for line in cols.splitlines():
                c = line.split("\t")
                got.append([c[0].strip(), c[-4], c[-3], c[-2]])
            _, summary, _ = t.run(["-C", "tcpedu", "-2", "-r", t.capture(cap)])
            lines = summary.splitlines()
            self.assertEqual(len(got), len(want), cap)
            for g, w, line in zip(got, want, lines):
                step = w["tcpedu.label"]  # empty on data and pure-ACK segments
                snd = "%s,%s" % (w["tcpedu.sender.state.before"], w["tcpedu.sender.state.after"])
                rcv = "%s,%s" % (w["tcpedu.receiver.state.before"], w["tcpedu.receiver.state.after"])
                self.assertEqual(g, [w["frame"], step, snd, rcv], "%s frame %s" % (cap, w["frame"]))
                self.assertIn((" %s %s %s " % (step, snd, rcv)) if step else (" %s %s " % (snd, rcv)),
                              line, "%s frame %s" % (cap, w["frame"]))
            self.assertTrue(any(g[1] for g in got), "%s: no frame shows a tcpedu.label" % cap)

    def test_chinese_profile(self):
        t = install_into_tshark_home()
        _, out, _ = t.run(["-C", "tcpedu-zh", "-r", t.capture(CAPS[0])])
        self.assertIn("[握手 1/3]", out.splitlines()[0])
        _, out, _ = t.run(["-C", "tcpedu", "-r", t.capture(CAPS[0])])
        self.assertIn("[Handshake 1/3]", out.splitlines()[0])

    def count(self, prof, cap, flt):
        t = tshark()
        _, out, _ = t.run(["-C", prof, "-2", "-r", t.capture(cap), "-Y", flt, "-T", "fields", "-e", "frame.number"])
        return [int(x) for x in out.split()]

    def assert_names_quoted(self, flt):
        # Wireshark 4.4 and 4.6 mark `tcpedu.phase == handshake` deprecated
        # (the filter bar turns yellow, seen in the GUI; tshark says
        # nothing): value-string names must be written "handshake".
        self.assertIsNone(UNQUOTED.search(flt), flt)

    def test_buttons(self):
        install_into_tshark_home()
        en = uat_rows(os.path.join(PROFILES, "tcpedu", "dfilter_buttons"))
        zh = uat_rows(os.path.join(PROFILES, "tcpedu-zh", "dfilter_buttons"))
        self.assertEqual([r[1] for r in en], ["Handshakes", "Teardowns", "Resets", "Anomalies",
                                              "Unfinished connections"])
        self.assertEqual([r[1] for r in zh], ["握手", "挥手", "重置", "异常", "未结束的连接"])
        self.assertEqual([r[2] for r in en], [r[2] for r in zh])
        self.assertTrue(all(r[0] == "TRUE" and len(r) == 4 for r in en + zh))
        for r in en + zh:
            self.assert_names_quoted(r[2])
        b = {r[1]: r[2] for r in en}
        four = os.path.join(REAL, "four-segment-close.pcapng")
        self.assertEqual(self.count("tcpedu", four, b["Handshakes"]), [1, 2, 3])
        self.assertEqual(self.count("tcpedu", four, b["Teardowns"]), [8, 9, 10, 11])
        self.assertEqual(self.count("tcpedu", four, b["Resets"]), [])
        self.assertEqual(self.count("tcpedu", four, b["Anomalies"]), [])
        self.assertEqual(self.count("tcpedu", four, b["Unfinished connections"]), [])
        refused = os.path.join(REAL, "refused.pcapng")
        self.assertEqual(self.count("tcpedu", refused, b["Resets"]),
                         self.count("tcpedu", refused, "tcp.flags.reset == 1"))
        unanswered = os.path.join(HANDMADE, "syn-unanswered.pcap")
        self.assertEqual(self.count("tcpedu", unanswered, b["Unfinished connections"]),
                         self.count("tcpedu", unanswered, "tcp"))
        self.assertEqual(self.count("tcpedu", unanswered, b["Anomalies"]),
                         self.count("tcpedu", unanswered, "tcpedu.anomaly"))

    def test_colours(self):
        t = install_into_tshark_home()
        for prof in ("tcpedu", "tcpedu-zh"):
            rules = colour_rules(os.path.join(PROFILES, prof, "colorfilters"))
            self.assertEqual(len(rules), 4, prof)
            for name, flt, bg, fg in rules:
                # both colours set, dark text on a light background: WCAG contrast >= 7
                lf, lb = luminance(fg), luminance(bg)
                self.assertGreater(lb, lf, name)
                self.assertGreaterEqual((max(lf, lb) + 0.05) / (min(lf, lb) + 0.05), 7.0, name)
                t.run(["-r", t.capture(CAPS[0]), "-Y", flt])  # a valid filter
                self.assert_names_quoted(flt)
        # tshark --color applies them: the rule named after each frame's phase
        _, out, _ = t.run(["-C", "tcpedu", "--color", "-2", "-r", t.capture(os.path.join(REAL, "refused.pcapng")),
                           "-T", "fields", "-e", "frame.coloring_rule.name"])
        self.assertEqual(out.split("\n")[:2], ["tcpedu handshake", "tcpedu anomaly"])
        _, out, _ = t.run(["-C", "tcpedu", "--color", "-2", "-r", t.capture(CAPS[0]),
                           "-T", "fields", "-e", "frame.coloring_rule.name"])
        self.assertEqual(out.splitlines(), ["tcpedu handshake"] * 3 + [""] * 4 + ["tcpedu teardown"] * 4)


class Installer(unittest.TestCase):
    def run_installer(self, dest):
        p = subprocess.run(["bash", INSTALLER, dest], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        return p.stdout.decode()

    def test_install_update_and_keep_changes(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        dest = os.path.join(tmp, "profiles")
        src = os.path.join(tmp, "src")
        shutil.copytree(os.path.join(SOURCE_DIR, "scripts"), os.path.join(src, "scripts"))
        shutil.copytree(PROFILES, os.path.join(src, "profiles"))
        inst = os.path.join(src, "scripts", "install-profile.sh")

        def run():
            return subprocess.run(["bash", inst, dest], stdout=subprocess.PIPE, check=True).stdout.decode()

        out = run()
        self.assertIn("installed profile tcpedu in", out)
        self.assertIn("installed profile tcpedu-zh in", out)
        for f in ("preferences", "colorfilters", "dfilter_buttons"):
            self.assertEqual(read(os.path.join(dest, "tcpedu", f)),
                             read(os.path.join(PROFILES, "tcpedu", f)))
        self.assertIn("tcpedu is up to date", run())
        # Wireshark writes "recent" into the profile: that is not a change by the user
        with open(os.path.join(dest, "tcpedu", "recent"), "w") as f:
            f.write("# recent\n")
        with open(os.path.join(src, "profiles", "tcpedu", "colorfilters"), "a") as f:
            f.write("# a newer tcpedu\n")
        out = run()
        self.assertIn("updated profile tcpedu in", out)
        self.assertTrue(read(os.path.join(dest, "tcpedu", "colorfilters")).endswith("# a newer tcpedu\n"))
        self.assertTrue(os.path.exists(os.path.join(dest, "tcpedu", "recent")))
        # the user edits a file: never overwritten, the new version goes beside it
        with open(os.path.join(dest, "tcpedu", "preferences"), "a") as f:
            f.write("gui.column.format: \"No.\", \"%m\"\n")
        mine = read(os.path.join(dest, "tcpedu", "preferences"))
        with open(os.path.join(src, "profiles", "tcpedu", "preferences"), "a") as f:
            f.write("# newer still\n")
        out = run()
        self.assertIn("was changed since it was installed", out)
        self.assertEqual(read(os.path.join(dest, "tcpedu", "preferences")), mine)
        self.assertTrue(read(os.path.join(dest, "tcpedu.tcpedu-new", "preferences"))
                        .endswith("# newer still\n"))
        # a folder of that name that tcpedu did not install is left alone too
        shutil.rmtree(os.path.join(dest, "tcpedu-zh"))
        os.makedirs(os.path.join(dest, "tcpedu-zh"))
        out = run()
        self.assertIn("profile tcpedu-zh in %s was changed" % os.path.join(dest, "tcpedu-zh"), out)
        self.assertEqual(os.listdir(os.path.join(dest, "tcpedu-zh")), [])


if __name__ == "__main__":
    unittest.main()
