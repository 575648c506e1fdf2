"""The words a student reads: headlines of every handshake and teardown step
(four-segment, three-segment, simultaneous, reset, refused) in English and
in Chinese, the Info column prefix, and the explanations of the fields
LESSONS.md asks about, checked exactly on the project's captures.
"""
import os
import unittest

import tcpedu_e2e as e

STEPS = ["-Y", 'tcpedu.step || tcpedu.phase == "reset"']

HS_EN = [
    "Handshake 1/3: the client asks to open a connection (active open)",
    "Handshake 2/3: the server accepts and sends its own SYN",
    "Handshake 3/3: the client acknowledges the server's SYN: the connection is established",
]
HS_ZH = [
    "握手 1/3：客户端请求建立连接（主动打开）",
    "握手 2/3：服务器接受连接请求，并发送自己的 SYN",
    "握手 3/3：客户端确认服务器的 SYN：连接建立",
]

# The handmade captures' client sends "Host: www.example.com": the first
# SYN's headline names the site (-2).
HS_EN_SITE = ["Handshake 1/3: the client asks to open a connection to www.example.com (active open)"] + HS_EN[1:]
HS_ZH_SITE = ["握手 1/3：客户端请求与 www.example.com 建立连接（主动打开）"] + HS_ZH[1:]

CASES = {
    # capture: (frames, English headlines, Chinese headlines)
    "real/four-segment-close.pcapng": (["1", "2", "3", "8", "9", "10", "11"], HS_EN + [
        "Teardown 1/4: this side has no more data to send and closes first (active close)",
        "Teardown 2/4: the other side acknowledges the FIN; the connection is now half-closed",
        "Teardown 3/4: the other side closes too (passive close)",
        "Teardown 4/4: the last FIN is acknowledged: the connection is closed",
    ], HS_ZH + [
        "挥手 1/4：本端没有更多数据要发送，首先关闭（主动关闭）",
        "挥手 2/4：另一端确认 FIN；连接进入半关闭",
        "挥手 3/4：另一端也关闭（被动关闭）",
        "挥手 4/4：最后一个 FIN 被确认：连接关闭",
    ]),
    "real/three-segment-close.pcapng": (["1", "2", "3", "8", "9", "10"], HS_EN + [
        "Teardown 1/3: this side has no more data to send and closes first (active close)",
        "Teardown 2/3: the other side acknowledges the FIN and closes in the same segment",
        "Teardown 3/3: the last FIN is acknowledged: the connection is closed",
    ], HS_ZH + [
        "挥手 1/3：本端没有更多数据要发送，首先关闭（主动关闭）",
        "挥手 2/3：另一端在同一个报文段中确认 FIN 并关闭",
        "挥手 3/3：最后一个 FIN 被确认：连接关闭",
    ]),
    "handmade/simultaneous-close.pcap": (["1", "2", "3", "7", "8", "9", "10"], HS_EN_SITE + [
        "Teardown 1/4: this side has no more data to send and closes first (active close)",
        "Teardown 2/4: both sides close at the same time: the FINs cross",
        "Teardown 3/4: this side acknowledges the other side's FIN (simultaneous close)",
        "Teardown 4/4: this side acknowledges the other side's FIN (simultaneous close)",
    ], HS_ZH_SITE + [
        "挥手 1/4：本端没有更多数据要发送，首先关闭（主动关闭）",
        "挥手 2/4：双方同时关闭：两个 FIN 交叉而过",
        "挥手 3/4：本端确认对方的 FIN（同时关闭）",
        "挥手 4/4：本端确认对方的 FIN（同时关闭）",
    ]),
    "real/rst-linger.pcapng": (["1", "2", "3", "8"], HS_EN + [
        "Reset: the connection is aborted by RST instead of closed by FIN",
    ], HS_ZH + [
        "重置：连接被 RST 中止，而不是通过 FIN 关闭",
    ]),
    "real/refused.pcapng": (["1", "2"], HS_EN[:1] + [
        "Reset: the SYN is refused: nothing listens on this port",
    ], HS_ZH[:1] + [
        "重置：SYN 被拒绝：该端口上没有进程在监听",
    ]),
}


