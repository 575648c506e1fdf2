#!/usr/bin/env python3
"""Edge cases found by fuzzing (issue 10), on crafted captures from
tests/captures/handmade/build.py:

  * time-after-2262.pcapng: frame times outside int64 nanoseconds saturate
    (no signed overflow), carry the tcpedu.time_unusable note, and no
    duration is computed from them;
  * sflow-many-headers.pcap / sflow-layer-255.pcap: more than 8 TCP headers
    in one frame, or a TCP header past protocol layer 255 (whose layer
    number wraps in 4.0), are reported with tcpedu.layers_dropped;
  * conns-many-zeek-rows.pcap: the padded `-z tcpedu,conns` table stays
    linear in the capture's size (docs/REPORTS.md states the bound).
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tcpedu_e2e as E  # noqa: E402

TIME_NOTE = ("This frame's time is outside what tcpedu can compute with (1677-09-21 to "
             "2262-04-11, a broken clock or a crafted file): no durations are computed from it")
LAYERS_NOTE = ("This frame holds more TCP headers than tcpedu analyses (8, or beyond protocol "
               "layer 255): the later ones are not analysed")
# docs/REPORTS.md: each line of the conns text table is at most this long
CONNS_LINE_MAX = 1400
CONNS_HEAD_MAX = 400


def cap(name):
    return os.path.join(E.HANDMADE, name)


class EdgeCases(unittest.TestCase):
    def setUp(self):
        self.t = E.tshark()

    def expert_messages(self, capture, two_pass):
        rows = self.t.fields(capture, ["_ws.expert.message"], two_pass=two_pass)
        return {r["frame"]: r["_ws.expert.message"] for r in rows}

    def test_time_after_2262(self):
        for two_pass in (False, True):
            rows = self.t.fields(cap("time-after-2262.pcapng"),
                                 ["tcpedu.step", "tcpedu.handshake.rtt.syn_synack",
                                  "tcpedu.handshake.rtt.synack_ack", "tcpedu.handshake.rtt",
                                  "tcpedu.teardown.time", "tcpedu.time_unusable"],
                                 two_pass=two_pass)
            self.assertEqual([r["frame"] for r in rows], [str(i) for i in range(1, 10)])
            for r in rows:
                self.assertEqual(r["tcpedu.handshake.rtt.syn_synack"], "", r)
                self.assertEqual(r["tcpedu.handshake.rtt.synack_ack"], "", r)
                self.assertEqual(r["tcpedu.handshake.rtt"], "", r)
                self.assertEqual(r["tcpedu.teardown.time"], "", r)
            self.assertEqual([r["tcpedu.step"] for r in rows],
                             ["1", "2", "3", "", "", "", "1", "2", "3"])
            msgs = self.expert_messages(cap("time-after-2262.pcapng"), two_pass)
            self.assertNotIn(TIME_NOTE, msgs["1"])
            for f in range(2, 10):
                self.assertEqual(msgs[str(f)].count(TIME_NOTE), 1, f)
        _, out, _ = self.t.run(["-r", self.t.capture(cap("time-after-2262.pcapng")), "-q",
                                "-z", "tcpedu,conns-tsv"])
        lines = [line.split("\t") for line in out.splitlines() if line.startswith(("conn\t", "1\t"))]
        self.assertEqual(dict(zip(lines[0], lines[1]))["handshake_rtt_ms"], "-")
        self.assertEqual(dict(zip(lines[0], lines[1]))["handshake_frames"], "1,2,3")

    def test_more_than_eight_tcp_headers(self):
        for two_pass in (False, True):
            rows = self.t.fields(cap("sflow-many-headers.pcap"), ["tcpedu.layers.dropped"],
                                 two_pass=two_pass)
            self.assertEqual({r["frame"]: r["tcpedu.layers.dropped"] for r in rows},
                             {"1": "", "2": "", "3": "", "4": "2", "5": ""})
            msgs = self.expert_messages(cap("sflow-many-headers.pcap"), two_pass)
            self.assertEqual(msgs["4"].count(LAYERS_NOTE), 1)
            self.assertNotIn(LAYERS_NOTE, msgs["3"])
        _, out, _ = self.t.run(["-r", self.t.capture(cap("sflow-many-headers.pcap")), "-q",
                                "-z", "expert,note"])
        self.assertIn(LAYERS_NOTE, out)

    def test_tcp_header_past_layer_255(self):
        for two_pass in (False, True):
            rows = self.t.fields(cap("sflow-layer-255.pcap"),
                                 ["tcpedu.layers.dropped", "tcpedu.malformed", "tcpedu.stream"],
                                 two_pass=two_pass)
            self.assertEqual(len(rows), 1)
            self.assertEqual(rows[0]["tcpedu.layers.dropped"], "1")
            self.assertEqual(rows[0]["tcpedu.malformed"], "")
            self.assertEqual(rows[0]["tcpedu.stream"], "")

    def test_conns_table_is_linear(self):
        path = cap("conns-many-zeek-rows.pcap")
        for two_pass in (False, True):
            args = ["-r", self.t.capture(path), "-q", "-z", "tcpedu,conns"]
            _, out, _ = self.t.run(args + (["-2"] if two_pass else []))
            lines = out.splitlines()
            self.assertIn("Connections: 301", lines)
            body = [line for line in lines if line[:1].isdigit()]
            self.assertEqual(len(body), 301)
            self.assertLessEqual(max(len(line.encode()) for line in lines), CONNS_LINE_MAX)
            self.assertLessEqual(len(out.encode()), CONNS_HEAD_MAX + 301 * (CONNS_LINE_MAX + 1))
            # and in practice about twice the capture's size (99 KB of table
            # for 49 KB of capture since the site columns joined), where the
            # unbounded table was seven times it
            self.assertLess(len(out.encode()), 3 * os.path.getsize(path))
            last = body[-1].split()
            self.assertEqual(last[0], "301")
            # the Zeek columns, then the three site columns (no name, no
            # source, nothing missing to explain: "-")
            self.assertEqual(" ".join(last[-11:]),
                             "S0,S0,S0,... and 297 more S,S,S,... and 297 more - - -")
        # the other reports' bounds (docs/REPORTS.md), 301 connections, 600 segments
        bounds = {"conns-tsv": 301 * 1400 + 600 * 72, "conns-json": 301 * 2400 + 600 * 72,
                  "report": 400 + 301 * 1000 + 600 * 1200, "tree": 10000}
        for rep, bound in bounds.items():
            _, out, _ = self.t.run(["-r", self.t.capture(path), "-q", "-o",
                                    "tcpedu.language:both", "-z", "tcpedu," + rep])
            self.assertLessEqual(len(out.encode()), bound, rep)
            self.assertGreater(len(out.encode()), 1000, rep)
        # the machine-readable forms list every Zeek row
        _, out, _ = self.t.run(["-r", self.t.capture(path), "-q", "-z", "tcpedu,conns-tsv"])
        lines = out.splitlines()
        row = dict(zip(lines[0].split("\t"), lines[-1].split("\t")))
        self.assertEqual(row["zeek_conn_state"], ",".join(["S0"] * 300))
        self.assertEqual(row["zeek_history"], ",".join(["S"] * 300))


if __name__ == "__main__":
    unittest.main()
