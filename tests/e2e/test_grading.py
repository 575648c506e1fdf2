"""scripts/grade.sh on a temporary class folder: project captures (some with
equal basenames in different subfolders), an empty file, a corrupt file and
a capture cut short.  Checks the exact merged table and the per-capture
JSON files."""
import csv
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from tcpedu_e2e import HANDMADE, PLUGIN, REAL, SOURCE_DIR

GRADE = os.path.join(SOURCE_DIR, "scripts", "grade.sh")

EXPECTED_CSV = """\
file,status,connections,handshake_complete,teardown_complete,server,teardown,anomalies,error,json
alice/lab.pcapng,ok,1,yes,yes,127.0.0.1:8080,four-segment,,,per-capture/alice__lab.pcapng-560a8e1b.json
bob/lab.pcapng,ok,1,no,no,127.0.0.1:8106,none,3whs_refused,,per-capture/bob__lab.pcapng-3ceb8916.json
carol's capture.pcap,ok,1,yes,yes,198.51.100.80:80,simultaneous,simultaneous_close,,per-capture/carol_s_capture.pcap-4b44f112.json
corrupt.pcapng,corrupt,0,,,,,,"tshark: The file ""corrupt.pcapng"" isn't a capture file in a format TShark understands.",per-capture/corrupt.pcapng-f45fea40.json
cut.pcapng,truncated,1,yes,no,127.0.0.1:8080,none,,"tshark: The file ""cut.pcapng"" appears to have been cut short in the middle of a packet.",per-capture/cut.pcapng-902a5186.json
dave/reset.pcap,ok,1,yes,no,198.51.100.80:80,reset,rst_abort,,per-capture/dave__reset.pcap-e1800e9b.json
empty.pcap,empty,0,,,,,,empty file,per-capture/empty.pcap-bba99d8a.json
erin/port-reuse.pcap,ok,2,yes,yes,198.51.100.80:80,four-segment,port_reuse,,per-capture/erin__port-reuse.pcap-ca6b249d.json
"""


class Grading(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        if not shutil.which("parallel"):
            raise unittest.SkipTest("GNU parallel not installed (scripts/deps.sh)")
        cls.tmp = tempfile.mkdtemp(prefix="tcpedu-grade-test-")
        sub = os.path.join(cls.tmp, "submissions")
        for d in ("alice", "bob", "dave", "erin"):
            os.makedirs(os.path.join(sub, d))
        shutil.copy(os.path.join(REAL, "http-get.pcapng"), os.path.join(sub, "alice", "lab.pcapng"))
        shutil.copy(os.path.join(REAL, "refused.pcapng"), os.path.join(sub, "bob", "lab.pcapng"))
        shutil.copy(os.path.join(HANDMADE, "simultaneous-close.pcap"),
                    os.path.join(sub, "carol's capture.pcap"))
        shutil.copy(os.path.join(HANDMADE, "rst-abort-client.pcap"), os.path.join(sub, "dave", "reset.pcap"))
        shutil.copy(os.path.join(HANDMADE, "port-reuse.pcap"), os.path.join(sub, "erin", "port-reuse.pcap"))
        open(os.path.join(sub, "empty.pcap"), "wb").close()
        with open(os.path.join(sub, "corrupt.pcapng"), "wb") as f:
            f.write(bytes(range(256)) * 2)
        with open(os.path.join(REAL, "http-get.pcapng"), "rb") as f:
            head = f.read(700)
        with open(os.path.join(sub, "cut.pcapng"), "wb") as f:
            f.write(head)
        cls.out = os.path.join(cls.tmp, "out")
        env = dict(os.environ, TCPEDU_PLUGIN=PLUGIN)
        cls.proc = subprocess.run(["bash", GRADE, sub, cls.out, "-j", "3"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, True)

    def test_exit_status_and_summary_line(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr.decode())
        self.assertIn(b"grade.sh: 8 capture(s) graded, 3 not ok", self.proc.stderr)

    def test_merged_csv_exact(self):
        with open(os.path.join(self.out, "grades.csv"), encoding="utf-8") as f:
            self.assertEqual(f.read(), EXPECTED_CSV)

    def test_one_json_per_capture_never_mixed_up(self):
        rows = list(csv.DictReader(open(os.path.join(self.out, "grades.csv"), encoding="utf-8")))
        names = sorted(n for n in os.listdir(os.path.join(self.out, "per-capture")) if n.endswith(".json"))
        self.assertEqual(names, sorted(os.path.basename(r["json"]) for r in rows))
        for r in rows:
            data = json.load(open(os.path.join(self.out, r["json"]), encoding="utf-8"))
            self.assertEqual(data["file"], r["file"])
            self.assertEqual(data["status"], r["status"])
        alice = json.load(open(os.path.join(self.out, "per-capture",
                                            "alice__lab.pcapng-560a8e1b.json"), encoding="utf-8"))
        c = alice["connections"][0]
        self.assertEqual((c["client"].split(":")[1], c["handshake_frames"], c["teardown_frames"],
                          c["zeek_conn_state"]), ("52372", [1, 2, 3], [8, 9, 10, 11], "SF"))
        bob = json.load(open(os.path.join(self.out, "per-capture",
                                          "bob__lab.pcapng-3ceb8916.json"), encoding="utf-8"))
        self.assertEqual(bob["connections"][0]["zeek_conn_state"], "REJ")

    def test_merged_json_matches_csv(self):
        merged = json.load(open(os.path.join(self.out, "grades.json"), encoding="utf-8"))
        self.assertEqual([m["file"] for m in merged],
                         [r["file"] for r in csv.DictReader(open(os.path.join(self.out, "grades.csv"),
                                                                 encoding="utf-8"))])

    def test_html_page_per_capture_and_class_index(self):
        rows = list(csv.DictReader(open(os.path.join(self.out, "grades.csv"), encoding="utf-8")))
        with open(os.path.join(self.out, "index.html"), encoding="utf-8") as f:
            index = f.read()
        pages = sorted(n for n in os.listdir(os.path.join(self.out, "per-capture")) if n.endswith(".html"))
        want = sorted(os.path.basename(r["json"])[:-5] + ".html" for r in rows
                      if r["status"] in ("ok", "truncated"))
        self.assertEqual(pages, want)
        for r in rows:
            page = r["json"][:-5] + ".html"
            link = '<a href="%s">page</a>' % page
            self.assertEqual(link in index, r["status"] in ("ok", "truncated"), r["file"])
            if r["status"] in ("ok", "truncated"):
                with open(os.path.join(self.out, page), encoding="utf-8") as f:
                    text = f.read()
                self.assertTrue(text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n"), page)
                self.assertIn("<p class=\"filter\">Filter: tcp</p>", text)
        self.assertEqual(index.count("<tr class="), len(rows))
        with open(os.path.join(self.out, "per-capture", "alice__lab.pcapng-560a8e1b.html"), encoding="utf-8") as f:
            alice = f.read()
        self.assertEqual(alice.count('<table class="step'), 7)  # 3 handshake + 4 teardown steps
        self.assertIn('data-file="bob/lab.pcapng"><td>bob/lab.pcapng</td><td>ok</td><td>1</td><td>no</td>', index)

    def test_bad_usage(self):
        p = subprocess.run(["bash", GRADE, "/nonexistent-folder", self.out], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"is not a folder", p.stderr)


if __name__ == "__main__":
    unittest.main()