def path_of(cap):
    folder, name = cap.split("/", 1)
    return os.path.join(e.REAL if folder == "real" else e.HANDMADE, name)


class Headlines(unittest.TestCase):
    maxDiff = None

    def test_headlines_both_languages(self):
        t = e.tshark()
        for cap, (frames, en, zh) in CASES.items():
            for lang, want in (("english", en), ("chinese", zh)):
                rows = t.fields(path_of(cap), ["tcpedu.headline"], two_pass=True,
                                extra=["-o", "tcpedu.language:" + lang] + STEPS)
                self.assertEqual([r["frame"] for r in rows], frames, cap)
                self.assertEqual([r["tcpedu.headline"] for r in rows], want, "%s %s" % (cap, lang))

    def test_both_languages_at_once(self):
        rows = e.tshark().fields(path_of("real/three-segment-close.pcapng"), ["tcpedu.headline"],
                                 two_pass=True, extra=["-o", "tcpedu.language:both", "-Y", "frame.number == 9"])
        self.assertEqual(rows[0]["tcpedu.headline"],
                         "Teardown/挥手 2/3: the other side acknowledges the FIN and closes in the same segment"
                         " / 另一端在同一个报文段中确认 FIN 并关闭")

    def test_info_column_prefix(self):
        t = e.tshark()
        cap = t.capture(path_of("real/three-segment-close.pcapng"))
        for lang, prefixes in (("english", ["[Handshake 1/3]", "[Handshake 2/3]", "[Handshake 3/3]",
                                            "[Teardown 1/3]", "[Teardown 2/3]", "[Teardown 3/3]"]),
                               ("chinese", ["[握手 1/3]", "[握手 2/3]", "[握手 3/3]",
                                            "[挥手 1/3]", "[挥手 2/3]", "[挥手 3/3]"])):
            info = t.info_column(cap, ["-o", "tcpedu.language:" + lang, "-Y", "tcpedu.step"])
            got = [line.split(" ")[0] + " " + line.split(" ")[1] for line in info.values()]
            self.assertEqual(got, prefixes, lang)
        info = t.info_column(cap, ["-o", "tcpedu.info_prefix:FALSE", "-Y", "frame.number == 1"])
        self.assertFalse(info["1"].startswith("["), info)


