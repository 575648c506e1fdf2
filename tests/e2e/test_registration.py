"""Registration: what Wireshark learns about tcpedu when it loads the plugin.

The plugin, the protocol, the public fields with their types, the
preferences and their effect on the Info column and the tree, and that
docs/FIELDS.md is exactly what scripts/gen-fields-doc.py makes now (so a
field added without regenerating the document fails here).
"""
import difflib
import importlib.util
import os
import re
import unittest

from tcpedu_e2e import REAL, SOURCE_DIR, WS_VERSION, tshark

HTTP_GET = os.path.join(REAL, "http-get.pcapng")
TREE_TITLE = "[TCP lifecycle (tcpedu): "

# The public fields every consumer (tests, docs, teachers' filters) relies on.
REQUIRED_FIELDS = {
    "tcpedu.stream": "FT_UINT32",
    "tcpedu.direction": "FT_UINT8",
    "tcpedu.phase": "FT_UINT8",
    "tcpedu.step": "FT_UINT8",
    "tcpedu.segment": "FT_UINT8",
    "tcpedu.sender.state.before": "FT_UINT8",
    "tcpedu.sender.state.after": "FT_UINT8",
    "tcpedu.receiver.state.before": "FT_UINT8",
    "tcpedu.receiver.state.after": "FT_UINT8",
    "tcpedu.answers": "FT_FRAMENUM",
    "tcpedu.answered_by": "FT_FRAMENUM",
    "tcpedu.isn": "FT_UINT32",
    "tcpedu.handshake.complete": "FT_BOOLEAN",
    "tcpedu.conn.outcome": "FT_UINT8",
}

# Info column prefixes of http-get.pcapng with tshark -2 (frames 4-7 are
# data and ACKs: no prefix).
PREFIX_FRAMES = {"1": "Handshake 1/3", "2": "Handshake 2/3", "3": "Handshake 3/3",
                 "8": "Teardown 1/4", "9": "Teardown 2/4", "10": "Teardown 3/4",
                 "11": "Teardown 4/4"}
ZH = {"Handshake": "握手", "Teardown": "挥手"}


def glossary(report):
    # -G texts contain words like "Dissector bug" (other protocols' field
    # descriptions): do not let run() mistake them for a crash.
    rc, out, err = tshark().run(["-G", report], check=False)
    if rc != 0:
        raise AssertionError("tshark -G %s failed (rc %d):\n%s" % (report, rc, err[-3000:]))
    return out


def info_column(extra=(), two_pass=True):
    """{frame: Info column} of http-get.pcapng, as the packet list shows it."""
    return tshark().info_column(HTTP_GET, extra, two_pass)


def tree_titles(extra=()):
    """{frame: text of the tcpedu tree item} of http-get.pcapng (-2 -V)."""
    t = tshark()
    _, out, _ = t.run(["-r", t.capture(HTTP_GET), "-2", "-O", "tcpedu"] + list(extra))
    titles, frame = {}, None
    for line in out.splitlines():
        m = re.match(r"^Frame (\d+):", line)
        if m:
            frame = m.group(1)
        elif line.startswith(TREE_TITLE):
            titles[frame] = line[len(TREE_TITLE):].rstrip("]")
    return titles


