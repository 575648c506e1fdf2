"""Lifecycle of every segment in the hand-built captures (cases a real stack
will not produce on demand).

Each table is the lifecycle a student should read off the capture (one
line per frame: frame, phase, step, kind, sender before>after, receiver
before>after, answers, answered_by, direction; ~ marks an inferred state),
checked exactly with tshark -2 and, except for what only a later frame can
tell, in a single pass.  tests/captures/handmade/README.md says what each
frame is."""
import os
import unittest

import tcpedu_e2e as e

# What a single pass shows before a later frame revises a guess.
LISTEN_GUESS = {'tcpedu.receiver.state.inferred': '1'}


class Lifecycle(e.LifecycleCase):

    def test_bad_synack_ack(self):
        self.check_table(os.path.join(e.HANDMADE, "bad-synack-ack.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   -   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>SYN-SENT           -   -   s
            3   handshake -  rst               SYN-SENT>SYN-SENT           SYN-RECEIVED>LISTEN         -   -   c
            4   handshake 1  syn               SYN-SENT>SYN-SENT           LISTEN>SYN-RECEIVED         -   5   c
            5   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        4   6   s
            6   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        7   9   s
            9   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             8   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_fastopen_accepted(self):
        self.check_table(os.path.join(e.HANDMADE, "fastopen-accepted.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   s
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   c
            6   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   7   c
            7   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        6   8   s
            8   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             7   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_fastopen_ignored(self):
        self.check_table(os.path.join(e.HANDMADE, "fastopen-ignored.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        7   9   s
            9   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             8   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_fin_retransmitted(self):
        self.check_table(os.path.join(e.HANDMADE, "fin-retransmitted.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   -   c
            8   teardown  1  fin               FIN-WAIT-1>FIN-WAIT-1       CLOSE-WAIT>CLOSE-WAIT       -   9   c
            9   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       8   -   s
            10  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   11  s
            11  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             10  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_fin_then_rst(self):
        self.check_table(os.path.join(e.HANDMADE, "fin-then-rst.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   -   c
            8   reset     -  rst               CLOSE-WAIT>CLOSED           FIN-WAIT-1>CLOSED           -   -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_handshake_ack_data(self):
        self.check_table(os.path.join(e.HANDMADE, "handshake-ack-data.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  data              ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   4   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     3   5   s
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   c
            6   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   7   c
            7   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        6   8   s
            8   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             7   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_icmp_quoted(self):
        self.check_table(os.path.join(e.HANDMADE, "icmp-quoted.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            6   none
            7   none
            8   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            9   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            10  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   11  c
            11  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     10  12  s
            12  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     11  -   c
            13  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   14  c
            14  teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        13  15  s
            15  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             14  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_ipv6(self):
        self.check_table(os.path.join(e.HANDMADE, "ipv6.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        7   9   s
            9   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             8   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_midstream_synack(self):
        self.check_table(os.path.join(e.HANDMADE, "midstream-synack.pcap"), """
            1   handshake 2  syn-ack           SYN-RECEIVED~>SYN-RECEIVED~ SYN-SENT~>ESTABLISHED~      -   2   s
            2   handshake 3  ack               ESTABLISHED~>ESTABLISHED~   SYN-RECEIVED>ESTABLISHED    1   -   c
            3   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   4   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     3   5   s
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   c
            6   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   7   c
            7   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        6   8   s
            8   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             7   -   c
            """, {
            })

    def test_midstream(self):
        self.check_table(os.path.join(e.HANDMADE, "midstream.pcap"), """
            1   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   -   2   c
            2   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   1   3   s
            3   data      -  ack               ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   2   -   c
            4   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   -   5   c
            5   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   4   6   s
            6   data      -  ack               ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   5   -   c
            7   teardown  1  fin               ESTABLISHED~>FIN-WAIT-1~    ESTABLISHED~>CLOSE-WAIT~    -   8   s
            8   teardown  2  ack               CLOSE-WAIT~>CLOSE-WAIT~     FIN-WAIT-1~>FIN-WAIT-2~     7   -   c
            9   teardown  3  fin               CLOSE-WAIT~>LAST-ACK~       FIN-WAIT-2~>TIME-WAIT~      -   10  c
            10  teardown  4  ack               TIME-WAIT~>TIME-WAIT~       LAST-ACK~>CLOSED~           9   -   s
            """, {
            })

    def test_odd_flags(self):
        self.check_table(os.path.join(e.HANDMADE, "odd-flags.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   data      -  invalid-flags     ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            8   data      -  invalid-flags     ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            9   data      -  fin               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            10  data      -  invalid-flags     ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            11  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   12  c
            12  teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       11  -   s
            13  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   14  s
            14  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             13  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_port_reuse(self):
        self.check_table(os.path.join(e.HANDMADE, "port-reuse.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       7   -   s
            9   teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   10  s
            10  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   c
            11  handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   12  c
            12  handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        11  13  s
            13  handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    12  -   c
            14  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   15  c
            15  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     14  16  s
            16  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     15  -   c
            17  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   18  c
            18  teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       17  -   s
            19  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   20  s
            20  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             19  -   c
            """, {
                '1': LISTEN_GUESS,
                '11': LISTEN_GUESS,
            })

    def test_rst_abort_client(self):
        self.check_table(os.path.join(e.HANDMADE, "rst-abort-client.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   reset     -  rst               ESTABLISHED>CLOSED          ESTABLISHED>CLOSED          -   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_rst_abort_server(self):
        self.check_table(os.path.join(e.HANDMADE, "rst-abort-server.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   reset     -  rst               ESTABLISHED>CLOSED          ESTABLISHED>CLOSED          -   -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_rst_after_close(self):
        self.check_table(os.path.join(e.HANDMADE, "rst-after-close.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       7   -   s
            9   teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   10  s
            10  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   c
            11  teardown  -  data              TIME-WAIT>TIME-WAIT         CLOSED>CLOSED               -   -   c
            12  teardown  -  rst               CLOSED>CLOSED               TIME-WAIT>CLOSED            -   -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_rst_in_window_inexact(self):
        self.check_table(os.path.join(e.HANDMADE, "rst-in-window-inexact.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   data      -  rst               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            8   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            9   reset     -  rst               ESTABLISHED>CLOSED          ESTABLISHED>CLOSED          -   -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_rst_out_of_window(self):
        self.check_table(os.path.join(e.HANDMADE, "rst-out-of-window.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   data      -  rst               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            8   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   9   c
            9   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     8   10  s
            10  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     9   -   c
            11  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   12  c
            12  teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       11  -   s
            13  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   14  s
            14  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             13  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_simultaneous_close(self):
        self.check_table(os.path.join(e.HANDMADE, "simultaneous-close.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      FIN-WAIT-1>CLOSING          -   10  c  x8
            8   teardown  2  fin               ESTABLISHED>FIN-WAIT-1      FIN-WAIT-1>CLOSING          -   9   s  r7
            9   teardown  3  ack               CLOSING>CLOSING             CLOSING>TIME-WAIT           8   -   c
            10  teardown  4  ack               TIME-WAIT>TIME-WAIT         CLOSING>TIME-WAIT           7   -   s
            """, {
                '1': LISTEN_GUESS,
                '7': {'tcpedu.receiver.state.before': 'ESTABLISHED', 'tcpedu.receiver.state.after': 'CLOSE-WAIT'},
            })

    def test_simultaneous_open(self):
        self.check_table(os.path.join(e.HANDMADE, "simultaneous-open.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             SYN-SENT>SYN-RECEIVED       -   -   c  x2
            2   handshake 2  syn               CLOSED>SYN-SENT             SYN-SENT>SYN-RECEIVED       -   3   s  r1
            3   handshake 3  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-RECEIVED>ESTABLISHED    2   4   c  x4
            4   handshake 4  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-RECEIVED>ESTABLISHED    3   5   s  r3
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   c
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   c
            9   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       8   -   s
            10  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   11  s
            11  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             10  -   c
            """, {
                '1': {'tcpedu.receiver.state.before': 'LISTEN', 'tcpedu.receiver.state.inferred': '1'},
            })

    def test_syn_options(self):
        self.check_table(os.path.join(e.HANDMADE, "syn-options.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       7   -   s
            9   teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   10  s
            10  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_syn_retransmitted(self):
        self.check_table(os.path.join(e.HANDMADE, "syn-retransmitted.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   -   c
            2   handshake 1  syn               SYN-SENT>SYN-SENT           SYN-RECEIVED>SYN-RECEIVED   -   3   c
            3   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        2   4   s
            4   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    3   -   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   6   c
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   c
            9   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        8   10  s
            10  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   c
            """, {
                '1': LISTEN_GUESS,
                '2': LISTEN_GUESS,
            })

    def test_syn_unanswered(self):
        self.check_table(os.path.join(e.HANDMADE, "syn-unanswered.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN~>SYN-RECEIVED~       -   -   c
            2   handshake 1  syn               SYN-SENT>SYN-SENT           SYN-RECEIVED~>SYN-RECEIVED~ -   -   c
            3   handshake 1  syn               SYN-SENT>SYN-SENT           SYN-RECEIVED~>SYN-RECEIVED~ -   -   c
            """, {
            })

    def test_synack_retransmitted(self):
        self.check_table(os.path.join(e.HANDMADE, "synack-retransmitted.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   -   s
            3   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   ESTABLISHED>ESTABLISHED     1   4   s
            4   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    3   -   c
            5   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   6   c
            6   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        5   7   s
            7   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             6   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_truncated(self):
        self.check_table(os.path.join(e.HANDMADE, "truncated.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   none
            5   none
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   8   s
            7   none
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      6   9   c
            9   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        8   10  s
            10  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_tunnel_gre(self):
        self.check_table(os.path.join(e.HANDMADE, "tunnel-gre.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        7   9   s
            9   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             8   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_tunnel_ipip(self):
        self.check_table(os.path.join(e.HANDMADE, "tunnel-ipip.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   6   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   -   c
            7   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   8   c
            8   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        7   9   s
            9   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             8   -   c
            """, {
                '1': LISTEN_GUESS,
            })


    def test_split_handshake(self):
        self.check_table(os.path.join(e.HANDMADE, "split-handshake.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             CLOSED~>CLOSED~             -   2   c
            2   handshake -  ack               CLOSED~>CLOSED~             SYN-SENT>SYN-SENT           1   -   s
            3   handshake 2  syn               CLOSED~>SYN-SENT~           SYN-SENT>SYN-RECEIVED       -   4   s  r1
            4   handshake 3  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        3   5   c
            5   handshake 4  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   c
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   s
            8   reset     -  rst               ESTABLISHED>CLOSED          ESTABLISHED>CLOSED          -   -   c
            """, {
                '1': {'tcpedu.receiver.state.before': 'LISTEN', 'tcpedu.receiver.state.after': 'SYN-RECEIVED'},
                '2': {'tcpedu.sender.state.before': 'SYN-RECEIVED', 'tcpedu.sender.state.after': 'SYN-RECEIVED'},
            })

    def test_split_handshake_no_ack(self):
        self.check_table(os.path.join(e.HANDMADE, "split-handshake-no-ack.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             SYN-SENT>SYN-RECEIVED       -   -   c  x2
            2   handshake 2  syn               CLOSED>SYN-SENT             SYN-SENT>SYN-RECEIVED       -   3   s  r1
            3   handshake 3  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-RECEIVED>ESTABLISHED    2   4   c
            4   handshake 4  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    3   -   s
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   6   c
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     5   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   c
            9   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        8   10  s
            10  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   c
            """, {
                '1': {'tcpedu.receiver.state.before': 'LISTEN', 'tcpedu.receiver.state.inferred': '1'},
            })

    def test_syn_storm(self):
        self.check_table(os.path.join(e.HANDMADE, "syn-storm.pcap"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   -   c
            2   handshake 1  syn               CLOSED>SYN-SENT             LISTEN~>SYN-RECEIVED~       -   -   c
            3   handshake 1  syn               SYN-SENT>SYN-SENT           SYN-RECEIVED>SYN-RECEIVED   -   4   c
            4   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        3   5   s
            5   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    4   -   c
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   c
            7   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   8   s
            8   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     7   -   c
            9   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   10  c
            10  teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        9   11  s
            11  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             10  -   c
            """, {
                '1': LISTEN_GUESS,
                '3': LISTEN_GUESS,
            })

    def test_midstream_then_syn(self):
        self.check_table(os.path.join(e.HANDMADE, "midstream-then-syn.pcap"), """
            1   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   -   2   c
            2   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   1   3   s
            3   data      -  ack               ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   2   -   c
            4   teardown  1  fin               ESTABLISHED~>FIN-WAIT-1~    ESTABLISHED~>CLOSE-WAIT~    -   5   c
            5   teardown  2  fin               CLOSE-WAIT~>LAST-ACK~       FIN-WAIT-1~>TIME-WAIT~      4   6   s
            6   teardown  3  ack               TIME-WAIT~>TIME-WAIT~       LAST-ACK~>CLOSED~           5   -   c
            7   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   8   c
            8   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        7   9   s
            9   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    8   -   c
            10  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   11  c
            11  teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        10  12  s
            12  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             11  -   c
            """, {
                '1': {'tcpedu.direction': 'server-to-client'},
                '2': {'tcpedu.direction': 'client-to-server'},
                '3': {'tcpedu.direction': 'server-to-client'},
                '4': {'tcpedu.direction': 'server-to-client'},
                '5': {'tcpedu.direction': 'client-to-server'},
                '6': {'tcpedu.direction': 'server-to-client'},
                '7': LISTEN_GUESS,
            })

if __name__ == "__main__":
    unittest.main()
