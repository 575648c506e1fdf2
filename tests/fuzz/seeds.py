#!/usr/bin/env python3
"""Write the hand-made seed inputs of fuzz_observer into a folder.

The input format is the one LLVMFuzzerTestOneInput reads: 8 bytes start
time, 4 x (client ISN, server ISN), then per segment a control byte (conn:2
side:1 same-frame:1 time-mode:2 options:1 long-len:1), a modes byte (seq
mode:2 seq-from-sent:1 ack mode:2 ack-from-sent:1 short-len:2), the time
delta (1 byte in time mode 0), 2 bytes of flags, 2 bytes of window (the
payload length byte comes before it when short-len is set).

Usage: python3 seeds.py DIR
"""
import os
import struct
import sys

F = {"F": 0x01, "S": 0x02, "R": 0x04, "P": 0x08, "A": 0x10, "U": 0x20, "E": 0x40, "C": 0x80}
T_1712 = 1717405200 * 10**9


def head(t=T_1712):
    return struct.pack(">q", t) + b"".join(struct.pack(">II", 1000 + k, 5000 + k) for k in range(4))


def seg(conn, side, flags, seq_sent=True, ack_sent=True, length=0, same=False, dt=10):
    ctl = conn | side << 2 | (8 if same else 0)
    modes = (4 if seq_sent else 0) | (0x20 if ack_sent else 0) | (0x40 if length else 0)
    fl = sum(F[c] for c in flags)
    out = bytes([ctl, modes, dt]) + struct.pack(">H", fl)
    if length:
        out += bytes([length])
    return out + struct.pack(">H", 1000)


def handshake(c=0, same=False):
    return (seg(c, 0, "S", seq_sent=False, ack_sent=False) +
            seg(c, 1, "SA", seq_sent=False, same=same) + seg(c, 0, "A"))


SEEDS = {
    "handshake-data-close": handshake() + seg(0, 0, "PA", length=41) + seg(0, 1, "PA", length=43) +
    seg(0, 0, "A") + seg(0, 0, "FA") + seg(0, 1, "FA") + seg(0, 0, "A"),
    "four-segment-close": handshake() + seg(0, 1, "FA") + seg(0, 0, "A") + seg(0, 0, "FA") +
    seg(0, 1, "A"),
    "late-synack": handshake() + seg(0, 0, "SA", seq_sent=False),
    "same-frame-pairs": handshake(0, same=True) + handshake(1) + seg(0, 0, "PA", length=10) +
    seg(0, 1, "A", same=True) + seg(1, 1, "R", same=True),
    "refused-and-retry": seg(2, 0, "S", False, False) + seg(2, 1, "RA", False) +
    seg(2, 0, "S", False, False) + seg(3, 0, "S", False, False),
    "simultaneous": seg(0, 0, "S", False, False) + seg(0, 1, "S", False, False) +
    seg(0, 0, "SA", False) + seg(0, 1, "SA", False) + seg(0, 0, "FA") + seg(0, 1, "FA") +
    seg(0, 0, "A") + seg(0, 1, "A"),
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, body in SEEDS.items():
        with open(os.path.join(out, "seed-" + name), "wb") as f:
            f.write(head() + body)
    # the same connection near the end of time
    with open(os.path.join(out, "seed-end-of-time"), "wb") as f:
        f.write(head(2**63 - 2 * 10**9) + SEEDS["handshake-data-close"])


if __name__ == "__main__":
    main()