class Registration(unittest.TestCase):
    maxDiff = None

    def test_plugin_listed(self):
        with open(os.path.join(SOURCE_DIR, "CMakeLists.txt"), encoding="utf-8") as f:
            version = re.search(r"project\(tcpedu VERSION ([0-9.]+)", f.read()).group(1)
        rows = [[c.strip() for c in line.split("\t")] for line in glossary("plugins").splitlines()]
        ours = [r for r in rows if r[0] == "tcpedu.so"]
        self.assertEqual(len(ours), 1, "tshark -G plugins lists tcpedu.so once")
        expected_path = os.path.join(tshark().home, ".local", "lib", "wireshark", "plugins",
                                     WS_VERSION, "epan", "tcpedu.so")
        self.assertEqual(ours[0], ["tcpedu.so", version, "dissector", expected_path])

    def test_protocol_listed(self):
        ours = [r for r in tshark().protocols() if r[2] == "tcpedu"]
        self.assertEqual(ours, [("TCP lifecycle (tcpedu)", "tcpedu", "tcpedu")])

    def test_required_fields_and_types(self):
        got = {}
        for line in glossary("fields").splitlines():
            p = line.split("\t")
            if p[0] == "F" and len(p) >= 5 and p[2] in REQUIRED_FIELDS:
                self.assertEqual(p[4], "tcpedu", "parent protocol of %s" % p[2])
                got[p[2]] = p[3]
        self.assertEqual(got, REQUIRED_FIELDS)

    def test_value_names_of_phase_and_states(self):
        vals = tshark().values()
        self.assertEqual(vals["tcpedu.phase"], {"0": "none", "1": "handshake", "2": "data",
                                                "3": "teardown", "4": "reset"})
        states = {"0": "UNKNOWN", "1": "CLOSED", "2": "LISTEN", "3": "SYN-SENT",
                  "4": "SYN-RECEIVED", "5": "ESTABLISHED", "6": "FIN-WAIT-1", "7": "FIN-WAIT-2",
                  "8": "CLOSE-WAIT", "9": "CLOSING", "10": "LAST-ACK", "11": "TIME-WAIT"}
        for f in ("tcpedu.sender.state.before", "tcpedu.sender.state.after",
                  "tcpedu.receiver.state.before", "tcpedu.receiver.state.after"):
            self.assertEqual(vals[f], states, f)

    def test_fields_doc_up_to_date(self):
        path = os.path.join(SOURCE_DIR, "scripts", "gen-fields-doc.py")
        spec = importlib.util.spec_from_file_location("gen_fields_doc", path)
        gen = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gen)
        want = gen.generate(tshark())
        doc = os.path.join(SOURCE_DIR, "docs", "FIELDS.md")
        with open(doc, encoding="utf-8") as f:
            have = f.read()
        if have != want:
            diff = "".join(difflib.unified_diff(have.splitlines(True), want.splitlines(True),
                                                "docs/FIELDS.md", "generated"))
            self.fail("docs/FIELDS.md is out of date: run python3 scripts/gen-fields-doc.py "
                      "--write\n" + diff[:6000])

    def test_default_preferences(self):
        lines = glossary("defaultprefs").splitlines()
        ours = [l for l in lines if l.startswith("#tcpedu.")]
        self.assertEqual(ours, ["#tcpedu.language: English", "#tcpedu.info_prefix: TRUE",
                                "#tcpedu.full_tree: FALSE", "#tcpedu.huge_pages: TRUE",
                                "#tcpedu.server_names: Auto (GUI, reports, and tshark runs that build a tree)"])

    def test_info_prefix_english_default(self):
        info = info_column()
        for fr, info_text in info.items():
            if fr in PREFIX_FRAMES:
                self.assertTrue(info_text.startswith("[%s] " % PREFIX_FRAMES[fr]),
                                "frame %s: %r" % (fr, info_text))
            else:
                self.assertFalse(info_text.startswith("["), "frame %s: %r" % (fr, info_text))
        self.assertEqual(info["1"], "[Handshake 1/3] 52372 → 8080 [SYN] Seq=0 Win=65495 Len=0 "
                         "MSS=65495 SACK_PERM TSval=3770538984 TSecr=0 WS=1024")

    def test_language_chinese(self):
        en = info_column()
        zh = info_column(["-o", "tcpedu.language:chinese"])
        self.assertEqual(sorted(zh, key=int), sorted(en, key=int))
        for fr in en:
            if fr in PREFIX_FRAMES:
                word, n = PREFIX_FRAMES[fr].split(" ")
                en_prefix = "[%s %s] " % (word, n)
                zh_prefix = "[%s %s] " % (ZH[word], n)
                self.assertEqual(zh[fr], zh_prefix + en[fr][len(en_prefix):], "frame %s" % fr)
            else:
                self.assertEqual(zh[fr], en[fr], "frame %s" % fr)
        self.assertTrue(zh["1"].startswith("[握手 1/3] 52372 → 8080 [SYN]"), zh["1"])
        self.assertTrue(zh["8"].startswith("[挥手 1/4] 8080 → 52372 [FIN, ACK]"), zh["8"])
        # The tree's explanation follows the language too.
        tree_en = tree_titles()
        tree_zh = tree_titles(["-o", "tcpedu.language:chinese"])
        self.assertEqual(tree_en["1"],
                         "Handshake 1/3: the client asks to open a connection (active open)")
        self.assertEqual(tree_zh["1"], "握手 1/3：客户端请求建立连接（主动打开）")
        self.assertEqual(tree_zh["11"], "挥手 4/4：最后一个 FIN 被确认：连接关闭")
        for fr, label in PREFIX_FRAMES.items():
            word, n = label.split(" ")
            self.assertTrue(tree_en[fr].startswith("%s %s: " % (word, n)), tree_en[fr])
            # Chinese text uses the full-width colon.
            self.assertTrue(tree_zh[fr].startswith("%s %s：" % (ZH[word], n)), tree_zh[fr])
            self.assertRegex(tree_zh[fr][len(ZH[word]) + len(n) + 2:], "[\u4e00-\u9fff]",
                             "frame %s: Chinese explanation" % fr)
        # "both": English/Chinese label, "English / Chinese" explanation.
        both = info_column(["-o", "tcpedu.language:both"])
        self.assertTrue(both["1"].startswith("[Handshake/握手 1/3] 52372 → 8080"), both["1"])
        self.assertTrue(both["11"].startswith("[Teardown/挥手 4/4] 8080 → 52372"), both["11"])
        tree_both = tree_titles(["-o", "tcpedu.language:both"])
        self.assertEqual(tree_both["1"], "Handshake/握手 1/3: the client asks to open a connection "
                         "(active open) / 客户端请求建立连接（主动打开）")

    def test_info_prefix_off(self):
        on = info_column()
        for lang in ("english", "chinese"):
            off = info_column(["-o", "tcpedu.info_prefix:FALSE", "-o", "tcpedu.language:" + lang])
            self.assertEqual(sorted(off, key=int), sorted(on, key=int))
            for fr in on:
                if fr in PREFIX_FRAMES:
                    self.assertEqual(off[fr], on[fr][len("[%s] " % PREFIX_FRAMES[fr]):],
                                     "%s frame %s" % (lang, fr))
                else:
                    self.assertEqual(off[fr], on[fr], "%s frame %s" % (lang, fr))
        self.assertEqual(off["1"], "52372 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 "
                         "SACK_PERM TSval=3770538984 TSecr=0 WS=1024")
        # The tree is unchanged: the preference is about the Info column only.
        self.assertEqual(tree_titles(["-o", "tcpedu.info_prefix:FALSE"]), tree_titles())

    def test_single_pass_handshake_prefix(self):
        # Without -2 the handshake prefix is known at once.
        zh = info_column(["-o", "tcpedu.language:chinese"], two_pass=False)
        self.assertTrue(zh["1"].startswith("[握手 1/3] "), zh["1"])


if __name__ == "__main__":
    unittest.main()
