"""Exact output of the -z reports (docs/REPORTS.md): tcpedu,conns,
tcpedu,conns-tsv, tcpedu,conns-json, tcpedu,report (English, Chinese) and
tcpedu,tree, on the project's own captures; single pass and -2 must print
the same bytes for every report on every project capture and on every
capture of ../shared/captures."""
import glob
import json
import os
import unittest

from tcpedu_e2e import HANDMADE, REAL, SHARED, tshark

REPORTS = ["tcpedu,conns", "tcpedu,conns-tsv", "tcpedu,conns-json", "tcpedu,report", "tcpedu,tree"]


def run_z(capture, z, two_pass=False, extra=()):
    args = ["-r", tshark().capture(capture), "-q", "-z", z] + list(extra)
    if two_pass:
        args.append("-2")
    return tshark().run(args)[1]


def project_captures():
    return sorted(glob.glob(os.path.join(REAL, "*.pcapng")) + glob.glob(os.path.join(HANDMADE, "*.pcap")))


# ---- expected outputs (generated once, then checked by hand against the
# captures' READMEs: frames, flags, numbers, states) ----
HTTP_GET_CONNS = '''\

====================================================================
tcpedu connections
Filter: none
Connections: 1
conn  stream  client           server          roles     outcome  handshake_frames  handshake_rtt_ms  teardown      teardown_frames  first_closer  c2s_pkts  c2s_bytes  s2c_pkts  s2c_bytes  anomalies  zeek_orig  zeek_conn_state  zeek_history  server_name  server_name_source  teardown_missing
1     0       127.0.0.1:52372  127.0.0.1:8080  from-syn  closed   1,2,3             0.030             four-segment  8,9,10,11        server        6         77         5         121        -          client     SF               ShADadfF      -            -                   -
====================================================================
'''

HTTP_GET_REPORT = '''\

====================================================================
tcpedu lab report: TCP handshakes and teardowns
Filter: none

Connection 1 (tcp.stream 0): client 127.0.0.1:52372 -> server 127.0.0.1:8080 (roles: from-syn)
Outcome: closed
Handshake: frames 1, 2, 3; round-trip time 0.030 ms
Teardown: four-segment; frames 8, 9, 10, 11; closed first by server
  Handshake Step 1/3 | frame 1 | client -> server | flags [SYN]
      seq: raw 768044506, relative 0; ack: -
      client CLOSED -> SYN-SENT; server LISTEN -> SYN-RECEIVED
      the client asks to open a connection (active open) (RFC 9293 3.5)
  Handshake Step 2/3 | frame 2 | server -> client | flags [SYN, ACK]
      seq: raw 2389565901, relative 0; ack: raw 768044507, relative 1
      server stays SYN-RECEIVED (since frame 1); client SYN-SENT -> ESTABLISHED
      the server accepts and sends its own SYN (RFC 9293 3.5)
  Handshake Step 3/3 | frame 3 | client -> server | flags [ACK]
      seq: raw 768044507, relative 1; ack: raw 2389565902, relative 1
      client stays ESTABLISHED (since frame 2); server SYN-RECEIVED -> ESTABLISHED
      the client acknowledges the server's SYN: the connection is established (RFC 9293 3.5)
  Teardown Step 1/4 | frame 8 | server -> client | flags [FIN, ACK]
      seq: raw 2389566023, relative 122; ack: raw 768044584, relative 78
      server ESTABLISHED -> FIN-WAIT-1; client ESTABLISHED -> CLOSE-WAIT
      this side has no more data to send and closes first (active close) (RFC 9293 3.6)
  Teardown Step 2/4 | frame 9 | client -> server | flags [ACK]
      seq: raw 768044584, relative 78; ack: raw 2389566024, relative 123
      client stays CLOSE-WAIT (since frame 8); server FIN-WAIT-1 -> FIN-WAIT-2
      the other side acknowledges the FIN; the connection is now half-closed (RFC 9293 3.6)
  Teardown Step 3/4 | frame 10 | client -> server | flags [FIN, ACK]
      seq: raw 768044584, relative 78; ack: raw 2389566024, relative 123
      client CLOSE-WAIT -> LAST-ACK; server FIN-WAIT-2 -> TIME-WAIT
      the other side closes too (passive close) (RFC 9293 3.6)
  Teardown Step 4/4 | frame 11 | server -> client | flags [ACK]
      seq: raw 2389566024, relative 123; ack: raw 768044585, relative 79
      server stays TIME-WAIT (since frame 10); client LAST-ACK -> CLOSED
      the last FIN is acknowledged: the connection is closed (RFC 9293 3.6)
====================================================================
'''

