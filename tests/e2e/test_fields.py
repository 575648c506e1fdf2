"""Exact values of the numbers, the connection summary and the anomalies.

The numbers a student quotes (ISN, raw and relative seq/ack, the expected
ack of each step) are checked on the README's own capture, and tcpedu's
relative numbers are checked against Wireshark's own tcp.seq/tcp.ack on
every capture that starts with a SYN.  The anomalies of each anomalous
scenario are checked frame by frame, in a single pass and with -2.
"""
import glob
import os
import unittest

import tcpedu_e2e as e

HTTP = os.path.join(e.REAL, "http-get.pcapng")


def per_frame(rows, field):
    return {r["frame"]: r[field] for r in rows if r[field]}


class Numbers(unittest.TestCase):
    maxDiff = None

    def test_http_get_numbers(self):
        cols = ["tcpedu.isn", "tcpedu.seq.raw", "tcpedu.seq.relative", "tcpedu.ack.raw",
                "tcpedu.ack.relative", "tcpedu.ack.expected", "tcpedu.ack.ok", "tcpedu.step.total"]
        rows = e.tshark().fields(HTTP, cols, two_pass=True)
        got = [[r["frame"]] + [r[c] for c in cols] for r in rows]
        C, S = "768044506", "2389565901"   # client and server ISN (raw)
        self.assertEqual(got, [
            ["1", C, "768044506", "0", "", "", "", "", "3"],
            ["2", S, "2389565901", "0", "768044507", "1", "768044507", "1", "3"],   # ack = client ISN + 1
            ["3", C, "768044507", "1", "2389565902", "1", "2389565902", "1", "3"],  # ack = server ISN + 1
            ["4", C, "768044507", "1", "2389565902", "1", "", "", ""],
            ["5", S, "2389565902", "1", "768044584", "78", "", "", ""],
            ["6", S, "2389565902", "1", "768044584", "78", "", "", ""],
            ["7", C, "768044584", "78", "2389566023", "122", "", "", ""],
            ["8", S, "2389566023", "122", "768044584", "78", "", "", "4"],
            ["9", C, "768044584", "78", "2389566024", "123", "2389566024", "1", "4"],  # FIN seq + 1
            ["10", C, "768044584", "78", "2389566024", "123", "", "", "4"],
            ["11", S, "2389566024", "123", "768044585", "79", "768044585", "1", "4"],  # FIN seq + 1
        ])

    def test_http_get_connection_summary(self):
        cols = ["tcpedu.stream", "tcpedu.conn", "tcpedu.conn.client", "tcpedu.conn.server",
                "tcpedu.conn.roles", "tcpedu.conn.isn.client", "tcpedu.conn.isn.server",
                "tcpedu.handshake.complete", "tcpedu.handshake.frame", "tcpedu.conn.teardown",
                "tcpedu.teardown.frame", "tcpedu.conn.first_closer", "tcpedu.conn.outcome"]
        rows = e.tshark().fields(HTTP, cols, two_pass=True)
        self.assertEqual(len(rows), 11)
        full = ["0", "1", "127.0.0.1:52372", "127.0.0.1:8080", "from-syn", "768044506",
                "2389565901", "1", "1,2,3", "four-segment", "8,9,10,11", "server", "closed"]
        for r in rows:
            # every lifecycle segment carries the same (final) summary with -2;
            # data and pure ACKs (4-7) get the compact tree: stream,
            # connection and outcome only (issue 8)
            if r["frame"] in ("4", "5", "6", "7"):
                self.assertEqual([r[c] for c in cols], ["0", "1"] + [""] * 10 + ["closed"], r["frame"])
            else:
                self.assertEqual([r[c] for c in cols], full, r["frame"])
        # a single pass shows the summary as far as it is known
        one = e.tshark().fields(HTTP, ["tcpedu.conn.outcome", "tcpedu.handshake.complete"])
        self.assertEqual([(r["tcpedu.conn.outcome"], r["tcpedu.handshake.complete"]) for r in one], [
            ("syn-unanswered", "0"), ("handshake-incomplete", "0"), ("open", "1"), ("open", ""),
            ("open", ""), ("open", ""), ("open", ""), ("half-closed", "1"), ("half-closed", "1"),
            ("closing", "1"), ("closed", "1")])

    def test_relative_numbers_agree_with_wireshark(self):
        # Both count from the sender's ISN.  refused.pcapng is left out: its
        # RST comes from a side that never sent a SYN, so there is no ISN.
        caps = sorted(glob.glob(os.path.join(e.REAL, "*.pcapng")))
        caps = [c for c in caps if "mid-stream" not in c and "refused" not in c]
        self.assertEqual(len(caps), 18)
        checked = 0
        for cap in caps:
            rows = e.tshark().fields(cap, ["tcp.seq", "tcpedu.seq.relative", "tcp.ack",
                                           "tcpedu.ack.relative", "tcp.seq_raw", "tcpedu.seq.raw"])
            for r in rows:
                where = "%s frame %s" % (os.path.basename(cap), r["frame"])
                self.assertEqual(r["tcpedu.seq.relative"], r["tcp.seq"], where)
                self.assertEqual(r["tcpedu.seq.raw"], r["tcp.seq_raw"], where)
                if r["tcpedu.ack.relative"]:
                    self.assertEqual(r["tcpedu.ack.relative"], r["tcp.ack"], where)
                    checked += 1
        self.assertGreater(checked, 150)


