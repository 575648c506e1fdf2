"""scripts/grade.sh --assignments: each student's assigned site (by the last
digit(s) of the student number in the file name) is checked for a complete
handshake and teardown.  The class folder is made at test time in a
temporary folder from project captures and shared captures (copies, never
committed).  Checks the exact assignment columns of the merged table."""
import csv
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from tcpedu_e2e import HANDMADE, PLUGIN, REAL, SHARED, SOURCE_DIR

GRADE = os.path.join(SOURCE_DIR, "scripts", "grade.sh")
EXAMPLE = os.path.join(SOURCE_DIR, "scripts", "assignments.example.csv")
WIKIPEDIA = os.path.join(SHARED, "zeek", "wikipedia.pcap")
CIRRUS = os.path.join(SHARED, "zeek", "browsing", "chromium-115.0.5790.110-api-cirrus-com.pcap")

COLS = ["file", "student_id", "assigned_site", "site_connections", "site_handshake",
        "site_handshake_frames", "site_teardown", "site_teardown_frames", "site_missing"]

EXPECTED = [
    ["2023000001.pcap", "2023000001", "www.nun.edu.cn", "", "", "", "", "", "capture not readable (empty)"],
    ["2023000010.pcap", "2023000010", "www.nun.edu.cn", "1", "yes", "7;8;9", "yes", "13;14;15;16", ""],
    ["2023000013_lab.pcap", "2023000013", "www.baidu.com", "3", "yes", "25;26;27", "no", "",
     "teardown missing: connection still open at the end"],
    ["2023000017.pcap", "2023000017", "www.sohu.com", "2", "yes", "17;18;19", "yes", "22;23;24", ""],
    ["2023000024-quic.pcap", "2023000024", "www.baidu.com", "", "", "", "", "",
     "no TCP connection to www.baidu.com"],
    ["2023000055-visit.pcapng", "2023000055", "lab.tcpedu.test", "1", "yes", "1;2;3", "yes", "10;11;12", ""],
    ["2023000066.pcap", "2023000066", "upload.wikimedia.org", "3;4;5;6;7;8", "yes", "22;54;55", "no", "",
     "teardown missing: connection still open at the end"],
    ["2023000099.pcap", "2023000099", "api.cirrus-ci.com", "", "", "", "", "",
     "no TCP connection to api.cirrus-ci.com; QUIC used for api.cirrus-ci.com"],
    ["late/2023000028.pcap", "2023000028", "www.sina.com.cn", "5", "yes", "35;36;37", "no", "",
     "teardown missing: connection reset (RST) instead of FINs"],
    ["no-number.pcapng", "", "", "", "", "", "", "", "no student number in the file name"],
    ["rst-2023000034.pcap", "2023000034", "www.baidu.com", "", "", "", "", "",
     "no TCP connection to www.baidu.com"],
]


def grade(sub, out, *extra):
    env = dict(os.environ, TCPEDU_PLUGIN=PLUGIN)
    return subprocess.run(["bash", GRADE, sub, out, "-j", "2"] + list(extra), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)


