#!/usr/bin/env python3
"""Count the frames whose state fields differ between a single pass and -2.

A single pass prints each frame before later frames are seen; where a later
frame revises a guess (README "When a state changes") the two differ.  This
counts, over the project's captures and ../shared/captures, the frames whose
verdicts differ in any of: the four states, their inferred marks, the
crossed and revises frames, the direction.  answered_by is left out (a
single pass can never know it).  Run as root or a user tshark loads personal
plugins for (the e2e helper drops to nobody), after building with
-DTCPEDU_E2E=ON:   python3 scripts/two-pass-diff.py [-v]
"""
import collections
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
import tcpedu_e2e as e  # noqa: E402

STATES = ["tcpedu.sender.state.before", "tcpedu.sender.state.after",
          "tcpedu.receiver.state.before", "tcpedu.receiver.state.after"]
MARKS = ["tcpedu.sender.state.inferred", "tcpedu.receiver.state.inferred",
         "tcpedu.receiver.crossed", "tcpedu.revises"]
FIELDS = STATES + MARKS + ["tcpedu.direction"]


def captures():
    for d in (e.REAL, e.HANDMADE):
        for p in sorted(glob.glob(os.path.join(d, "*.pcap*"))):
            yield "project", p
    for p in sorted(glob.glob(os.path.join(e.SHARED, "**", "*.pcap*"), recursive=True)):
        yield "shared", p


def main():
    verbose = "-v" in sys.argv[1:]
    t = e.tshark()
    total = collections.Counter()
    for where, cap in captures():
        one = {r["frame"]: r for r in t.fields(cap, FIELDS)}
        two = {r["frame"]: r for r in t.fields(cap, FIELDS, two_pass=True)}
        for fr, r2 in two.items():
            r1 = one.get(fr, {})
            if not r2["tcpedu.sender.state.before"]:
                continue
            total[where + " frames"] += 1
            diff = [f for f in FIELDS if r1.get(f) != r2[f]]
            if not diff:
                continue
            kind = ("states" if any(f in STATES for f in diff) else
                    "direction" if "tcpedu.direction" in diff else "marks only")
            total[where + " differ"] += 1
            total[where + " differ: " + kind] += 1
            if verbose:
                print("%s frame %s: %s" % (os.path.relpath(cap, e.ROOT if hasattr(e, "ROOT") else "."),
                                           fr, ", ".join(diff)))
    for k in sorted(total):
        print("%-32s %d" % (k, total[k]))


if __name__ == "__main__":
    main()