class FieldExplanations(unittest.TestCase):
    """LESSONS.md: what the student should read off each segment."""
    maxDiff = None

    def fields(self, cap, names, frame):
        rows = e.tshark().fields(path_of(cap), names, two_pass=True, extra=["-Y", "frame.number == %d" % frame])
        self.assertEqual(len(rows), 1)
        return rows[0]

    def test_syn_flags_seq_and_options(self):
        r = self.fields("handmade/syn-options.pcap",
                        ["tcpedu.flags.explain", "tcpedu.seq.explain", "tcpedu.ack.explain",
                         "tcpedu.hdr.len", "tcpedu.hdr.words", "tcpedu.window.value",
                         "tcpedu.window.explain", "tcpedu.opt.mss", "tcpedu.opt.wscale",
                         "tcpedu.opt.sack_perm", "tcpedu.opt.tsecr"], 1)
        self.assertEqual(r["tcpedu.flags.explain"],
                         "SYN=1, ACK=0: the first segment asks to synchronize sequence numbers and has nothing"
                         " to acknowledge yet,ECE=1 and CWR=1 in a SYN: the client offers Explicit Congestion"
                         " Notification")
        self.assertTrue(r["tcpedu.seq.explain"].startswith(
            "The sequence number of a SYN is the sender's initial sequence number (ISN), chosen at random;"
            " the SYN uses one number, so data starts at ISN + 1,Relative numbers count from the ISN"))
        self.assertEqual(r["tcpedu.ack.explain"], "ACK=0: the acknowledgment field carries nothing")
        self.assertEqual([r["tcpedu.hdr.len"], r["tcpedu.hdr.words"]], ["40", "10"])
        self.assertEqual(r["tcpedu.window.explain"], "The window in a SYN or SYN-ACK is never scaled")
        self.assertEqual([r["tcpedu.opt.mss"], r["tcpedu.opt.wscale"], r["tcpedu.opt.sack_perm"],
                          r["tcpedu.opt.tsecr"]], ["1460", "7", "1", "0"])

    def test_handshake_ack_is_not_a_synack(self):
        r = self.fields("handmade/syn-options.pcap", ["tcpedu.flags.explain", "tcpedu.ack.explain",
                                                       "tcpedu.window.size", "tcpedu.window.shift"], 3)
        self.assertEqual(r["tcpedu.flags.explain"],
                         "SYN=0, ACK=1: the third segment only acknowledges; it is not a SYN-ACK")
        self.assertEqual(r["tcpedu.ack.explain"],
                         "Acknowledgment = the peer's ISN + 1, because the SYN used one sequence number")
        # the client offered shift 7; its windows are scaled from now on
        self.assertEqual(r["tcpedu.window.shift"], "7")

    def test_effective_options_and_ecn(self):
        r = self.fields("handmade/syn-options.pcap",
                        ["tcpedu.conn.wscale", "tcpedu.conn.sack", "tcpedu.conn.timestamps",
                         "tcpedu.conn.ecn", "tcpedu.conn.mss.client", "tcpedu.conn.mss.server"], 3)
        # both offered window scale and timestamps; only the client offered SACK;
        # SYN had ECE+CWR and the SYN-ACK ECE alone (the connection summary is
        # on the lifecycle segments: here the handshake's ACK)
        self.assertEqual({k: v for k, v in r.items() if k != "frame"}, {
            "tcpedu.conn.wscale": "1", "tcpedu.conn.sack": "0", "tcpedu.conn.timestamps": "1",
            "tcpedu.conn.ecn": "1", "tcpedu.conn.mss.client": "1460", "tcpedu.conn.mss.server": "1400"})
        # frame 5, data, gets the compact tree without the summary (issue 8)
        r = self.fields("handmade/syn-options.pcap", ["tcpedu.segment", "tcpedu.conn.wscale"], 5)
        self.assertEqual((r["tcpedu.segment"], r["tcpedu.conn.wscale"]), ("data", ""))

    def test_first_fin_has_ack_and_passive_side_state(self):
        r = self.fields("real/four-segment-close.pcapng",
                        ["tcpedu.flags.explain", "tcpedu.seq.explain", "tcpedu.receiver.state.explain"], 8)
        self.assertEqual(r["tcpedu.flags.explain"],
                         "FIN=1 (and ACK=1): the sender has no more data; a FIN carries ACK like every segment"
                         " after the handshake")
        self.assertTrue(r["tcpedu.seq.explain"].startswith(
            "The FIN takes the number after the last data byte and uses up one sequence number itself"))
        self.assertEqual(r["tcpedu.receiver.state.explain"],
                         "CLOSE-WAIT: the peer's FIN arrived (its application reads end of file); this side may"
                         " still send until its application closes")

    def test_final_ack_time_wait(self):
        r = self.fields("real/four-segment-close.pcapng",
                        ["tcpedu.ack.explain", "tcpedu.sender.state.explain", "tcpedu.sender.since",
                         "tcpedu.teardown.explain"], 11)
        self.assertEqual(r["tcpedu.ack.explain"],
                         "Acknowledgment = the FIN's sequence number + 1, because the FIN used one sequence number")
        # RFC 9293 3.10.7.4: the client entered TIME-WAIT as the server's FIN (frame 10) arrived
        self.assertEqual(r["tcpedu.sender.state.explain"],
                         "the client has been in TIME-WAIT since the server's FIN arrived (see \"since frame\");"
                         " it waits 2 x MSL after this ACK")
        self.assertEqual(r["tcpedu.sender.since"], "10")
        self.assertEqual(r["tcpedu.teardown.explain"], "Four segments: FIN, ACK, FIN, ACK, as in the textbook")

    def test_passive_fin_takes_fin_wait_2_to_time_wait(self):
        r = self.fields("real/four-segment-close.pcapng",
                        ["tcpedu.receiver.state.explain", "tcpedu.receiver.since"], 10)
        self.assertEqual(r["tcpedu.receiver.state.explain"],
                         "TIME-WAIT: the active closer waits 2 x MSL (RFC: MSL = 2 min; Linux waits 60 s) so that"
                         " a lost final ACK can be sent again and old duplicate segments die out")
        self.assertEqual(r["tcpedu.receiver.since"], "10")

    def test_synack_sent_from_syn_received(self):
        r = self.fields("real/four-segment-close.pcapng",
                        ["tcpedu.sender.state.explain", "tcpedu.sender.since",
                         "tcpedu.receiver.state.explain", "tcpedu.receiver.since"], 2)
        self.assertEqual(r["tcpedu.sender.state.explain"],
                         "the server entered SYN-RECEIVED when the SYN arrived (see \"since frame\") and answers"
                         " from there")
        self.assertEqual(r["tcpedu.sender.since"], "1")
        self.assertEqual(r["tcpedu.receiver.state.explain"],
                         "ESTABLISHED: both SYNs are acknowledged; data can flow both ways")
        self.assertEqual(r["tcpedu.receiver.since"], "2")

    def test_synack_sent_from_syn_received_chinese(self):
        rows = e.tshark().fields(path_of("real/four-segment-close.pcapng"),
                                 ["tcpedu.sender.state.explain"], two_pass=True,
                                 extra=["-o", "tcpedu.language:chinese", "-Y", "frame.number == 2"])
        self.assertEqual(rows[0]["tcpedu.sender.state.explain"],
                         "服务器在 SYN 到达时（见“since frame”）进入 SYN-RECEIVED，并从该状态发出回应")

    def test_syn_takes_listener_to_syn_received(self):
        r = self.fields("real/four-segment-close.pcapng",
                        ["tcpedu.receiver.state.before", "tcpedu.receiver.state.after",
                         "tcpedu.receiver.state.explain"], 1)
        self.assertEqual((r["tcpedu.receiver.state.before"], r["tcpedu.receiver.state.after"]), ("LISTEN", "SYN-RECEIVED"))
        self.assertEqual(r["tcpedu.receiver.state.explain"],
                         "SYN-RECEIVED: the peer's SYN arrived; this side answers with its own SYN and waits for"
                         " the ACK of it")

    def test_three_segment_style_explained(self):
        r = self.fields("real/three-segment-close.pcapng", ["tcpedu.teardown.explain"], 9)
        self.assertEqual(r["tcpedu.teardown.explain"],
                         "Three segments: the passive side had nothing left to send, so its ACK and its FIN"
                         " travel in one segment (what most real captures show); the active closer gets both at"
                         " once and goes from FIN-WAIT-1 straight to TIME-WAIT, never FIN-WAIT-2")

    def test_three_segment_receiver_never_shows_fin_wait_2(self):
        r = self.fields("real/three-segment-close.pcapng",
                        ["tcpedu.receiver.state.before", "tcpedu.receiver.state.after",
                         "tcpedu.receiver.state.explain"], 9)
        self.assertEqual((r["tcpedu.receiver.state.before"], r["tcpedu.receiver.state.after"]), ("FIN-WAIT-1", "TIME-WAIT"))
        self.assertEqual(r["tcpedu.receiver.state.explain"],
                         "TIME-WAIT: the active closer waits 2 x MSL (RFC: MSL = 2 min; Linux waits 60 s) so that"
                         " a lost final ACK can be sent again and old duplicate segments die out,"
                         "this FIN also acknowledges the receiver's FIN, so the receiver goes from FIN-WAIT-1"
                         " straight to TIME-WAIT and never shows FIN-WAIT-2 (\"if our FIN has been ACKed (perhaps"
                         " in this segment), then enter TIME-WAIT\")")

    def test_crossing_fin_explained(self):
        r = self.fields("real/simultaneous-close.pcapng",
                        ["tcpedu.receiver.crossed", "tcpedu.receiver.state.explain"], 8)
        self.assertEqual(r["tcpedu.receiver.crossed"], "9")
        self.assertTrue(r["tcpedu.receiver.state.explain"].endswith(
            "this segment crossed the receiver's own segment (see \"crossed frame\"): the receiver processes"
            " it after sending that one, as the simultaneous open and close figures draw"))

    def test_refusal_revises_the_listen_guess(self):
        r = self.fields("real/refused.pcapng", ["tcpedu.revises", "tcpedu.sender.state.explain"], 2)
        self.assertEqual(r["tcpedu.revises"], "1")
        self.assertEqual(r["tcpedu.sender.state.explain"],
                         "unchanged by this segment,this segment shows that the states guessed from an earlier"
                         " frame (see \"revises frame\") were wrong; they are revised from there on (shown with"
                         " tshark -2 and in the GUI)")

    def test_retransmission_changes_no_state(self):
        r = self.fields("handmade/syn-retransmitted.pcap", ["tcpedu.receiver.state.explain"], 2)
        self.assertEqual(r["tcpedu.receiver.state.explain"],
                         "a retransmission, a duplicate or a segment the receiver drops changes no state")

    def test_fastopen_ack_counts_the_data(self):
        r = self.fields("handmade/fastopen-accepted.pcap",
                        ["tcpedu.ack.expected", "tcpedu.ack.raw", "tcpedu.ack.ok", "tcpedu.ack.explain"], 2)
        self.assertEqual(r["tcpedu.ack.expected"], r["tcpedu.ack.raw"])
        self.assertEqual(r["tcpedu.ack.expected"], str(2226220591 + 1 + 20))
        self.assertEqual(r["tcpedu.ack.ok"], "1")
        self.assertEqual(r["tcpedu.ack.explain"],
                         "Acknowledgment = the client's ISN + 1 + the data length: the server accepted the data"
                         " carried in the SYN (Fast Open)")

    def test_wrong_synack_ack_says_what_was_expected(self):
        r = self.fields("handmade/bad-synack-ack.pcap",
                        ["tcpedu.ack.expected", "tcpedu.ack.raw", "tcpedu.ack.ok", "tcpedu.ack.explain"], 2)
        self.assertEqual([r["tcpedu.ack.expected"], r["tcpedu.ack.raw"], r["tcpedu.ack.ok"]],
                         [str(1030397714 + 1), str(1030397714 + 2), "0"])
        self.assertEqual(r["tcpedu.ack.explain"], "The acknowledgment number is not the expected one")

    def test_mid_connection_says_inferred(self):
        r = self.fields("real/mid-stream.pcapng",
                        ["tcpedu.receiver.state.explain", "tcpedu.seq.explain", "tcpedu.window.explain"], 1)
        self.assertIn("Inferred: the capture shows segments, not sockets; this state is a guess the observer"
                      " could not see", r["tcpedu.receiver.state.explain"])
        self.assertTrue(r["tcpedu.seq.explain"].endswith(
            "This side's SYN is not in the capture: relative numbers count from the first sequence number seen"))
        self.assertEqual(r["tcpedu.window.explain"], "Window scale unknown: the handshake is not in the capture")

    def test_handshake_timing(self):
        r = self.fields("handmade/syn-options.pcap",
                        ["tcpedu.handshake.rtt.syn_synack", "tcpedu.handshake.rtt.synack_ack",
                         "tcpedu.handshake.rtt", "tcpedu.teardown.time"], 1)
        self.assertEqual([r["tcpedu.handshake.rtt.syn_synack"], r["tcpedu.handshake.rtt.synack_ack"],
                          r["tcpedu.handshake.rtt"], r["tcpedu.teardown.time"]],
                         ["0.020000000", "0.000060000", "0.020060000", "0.021250000"])