def rows_of(out):
    with open(os.path.join(out, "grades.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


@unittest.skipUnless(os.path.exists(WIKIPEDIA) and os.path.exists(CIRRUS), "../shared/captures not present")
class Assignments(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        if not shutil.which("parallel"):
            raise unittest.SkipTest("GNU parallel not installed (scripts/deps.sh)")
        cls.tmp = tempfile.mkdtemp(prefix="tcpedu-assign-test-")
        sub = cls.sub = os.path.join(cls.tmp, "submissions")
        os.makedirs(os.path.join(sub, "late"))
        sites = os.path.join(HANDMADE, "site-names.pcap")
        for name in ("2023000013_lab.pcap", "2023000017.pcap", "2023000010.pcap",
                     "late/2023000028.pcap"):
            shutil.copy(sites, os.path.join(sub, name))
        shutil.copy(CIRRUS, os.path.join(sub, "2023000024-quic.pcap"))
        shutil.copy(CIRRUS, os.path.join(sub, "2023000099.pcap"))
        shutil.copy(WIKIPEDIA, os.path.join(sub, "2023000066.pcap"))
        shutil.copy(os.path.join(REAL, "visit.pcapng"), os.path.join(sub, "2023000055-visit.pcapng"))
        shutil.copy(os.path.join(REAL, "http-get.pcapng"), os.path.join(sub, "no-number.pcapng"))
        # a capture of something else (no connection names the site)
        shutil.copy(os.path.join(REAL, "rst-linger.pcapng"), os.path.join(sub, "rst-2023000034.pcap"))
        open(os.path.join(sub, "2023000001.pcap"), "wb").close()
        cls.csv = os.path.join(cls.tmp, "assign.csv")
        with open(EXAMPLE, encoding="utf-8") as f, open(cls.csv, "w", encoding="utf-8") as g:
            g.write(f.read())
            g.write("99,api.cirrus-ci.com\n66,upload.wikimedia.org\n55,LAB.tcpedu.test\n")
        cls.out = os.path.join(cls.tmp, "out")
        cls.proc = grade(sub, cls.out, "--assignments", cls.csv)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, True)

    def test_columns_exact(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr.decode())
        rows = rows_of(self.out)
        self.assertEqual([[r[c] for c in COLS] for r in rows], EXPECTED)
        self.assertEqual(list(rows[0].keys()),
                         ["file", "status", "connections", "handshake_complete", "teardown_complete",
                          "server", "teardown", "anomalies"] + COLS[1:] + ["error", "json"])

    def test_per_capture_json_has_names_and_quic(self):
        merged = json.load(open(os.path.join(self.out, "grades.json"), encoding="utf-8"))
        by_file = {m["file"]: m for m in merged}
        self.assertEqual(by_file["2023000013_lab.pcap"]["summary"]["server_names"],
                         ["www.baidu.com", "www.nun.edu.cn", "www.sina.com.cn", "www.sohu.com"])
        self.assertEqual(by_file["2023000099.pcap"]["assignment"]["site_missing"],
                         "no TCP connection to api.cirrus-ci.com; QUIC used for api.cirrus-ci.com")
        data = json.load(open(os.path.join(self.out, by_file["2023000099.pcap"]["json"]), encoding="utf-8"))
        self.assertEqual(data["quic"], [{"server_name": "api.cirrus-ci.com", "server": "110.213.53.115",
                                         "first_frame": 1, "frames": 1, "without_tcp": True}])

    def test_student_id_rule(self):
        sub = os.path.join(self.tmp, "by-rule")
        os.makedirs(sub)
        shutil.copy(os.path.join(HANDMADE, "site-names.pcap"), os.path.join(sub, "lab3-id2023000017.pcap"))
        out = os.path.join(self.tmp, "out-rule")
        p = grade(sub, out, "--assignments", self.csv, "--student-id", r"id([0-9]+)")
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual([[r[c] for c in COLS] for r in rows_of(out)],
                         [["lab3-id2023000017.pcap", "2023000017", "www.sohu.com", "2", "yes", "17;18;19",
                           "yes", "22;23;24", ""]])
        # the default rule (the longest run of digits) reads the same number
        out = os.path.join(self.tmp, "out-default")
        p = grade(sub, out, "--assignments", self.csv)
        self.assertEqual(rows_of(out)[0]["student_id"], "2023000017")

    def test_bad_assignment_file(self):
        bad = os.path.join(self.tmp, "bad.csv")
        with open(bad, "w") as f:
            f.write("digits,site\nx7,www.sohu.com\n")
        p = grade(self.sub, os.path.join(self.tmp, "out-bad"), "--assignments", bad)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"line 2: 'x7' is not digits", p.stderr)
        p = grade(self.sub, os.path.join(self.tmp, "out-bad"), "--student-id", "x")
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"--student-id needs --assignments", p.stderr)


if __name__ == "__main__":
    unittest.main()
