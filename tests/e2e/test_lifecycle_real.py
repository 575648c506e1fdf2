"""Lifecycle of every segment in the captures recorded from real Linux TCP.

Each table is the lifecycle a student should read off the capture (one
line per frame: frame, phase, step, kind, sender before>after, receiver
before>after, answers, answered_by, direction; ~ marks an inferred state),
checked exactly with tshark -2 and, except for what only a later frame can
tell, in a single pass.  tests/captures/real/README.md says what each
frame is."""
import os
import unittest

import tcpedu_e2e as e

# What a single pass shows before a later frame revises a guess.
LISTEN_GUESS = {'tcpedu.receiver.state.inferred': '1'}


class Lifecycle(e.LifecycleCase):

    def test_fin_rst(self):
        self.check_table(os.path.join(e.REAL, "fin-rst.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   7   c
            7   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       6   -   s
            8   reset     -  rst               CLOSE-WAIT>CLOSED           FIN-WAIT-2>CLOSED           -   -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_four_segment_close(self):
        self.check_table(os.path.join(e.REAL, "four-segment-close.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   c
            9   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       8   -   s
            10  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   11  s
            11  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             10  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_half_close(self):
        self.check_table(os.path.join(e.REAL, "half-close.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   7   c
            7   teardown  2  data              CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       6   8   s
            8   teardown  -  ack               FIN-WAIT-2>FIN-WAIT-2       CLOSE-WAIT>CLOSE-WAIT       7   -   c
            9   teardown  -  data              CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-2>FIN-WAIT-2       -   10  s
            10  teardown  -  ack               FIN-WAIT-2>FIN-WAIT-2       CLOSE-WAIT>CLOSE-WAIT       9   -   c
            11  teardown  -  data              CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-2>FIN-WAIT-2       -   12  s
            12  teardown  -  ack               FIN-WAIT-2>FIN-WAIT-2       CLOSE-WAIT>CLOSE-WAIT       11  -   c
            13  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   14  s
            14  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             13  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_http_get(self):
        self.check_table(os.path.join(e.REAL, "http-get.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   s
            9   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       8   -   c
            10  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   11  c
            11  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             10  -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_ipv6_handshake(self):
        self.check_table(os.path.join(e.REAL, "ipv6-handshake.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   c
            9   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       8   -   s
            10  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   11  s
            11  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             10  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_keepalive(self):
        self.check_table(os.path.join(e.REAL, "keepalive.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   data      -  keep-alive        ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            9   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            10  data      -  keep-alive        ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            11  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            12  data      -  keep-alive        ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            13  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            14  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   15  c
            15  teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        14  16  s
            16  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             15  -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_mid_stream(self):
        self.check_table(os.path.join(e.REAL, "mid-stream.pcapng"), """
            1   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   -   2   c
            2   data      -  ack               ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   1   -   s
            3   data      -  data              ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   -   4   s
            4   data      -  ack               ESTABLISHED~>ESTABLISHED~   ESTABLISHED~>ESTABLISHED~   3   -   c
            5   teardown  1  fin               ESTABLISHED~>FIN-WAIT-1~    ESTABLISHED~>CLOSE-WAIT~    -   6   c
            6   teardown  2  ack               CLOSE-WAIT~>CLOSE-WAIT~     FIN-WAIT-1~>FIN-WAIT-2~     5   -   s
            7   teardown  3  fin               CLOSE-WAIT~>LAST-ACK~       FIN-WAIT-2~>TIME-WAIT~      -   8   s
            8   teardown  4  ack               TIME-WAIT~>TIME-WAIT~       LAST-ACK~>CLOSED~           7   -   c
            """, {
            })

    def test_port_reuse(self):
        self.check_table(os.path.join(e.REAL, "port-reuse.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   s
            9   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        8   10  c
            10  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   s
            11  handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   12  c
            12  handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        11  13  s
            13  handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    12  -   c
            14  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   15  c
            15  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     14  -   s
            16  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   17  s
            17  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     16  -   c
            18  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   19  s
            19  teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        18  20  c
            20  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             19  -   s
            """, {
                '1': LISTEN_GUESS,
                '11': LISTEN_GUESS,
            })

    def test_refused(self):
        self.check_table(os.path.join(e.REAL, "refused.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             CLOSED>CLOSED               -   2   c
            2   reset     -  rst               CLOSED>CLOSED               SYN-SENT>CLOSED             1   -   s  r1
            """, {
                '1': {'tcpedu.receiver.state.before': 'LISTEN', 'tcpedu.receiver.state.after': 'SYN-RECEIVED', 'tcpedu.receiver.state.inferred': '1'},
            })

    def test_rst_linger(self):
        self.check_table(os.path.join(e.REAL, "rst-linger.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   reset     -  rst               ESTABLISHED>CLOSED          ESTABLISHED>CLOSED          -   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_rst_unread(self):
        self.check_table(os.path.join(e.REAL, "rst-unread.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   reset     -  rst               ESTABLISHED>CLOSED          ESTABLISHED>CLOSED          -   -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_server_close_four_segment(self):
        self.check_table(os.path.join(e.REAL, "server-close-four-segment.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   s
            9   teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       8   -   c
            10  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   11  c
            11  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             10  -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_server_close_three_segment(self):
        self.check_table(os.path.join(e.REAL, "server-close-three-segment.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   s
            9   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        8   10  c
            10  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   s
            """, {
                '1': LISTEN_GUESS,
            })

    def test_simultaneous_close(self):
        self.check_table(os.path.join(e.REAL, "simultaneous-close.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      FIN-WAIT-1>CLOSING          -   11  c  x9
            9   teardown  2  fin               ESTABLISHED>FIN-WAIT-1      FIN-WAIT-1>CLOSING          -   10  s  r8
            10  teardown  3  ack               CLOSING>CLOSING             CLOSING>TIME-WAIT           9   -   c
            11  teardown  4  ack               TIME-WAIT>TIME-WAIT         CLOSING>TIME-WAIT           8   -   s
            """, {
                '1': LISTEN_GUESS,
                '8': {'tcpedu.receiver.state.before': 'ESTABLISHED', 'tcpedu.receiver.state.after': 'CLOSE-WAIT'},
            })

    def test_simultaneous_open(self):
        self.check_table(os.path.join(e.REAL, "simultaneous-open.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             SYN-SENT>SYN-RECEIVED       -   3   c  x2
            2   handshake 2  syn               CLOSED>SYN-SENT             SYN-SENT>SYN-RECEIVED       -   -   s  r1
            3   handshake 3  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-RECEIVED>ESTABLISHED    1   4   s  x4
            4   handshake 4  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-RECEIVED>ESTABLISHED    3   5   c  r3
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            7   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   8   c
            8   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     7   -   s
            9   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   10  s
            10  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     9   -   c
            11  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   12  c
            12  teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       11  -   s
            13  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   14  s
            14  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             13  -   c
            """, {
                '1': {'tcpedu.receiver.state.before': 'LISTEN', 'tcpedu.receiver.state.inferred': '1'},
            })

    def test_syn_timeout(self):
        self.check_table(os.path.join(e.REAL, "syn-timeout.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN~>SYN-RECEIVED~       -   -   c
            2   handshake 1  syn               SYN-SENT>SYN-SENT           SYN-RECEIVED~>SYN-RECEIVED~ -   -   c
            3   handshake 1  syn               SYN-SENT>SYN-SENT           SYN-RECEIVED~>SYN-RECEIVED~ -   -   c
            """, {
            })

    def test_tfo(self):
        self.check_table(os.path.join(e.REAL, "tfo.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  data              ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   4   c
            4   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     3   -   s
            5   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   6   s
            6   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      5   7   c
            7   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        6   8   s
            8   teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             7   -   c
            9   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   10  c
            10  handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        9   11  s
            11  handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    10  -   c
            12  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   13  s
            13  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     12  -   c
            14  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   15  c
            15  teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        14  16  s
            16  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             15  -   c
            """, {
                '1': LISTEN_GUESS,
                '9': LISTEN_GUESS,
            })

    def test_three_segment_close(self):
        self.check_table(os.path.join(e.REAL, "three-segment-close.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   s
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   c
            8   teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   9   c
            9   teardown  2  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-1>TIME-WAIT        8   10  s
            10  teardown  3  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             9   -   c
            """, {
                '1': LISTEN_GUESS,
            })

    def test_zero_window(self):
        self.check_table(os.path.join(e.REAL, "zero-window.pcapng"), """
            1   handshake 1  syn               CLOSED>SYN-SENT             LISTEN>SYN-RECEIVED         -   2   c
            2   handshake 2  syn-ack           SYN-RECEIVED>SYN-RECEIVED   SYN-SENT>ESTABLISHED        1   3   s
            3   handshake 3  ack               ESTABLISHED>ESTABLISHED     SYN-RECEIVED>ESTABLISHED    2   -   c
            4   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   5   c
            5   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     4   -   s
            6   data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   7   c
            7   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     6   -   s
            8   data      -  zero-window-probe ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            9   data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            10  data      -  zero-window-probe ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            11  data      -  zero-window-probe ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   c
            12  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            13  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   -   s
            14  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   15  c
            15  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     14  -   s
            16  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   17  c
            17  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     16  -   s
            18  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   19  c
            19  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     18  -   s
            20  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   21  c
            21  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     20  -   s
            22  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   23  c
            23  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     22  -   s
            24  data      -  data              ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     -   25  c
            25  data      -  ack               ESTABLISHED>ESTABLISHED     ESTABLISHED>ESTABLISHED     24  -   s
            26  teardown  1  fin               ESTABLISHED>FIN-WAIT-1      ESTABLISHED>CLOSE-WAIT      -   27  c
            27  teardown  2  ack               CLOSE-WAIT>CLOSE-WAIT       FIN-WAIT-1>FIN-WAIT-2       26  -   s
            28  teardown  3  fin               CLOSE-WAIT>LAST-ACK         FIN-WAIT-2>TIME-WAIT        -   29  s
            29  teardown  4  ack               TIME-WAIT>TIME-WAIT         LAST-ACK>CLOSED             28  -   c
            """, {
                '1': LISTEN_GUESS,
            })


if __name__ == "__main__":
    unittest.main()
