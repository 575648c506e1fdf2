"""What differs between Wireshark 4.0, 4.4 and 4.6, as users see it.

The same tests run on every version (scripts/test-in.sh runs them in
Debian trixie and sid roots); where Wireshark itself prints something
differently, the test states the exact output of each version, so a new
version that changes it again fails here first.  The version differences
of the code are in src/plugin/tcpedu_compat.h.
"""
import os
import unittest

from tcpedu_e2e import REAL, WS, tshark

HTTP_GET = os.path.join(REAL, "http-get.pcapng")
REFUSED = os.path.join(REAL, "refused.pcapng")

# tcpedu.label of http-get.pcapng: the Info column prefix, as a field.
LABELS_TWO_PASS = {"1": "Handshake 1/3", "2": "Handshake 2/3", "3": "Handshake 3/3",
                   "4": "", "5": "", "6": "", "7": "",
                   "8": "Teardown 1/4", "9": "Teardown 2/4", "10": "Teardown 3/4",
                   "11": "Teardown 4/4"}
# A single pass cannot know the teardown's length before its third step.
LABELS_ONE_PASS = dict(LABELS_TWO_PASS, **{"8": "Teardown 1", "9": "Teardown 2"})
FRAME1_INFO = ("52372 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM "
               "TSval=3770538984 TSecr=0 WS=1024")


def labels(capture, two_pass=True, extra=()):
    return {r["frame"]: r["tcpedu.label"]
            for r in tshark().fields(capture, ["tcpedu.label"], two_pass, extra)}


class Label(unittest.TestCase):
    maxDiff = None

    def test_label_two_pass(self):
        self.assertEqual(labels(HTTP_GET), LABELS_TWO_PASS)

    def test_label_single_pass(self):
        self.assertEqual(labels(HTTP_GET, two_pass=False), LABELS_ONE_PASS)

    def test_label_reset_and_languages(self):
        self.assertEqual(labels(REFUSED), {"1": "Handshake 1/3", "2": "Reset"})
        self.assertEqual(labels(REFUSED, extra=["-o", "tcpedu.language:chinese"]),
                         {"1": "握手 1/3", "2": "重置"})
        self.assertEqual(labels(HTTP_GET, extra=["-o", "tcpedu.language:both"])["11"],
                         "Teardown/挥手 4/4")

    def test_label_is_the_info_prefix(self):
        info = tshark().info_column(HTTP_GET)
        for fr, label in LABELS_TWO_PASS.items():
            if label:
                self.assertTrue(info[fr].startswith("[%s] " % label), (fr, info[fr]))
            else:
                self.assertFalse(info[fr].startswith("["), (fr, info[fr]))

    def test_label_filter(self):
        t = tshark()
        _, out, _ = t.run(["-r", t.capture(HTTP_GET), "-2", "-Y", 'tcpedu.label == "Handshake 2/3"',
                           "-T", "fields", "-e", "frame.number"])
        self.assertEqual(out.split(), ["2"])
        _, out, _ = t.run(["-r", t.capture(HTTP_GET), "-2", "-Y", 'tcpedu.label contains "Teardown"',
                           "-T", "fields", "-e", "frame.number"])
        self.assertEqual(out.split(), ["8", "9", "10", "11"])

    def test_label_custom_column(self):
        # What a user sets up in Preferences > Columns: a custom column.
        t = tshark()
        _, out, _ = t.run(["-r", t.capture(HTTP_GET), "-2", "-T", "tabs", "-o",
                           'gui.column.format:"No.","%m","tcpedu","%Cus:tcpedu.label:0:R"'])
        got = {}
        for line in out.splitlines():
            cols = line.split("\t")
            got[cols[0].strip()] = cols[1].strip() if len(cols) > 1 else ""
        self.assertEqual(got, LABELS_TWO_PASS)


class OutputForms(unittest.TestCase):
    """Wireshark's own output changes that the helper and the README know."""

    def test_info_field_carries_prefix_only_on_4_0(self):
        # From 4.2 on _ws.col.info (4.0: _ws.col.Info) is filled in before
        # post-dissectors run.
        t = tshark()
        field = "_ws.col.Info" if WS < (4, 2) else "_ws.col.info"
        _, out, _ = t.run(["-r", t.capture(HTTP_GET), "-2", "-Y", "frame.number == 1",
                           "-T", "fields", "-e", field])
        want = ("[Handshake 1/3] " + FRAME1_INFO) if WS < (4, 2) else FRAME1_INFO
        self.assertEqual(out.rstrip("\n"), want)
        # The packet list (and so the GUI) has the prefix on every version.
        self.assertEqual(t.info_column(HTTP_GET)["1"], "[Handshake 1/3] " + FRAME1_INFO)

    def test_booleans_raw_and_normalised(self):
        t = tshark()
        args = ["-r", t.capture(HTTP_GET), "-2", "-Y", "frame.number == 1", "-T", "fields",
                "-e", "tcpedu.handshake.complete", "-e", "tcpedu.sender.state.inferred"]
        _, raw, _ = t.run(args, raw=True)
        self.assertEqual(raw.rstrip("\n"), "1\t0" if WS < (4, 2) else "True\tFalse")
        _, norm, _ = t.run(args)
        self.assertEqual(norm.rstrip("\n"), "1\t0")

    def test_relative_time_units(self):
        # 4.6 prints FT_RELATIVE_TIME in adaptive units in the tree; -T fields
        # prints seconds on every version.
        t = tshark()
        _, out, _ = t.run(["-r", t.capture(HTTP_GET), "-2", "-O", "tcpedu", "-Y", "frame.number == 3"])
        lines = [l.strip() for l in out.splitlines() if "SYN to SYN-ACK:" in l]
        want = "14.291 microseconds" if WS >= (4, 6) else "0.000014291 seconds"
        self.assertEqual(lines, ["[SYN to SYN-ACK: %s]" % want])
        row = t.fields(HTTP_GET, ["tcpedu.handshake.rtt.syn_synack"], True, ["-Y", "frame.number == 3"])
        self.assertEqual([r["tcpedu.handshake.rtt.syn_synack"] for r in row], ["0.000014291"])

    def test_glossary_is_not_a_crash(self):
        # 4.4+ lists _ws.dissector_bug ("Dissector bug") in -G protocols and
        # -G values: run() must not take that for a crash.
        protos = tshark().protocols()
        self.assertIn(("TCP lifecycle (tcpedu)", "tcpedu", "tcpedu"), protos)


if __name__ == "__main__":
    unittest.main()