REFUSED_REPORT_ZH = '''\

====================================================================
tcpedu 实验报告：TCP 握手与挥手
过滤器: 无

连接 1 (tcp.stream 0): 客户端 127.0.0.1:57368 -> 服务器 127.0.0.1:8106 (角色判定: from-syn)
结果: refused
握手: 帧 1
挥手: none; 帧 抓包中没有
  握手 步骤 1/3 | 帧 1 | 客户端 -> 服务器 | 标志位 [SYN]
      序号: 原始值 3986534056, 相对值 0; 确认号: -
      客户端 CLOSED -> SYN-SENT; 服务器 保持 CLOSED
      客户端请求建立连接（主动打开） (RFC 9293 3.5)
  重置 | 帧 2 | 服务器 -> 客户端 | 标志位 [RST, ACK]
      序号: 原始值 0, 相对值 0; 确认号: 原始值 3986534057, 相对值 1
      服务器 保持 CLOSED; 客户端 SYN-SENT -> CLOSED
      SYN 被拒绝：该端口上没有进程在监听 (RFC 9293 3.10.7.1)
      异常: 连接被拒绝：SYN 收到的回应是 RST（该端口上没有进程在监听） (3whs_refused)
====================================================================
'''

PORT_REUSE_TSV = '''\
conn	stream	client	server	roles	outcome	handshake_frames	handshake_rtt_ms	teardown	teardown_frames	first_closer	c2s_pkts	c2s_bytes	s2c_pkts	s2c_bytes	anomalies	zeek_orig	zeek_conn_state	zeek_history	server_name	server_name_source	teardown_missing
1	0	192.0.2.10:40017	198.51.100.80:80	from-syn	closed	1,2,3	20.060	four-segment	7,8,9,10	client	6	41	4	43	-	client	SF	ShADdFaf	www.example.com	http-host	-
2	1	192.0.2.10:40017	198.51.100.80:80	from-syn	closed	11,12,13	20.060	four-segment	17,18,19,20	client	6	52	4	45	port_reuse	client	SF	ShADdFaf	www.example.com	http-host	-
'''

PORT_REUSE_TSV_FILTERED = '''\
conn	stream	client	server	roles	outcome	handshake_frames	handshake_rtt_ms	teardown	teardown_frames	first_closer	c2s_pkts	c2s_bytes	s2c_pkts	s2c_bytes	anomalies	zeek_orig	zeek_conn_state	zeek_history	server_name	server_name_source	teardown_missing
2	1	192.0.2.10:40017	198.51.100.80:80	from-syn	closed	11,12,13	20.060	four-segment	17,18,19,20	client	6	52	4	45	port_reuse	client	SF	ShADdFaf	www.example.com	http-host	-
'''

SIM_CLOSE_JSON = '''\
{
  "filter": null,
  "connections": [
    {"conn": 1, "stream": 0, "client": "192.0.2.10:40002", "server": "198.51.100.80:80", "roles": "from-syn", "outcome": "closed", "handshake_frames": [1, 2, 3], "handshake_rtt_ms": 20.060, "teardown": "simultaneous", "teardown_frames": [7, 8, 9, 10], "first_closer": "client", "c2s_pkts": 6, "c2s_bytes": 41, "s2c_pkts": 4, "s2c_bytes": 43, "anomalies": ["simultaneous_close"], "zeek_orig": "client", "zeek_conn_state": "SF", "zeek_history": "ShADdFfa", "server_name": "www.example.com", "server_name_source": "http-host", "teardown_missing": null}
  ],
  "quic": []
}
'''

HTTP_GET_TREE = '''\

================================================================================================================================================
tcpedu/Segments by phase, step and kind:
Topic / Item                     Count         Average       Min Val       Max Val       Rate (ms)     Percent       Burst Rate    Burst Start
------------------------------------------------------------------------------------------------------------------------------------------------
tcpedu segments                  11                                                      0.0549        100%          0.0900        0.000
 By segment kind                 11                                                      0.0549        100.00%       0.0900        0.000
  ack                            5                                                       0.0249        45.45%        0.0400        0.000
  fin                            2                                                       0.0100        18.18%        0.0100        0.000
  data                           2                                                       0.0100        18.18%        0.0200        0.000
  syn-ack                        1                                                       0.0050        9.09%         0.0100        0.000
  syn                            1                                                       0.0050        9.09%         0.0100        0.000
 By phase and step               11                                                      0.0549        100.00%       0.0900        0.000
  teardown                       4                                                       0.0200        36.36%        0.0200        0.000
   step 4                        1                                                       0.0050        25.00%        0.0100        0.200
    ack                          1                                                       0.0050        100.00%       0.0100        0.200
   step 3                        1                                                       0.0050        25.00%        0.0100        0.200
    fin                          1                                                       0.0050        100.00%       0.0100        0.200
   step 2                        1                                                       0.0050        25.00%        0.0100        0.000
    ack                          1                                                       0.0050        100.00%       0.0100        0.000
   step 1                        1                                                       0.0050        25.00%        0.0100        0.000
    fin                          1                                                       0.0050        100.00%       0.0100        0.000
  data                           4                                                       0.0200        36.36%        0.0400        0.000
   no step                       4                                                       0.0200        100.00%       0.0400        0.000
    data                         2                                                       0.0100        50.00%        0.0200        0.000
    ack                          2                                                       0.0100        50.00%        0.0200        0.000
  handshake                      3                                                       0.0150        27.27%        0.0300        0.000
   step 3                        1                                                       0.0050        33.33%        0.0100        0.000
    ack                          1                                                       0.0050        100.00%       0.0100        0.000
   step 2                        1                                                       0.0050        33.33%        0.0100        0.000
    syn-ack                      1                                                       0.0050        100.00%       0.0100        0.000
   step 1                        1                                                       0.0050        33.33%        0.0100        0.000
    syn                          1                                                       0.0050        100.00%       0.0100        0.000

------------------------------------------------------------------------------------------------------------------------------------------------
'''