class EachValueOnce(unittest.TestCase):
    """Issue 8: a lifecycle segment's tree says each value once.  The line
    of a group carries the values (states, numbers, header); the fields that
    repeat them are hidden but still there for filters and -T fields."""
    maxDiff = None

    def tree(self, cap, frame):
        out = e.tshark().run(["-r", e.tshark().capture(path_of(cap)), "-2", "-Y", "frame.number == %d" % frame,
                              "-O", "tcpedu"])[1]
        lines = out.splitlines()
        start = next(i for i, l in enumerate(lines) if l.startswith("[TCP lifecycle (tcpedu)"))
        return [l for l in lines[start:] if l.strip()]

    def test_final_ack_groups(self):
        got = self.tree("real/four-segment-close.pcapng", 11)
        i = got.index("    [Sender stays TIME-WAIT, receiver LAST-ACK -> CLOSED]")
        self.assertEqual(got[i:i + 20], [
            "    [Sender stays TIME-WAIT, receiver LAST-ACK -> CLOSED]",
            # the sender has been in TIME-WAIT since frame 10: said; the
            # receiver entered CLOSED here, which the arrow says
            "        [Sender in this state since frame: 10]",
            "        [Sender now: the client has been in TIME-WAIT since the server's FIN arrived (see \"since frame\");"
            " it waits 2 x MSL after this ACK]",
            "        [Receiver now: CLOSED: no connection (any more)]",
            "    [Sequence number 3081417842 (relative 24), acknowledgment number 2979631702 (relative 13)]",
            "        [Sender's ISN: 3081417818]",
            "        [Meaning: The sequence number numbers the first payload byte; it advances by the payload length]",
            "        [Meaning: Relative numbers count from the ISN (Wireshark's tcp.seq starts at 0); the raw number is"
            " what is on the wire (tcp.seq_raw)]",
            "        [Expected acknowledgment number (raw): 2979631702]",
            "        [Acknowledgment number as expected: True]",
            "        [Meaning: Acknowledgment = the FIN's sequence number + 1, because the FIN used one sequence number]",
            "    [Header 32 bytes (8 words), window 64 (x1024 = 65536 bytes)]",
            "        [Meaning: The data offset field counts 32-bit words: header length in bytes = words x 4 (20 bytes"
            " without options)]",
            "        [Window scale shift: 10]",
            "        [Receive window (bytes): 65536]",
            "        [Meaning: Window scaling is in effect: the receive window is the window field x 2^shift]",
            "    [Answers frame: 10]",
            "    [Connection 1 (outcome: closed)]",
            "        [Client: 127.0.0.1:36654]",
            "        [Server: 127.0.0.1:8101]",
        ])
        # the connection summary stays whole; its outcome is in its line;
        # the filter-only fields are one line, their values in it
        self.assertEqual(got[i + 42:], [
            "        [Teardown frame: 11]",
            # Wireshark prints a relative time its own way: 4.6 as
            # milliseconds, 4.0 and 4.4 as seconds
            got[i + 43] if got[i + 43] == "        [Teardown time: 200.149733 milliseconds]"
            else "        [Teardown time: 0.200149733 seconds]",
            "        [Closed first by: client]",
            "    [For filters: stream 0, connection 1, rule final-ack]",
        ])
        # hidden, not gone: every value is still a field
        names = ["tcpedu.sender.state.before", "tcpedu.sender.state.after", "tcpedu.receiver.state.before",
                 "tcpedu.receiver.state.after", "tcpedu.sender.since", "tcpedu.receiver.since",
                 "tcpedu.sender.state.inferred", "tcpedu.seq.raw", "tcpedu.seq.relative", "tcpedu.ack.raw",
                 "tcpedu.ack.relative", "tcpedu.isn.inferred", "tcpedu.hdr.len", "tcpedu.hdr.words",
                 "tcpedu.window.value", "tcpedu.conn.outcome", "tcpedu.headline", "tcpedu.label", "tcpedu.stream",
                 "tcpedu.conn", "tcpedu.step", "tcpedu.step.total", "tcpedu.segment", "tcpedu.rule"]
        r = e.tshark().fields(path_of("real/four-segment-close.pcapng"), names, two_pass=True,
                              extra=["-Y", "frame.number == 11"])[0]
        self.assertEqual([r[n] for n in names], [
            "TIME-WAIT", "TIME-WAIT", "LAST-ACK", "CLOSED", "10", "11", "0", "3081417842", "24", "2979631702",
            "13", "0", "32", "8", "64", "closed",
            "Teardown 4/4: the last FIN is acknowledged: the connection is closed", "Teardown 4/4", "0", "1",
            "4", "4", "ack", "final-ack"])
        # and a filter finds them on this lifecycle segment
        rows = e.tshark().fields(path_of("real/four-segment-close.pcapng"), ["tcpedu.step"], two_pass=True,
                                 extra=["-Y", "tcpedu.receiver.state.after == 1 && tcpedu.hdr.words == 8"])
        self.assertEqual([x["frame"] for x in rows], ["11"])

    def test_synack_number_is_its_isn(self):
        got = self.tree("real/four-segment-close.pcapng", 2)
        i = got.index("    [Sequence number 2979631689 (relative 0), acknowledgment number 3081417819 (relative 1)]")
        # the SYN-ACK's own number is the server's ISN: no "Sender's ISN" line
        self.assertEqual(got[i + 1:i + 7], [
            "        [Meaning: The sequence number of a SYN is the sender's initial sequence number (ISN), chosen at"
            " random; the SYN uses one number, so data starts at ISN + 1]",
            "        [Meaning: Relative numbers count from the ISN (Wireshark's tcp.seq starts at 0); the raw number is"
            " what is on the wire (tcp.seq_raw)]",
            "        [Expected acknowledgment number (raw): 3081417819]",
            "        [Acknowledgment number as expected: True]",
            "        [Meaning: Acknowledgment = the peer's ISN + 1, because the SYN used one sequence number]",
            "    [Header 40 bytes (10 words), window 65483]",
        ])
        r = e.tshark().fields(path_of("real/four-segment-close.pcapng"), ["tcpedu.isn", "tcpedu.isn.inferred"],
                              two_pass=True, extra=["-Y", "frame.number == 2"])[0]
        self.assertEqual((r["tcpedu.isn"], r["tcpedu.isn.inferred"]), ("2979631689", "0"))
        # on the final ACK the ISN is not the segment's number: shown
        self.assertIn("        [Sender's ISN: 3081417818]", self.tree("real/four-segment-close.pcapng", 11))

    def test_inferred_on_the_states_line(self):
        got = self.tree("handmade/midstream.pcap", 1)
        self.assertIn("    [Sender stays ESTABLISHED (inferred), receiver stays ESTABLISHED (inferred)]", got)
        self.assertIn("        [Receiver now: Inferred: the capture shows segments, not sockets; this state is a"
                      " guess the observer could not see]", got)
        self.assertFalse([l for l in got if "state inferred:" in l or "state before:" in l
                          or "(raw):" in l and "Expected" not in l or "Header length" in l], got)


if __name__ == "__main__":
    unittest.main()