class Addresses(unittest.TestCase):
    """Addresses as Wireshark prints them: IPv6 in RFC 5952 short form."""

    def test_ipv6_short_form_in_tree_and_report(self):
        t = e.tshark()
        cap = os.path.join(e.HANDMADE, "ipv6.pcap")
        r = t.fields(cap, ["tcpedu.conn.client", "tcpedu.conn.server"], two_pass=True)[0]
        self.assertEqual((r["tcpedu.conn.client"], r["tcpedu.conn.server"]),
                         ("[2001:db8:1::10]:40023", "[2001:db8:2::80]:80"))
        _, out, _ = t.run(["-r", t.capture(cap), "-q", "-z", "tcpedu,conns-tsv"])
        self.assertIn("[2001:db8:1::10]:40023\t[2001:db8:2::80]:80", out)
        self.assertNotIn(":0:0:", out)


class Anomalies(unittest.TestCase):
    """Frame -> anomaly names, single pass and -2."""
    maxDiff = None

    CASES = [
        # capture, single pass, -2 (only later frames can tell: unanswered SYN, crossing FIN)
        ("real/refused.pcapng", {"2": "3whs_refused"}, None),
        ("real/syn-timeout.pcapng",
         {"2": "3whs_syn_retransmitted", "3": "3whs_syn_retransmitted"},
         {"2": "3whs_syn_retransmitted", "3": "3whs_syn_retransmitted,3whs_syn_unanswered"}),
        ("real/rst-linger.pcapng", {"8": "rst_abort"}, None),
        ("real/rst-unread.pcapng", {"6": "rst_abort"}, None),
        ("real/port-reuse.pcapng", {"11": "port_reuse"}, None),
        ("real/tfo.pcapng", {"9": "3whs_syn_with_data"}, None),
        ("real/half-close.pcapng", {"7": "half_close_data", "9": "half_close_data",
                                    "11": "half_close_data"}, None),
        ("real/simultaneous-open.pcapng", {"2": "3whs_simultaneous_open"}, None),
        ("real/mid-stream.pcapng", {"1": "handshake_not_captured"}, None),
        ("handmade/rst-out-of-window.pcap", {"7": "rst_not_acceptable"}, None),
        ("handmade/rst-in-window-inexact.pcap", {"7": "rst_not_acceptable", "9": "rst_abort"}, None),
        ("handmade/simultaneous-close.pcap", {"8": "simultaneous_close"},
         {"7": "simultaneous_close", "8": "simultaneous_close"}),
        ("handmade/fin-then-rst.pcap", {"8": "fin_answered_by_rst"}, None),
        ("handmade/fin-retransmitted.pcap", {"8": "fin_retransmitted"}, None),
        ("handmade/synack-retransmitted.pcap", {"3": "3whs_synack_retransmitted"}, None),
        ("handmade/bad-synack-ack.pcap", {"2": "3whs_synack_with_wrong_ack",
                                          "4": "3whs_syn_retransmitted"}, None),
        ("handmade/midstream-synack.pcap", {"1": "3whs_syn_not_captured"}, None),
        ("handmade/odd-flags.pcap", {"7": "syn_in_synchronized_state,flags_syn_fin", "8": "flags_none",
                                     "9": "ack_flag_missing", "10": "flags_syn_rst"}, None),
        ("handmade/fastopen-ignored.pcap", {"1": "3whs_syn_with_data",
                                            "2": "3whs_fastopen_data_not_acked"}, None),
        ("handmade/rst-after-close.pcap", {"11": "segment_after_close"}, None),
        ("handmade/truncated.pcap", {"6": "ack_of_unsent_data"}, None),
    ]

    def test_anomalies(self):
        t = e.tshark()
        for cap, single, two in self.CASES:
            path = os.path.join(e.REAL if cap.startswith("real/") else e.HANDMADE, cap.split("/", 1)[1])
            got1 = per_frame(t.fields(path, ["tcpedu.anomaly"]), "tcpedu.anomaly")
            got2 = per_frame(t.fields(path, ["tcpedu.anomaly"], two_pass=True), "tcpedu.anomaly")
            self.assertEqual(got1, single, cap + " (single pass)")
            self.assertEqual(got2, two if two is not None else single, cap + " (-2)")

    def test_expert_items_for_quoted_and_malformed_headers(self):
        t = e.tshark()
        _, out, _ = t.run(["-r", t.capture(os.path.join(e.HANDMADE, "icmp-quoted.pcap")), "-Y",
                           "tcpedu.quoted_in_icmp", "-T", "fields", "-e", "frame.number",
                           "-e", "tcpedu.quoted", "-e", "tcpedu.phase"])
        self.assertEqual(out.split("\n")[:-1], ["6\t1\t", "7\t1\t"])
        _, out, _ = t.run(["-r", t.capture(os.path.join(e.HANDMADE, "truncated.pcap")), "-Y",
                           "tcpedu.malformed", "-T", "fields", "-e", "frame.number", "-e", "tcpedu.phase"])
        self.assertEqual(out.split("\n")[:-1], ["4\t", "5\t", "7\t"])

    def test_expert_statistics(self):
        """tshark -z expert lists tcpedu's items with their severity."""
        t = e.tshark()
        _, out, _ = t.run(["-r", t.capture(os.path.join(e.REAL, "refused.pcapng")), "-q", "-z",
                           "expert,note"])
        self.assertIn("Connection refused: the SYN was answered by RST (no process listens on this port)",
                      out)
        self.assertRegex(out, r"Warns \(\d+\)")


if __name__ == "__main__":
    unittest.main()