class ExactOutput(unittest.TestCase):
    maxDiff = None

    def check(self, capture, z, expected, extra=(), strip=False):
        for two in (False, True):
            got = run_z(capture, z, two, extra)
            if strip:
                got = "\n".join(l.rstrip() for l in got.split("\n"))
            self.assertEqual(got, expected, "%s %s%s" % (os.path.basename(capture), z,
                                                         " -2" if two else ""))

    def test_conns_text(self):
        self.check(os.path.join(REAL, "http-get.pcapng"), "tcpedu,conns", HTTP_GET_CONNS)

    def test_report_english(self):
        self.check(os.path.join(REAL, "http-get.pcapng"), "tcpedu,report", HTTP_GET_REPORT)

    def test_report_chinese(self):
        self.check(os.path.join(REAL, "refused.pcapng"), "tcpedu,report", REFUSED_REPORT_ZH,
                   extra=["-o", "tcpedu.language:chinese"])

    def test_conns_tsv(self):
        self.check(os.path.join(HANDMADE, "port-reuse.pcap"), "tcpedu,conns-tsv", PORT_REUSE_TSV)

    def test_filter_selects_connections(self):
        self.check(os.path.join(HANDMADE, "port-reuse.pcap"), "tcpedu,conns-tsv,frame.number >= 11",
                   PORT_REUSE_TSV_FILTERED)

    def test_conns_json(self):
        self.check(os.path.join(HANDMADE, "simultaneous-close.pcap"), "tcpedu,conns-json", SIM_CLOSE_JSON)
        data = json.loads(SIM_CLOSE_JSON)
        self.assertEqual(data["connections"][0]["teardown"], "simultaneous")
        self.assertEqual(data["connections"][0]["zeek_conn_state"], "SF")

    def test_tree(self):
        self.check(os.path.join(REAL, "http-get.pcapng"), "tcpedu,tree", HTTP_GET_TREE, strip=True)

    def test_bad_argument_is_refused(self):
        rc, _, err = tshark().run(["-r", tshark().capture(os.path.join(REAL, "refused.pcapng")), "-q",
                                   "-z", "tcpedu,connsx"], check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn('invalid -z argument "tcpedu,connsx"', err)
        rc, _, err = tshark().run(["-r", tshark().capture(os.path.join(REAL, "refused.pcapng")), "-q",
                                   "-z", "tcpedu,conns,not a filter =="], check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("Couldn't register tcpedu,conns tap", err)


class SinglePassEqualsTwoPass(unittest.TestCase):
    maxDiff = None

    def test_project_captures(self):
        for cap in project_captures():
            for z in REPORTS:
                self.assertEqual(run_z(cap, z), run_z(cap, z, True), "%s %s" % (cap, z))

    def test_every_capture_is_in_the_connection_table(self):
        # every segment tcpedu analysed belongs to a row: packets add up
        for cap in project_captures():
            data = json.loads(run_z(cap, "tcpedu,conns-json"))
            _, out, _ = tshark().run(["-r", tshark().capture(cap), "-T", "fields", "-e", "tcpedu.conn"])
            n = sum(len([x for x in l.split(",") if x]) for l in out.splitlines())
            self.assertEqual(sum(c["c2s_pkts"] + c["s2c_pkts"] for c in data["connections"]), n, cap)

    @unittest.skipUnless(os.path.isdir(SHARED), "../shared/captures not present")
    def test_shared_captures(self):
        caps = sorted(glob.glob(os.path.join(SHARED, "**", "*.pcap"), recursive=True) +
                      glob.glob(os.path.join(SHARED, "**", "*.pcapng"), recursive=True))
        self.assertTrue(caps)
        for cap in caps:
            for z in ("tcpedu,conns-tsv", "tcpedu,report"):
                self.assertEqual(run_z(cap, z), run_z(cap, z, True), "%s %s" % (cap, z))


if __name__ == "__main__":
    unittest.main()
