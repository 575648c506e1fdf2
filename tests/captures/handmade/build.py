#!/usr/bin/env python3
"""Generate the hand-made TCP teaching captures in this directory.

Every packet is built byte by byte (Ethernet + IPv4/IPv6 + TCP, ICMPv4, IP-in-IP
and GRE outer headers) with correct IPv4 header checksums and correct TCP/ICMP
checksums, written as a text2pcap hex dump and turned into a classic pcap file
(link type 1, Ethernet, microsecond timestamps) by ``text2pcap``.

Usage:
    python3 build.py            regenerate every *.pcap and README.md here
    python3 build.py --check    regenerate into a temp dir and compare byte for
                                byte with the files here (exit 1 on difference)

Conventions used by every scenario docstring (and copied into README.md):
    c   = the client's ISN, s = the server's ISN (their values are given in
          each docstring); "seq=c+1" is what Wireshark shows as relative seq 1.
    C>S = client (192.0.2.x, port 40000+) to server (198.51.100.x, port 80/8080)
    S>C = the reverse.  Flags are written as Wireshark's letters would be
          named: SYN, ACK, PSH, FIN, RST, URG, ECE, CWR.
    t   = seconds since the first frame of the file.

Only the Python standard library is used.  Output is deterministic: the same
bytes are produced on every run (timestamps are fixed, not "now").
"""

import argparse
import filecmp
import ipaddress
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BASE_TIME = 1717405200  # 2024-06-03 09:00:00 UTC, first frame of every file
M32 = 0xFFFFFFFF
RTT = 0.020  # client <-> server round trip time, seconds

# --------------------------------------------------------------------------
# Low level encoders
# --------------------------------------------------------------------------

FLAG_BITS = {"F": 0x01, "S": 0x02, "R": 0x04, "P": 0x08,
             "A": 0x10, "U": 0x20, "E": 0x40, "C": 0x80}


def flag_value(flags):
    """'SA' -> 0x12.  Letters: F S R P A U E(CE) C(WR).  '' = no flags."""
    value = 0
    for letter in flags:
        value |= FLAG_BITS[letter]
    return value


def checksum16(data):
    """RFC 1071 Internet checksum."""
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def mac(text):
    return bytes.fromhex(text.replace(":", ""))


def tcp_options(options):
    """Encode a TCP option list, e.g.
    [("mss", 1460), ("sackok",), ("ts", val, ecr), ("nop",), ("ws", 7),
     ("tfo", b"8-bytes!"), ("sack", [(left, right), ...]), ("eol",)]
    The result is padded with EOL (zero) bytes to a multiple of 4."""
    out = b""
    for opt in options:
        kind = opt[0]
        if kind == "eol":
            out += b"\x00"
        elif kind == "nop":
            out += b"\x01"
        elif kind == "mss":
            out += struct.pack("!BBH", 2, 4, opt[1])
        elif kind == "ws":
            out += struct.pack("!BBB", 3, 3, opt[1])
        elif kind == "sackok":
            out += b"\x04\x02"
        elif kind == "sack":
            out += struct.pack("!BB", 5, 2 + 8 * len(opt[1]))
            for left, right in opt[1]:
                out += struct.pack("!II", left & M32, right & M32)
        elif kind == "ts":
            out += struct.pack("!BBII", 8, 10, opt[1] & M32, opt[2] & M32)
        elif kind == "tfo":  # RFC 7413 TCP Fast Open cookie, kind 34
            out += struct.pack("!BB", 34, 2 + len(opt[1])) + opt[1]
        else:
            raise ValueError("unknown TCP option %r" % (opt,))
    out += b"\x00" * (-len(out) % 4)
    if len(out) > 40:
        raise ValueError("TCP options longer than 40 bytes")
    return out


class Host:
    """One IP endpoint as seen at the capture point.

    mac: the MAC address frames from this host carry on the captured link
    (for a remote host that is the router's MAC); ttl: the TTL / hop limit
    the packets have when they pass the capture point; ip_id: first IPv4
    identification value (incremented per packet sent)."""

    def __init__(self, ip, mac_addr, ttl, ip_id=0, flow_label=0):
        self.ip = ipaddress.ip_address(ip)
        self.mac = mac(mac_addr)
        self.ttl = ttl
        self.ip_id = ip_id
        self.flow_label = flow_label

    def next_id(self):
        value = self.ip_id
        self.ip_id = (self.ip_id + 1) & 0xFFFF
        return value


def ipv4_packet(src, dst, proto, payload, tos=0, df=True, ident=None):
    """IPv4 header (20 bytes, no options) with a correct header checksum."""
    if ident is None:
        ident = src.next_id()
    header = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), ident,
                         0x4000 if df else 0, src.ttl, proto, 0,
                         src.ip.packed, dst.ip.packed)
    csum = checksum16(header)
    return header[:10] + struct.pack("!H", csum) + header[12:] + payload


def ipv6_packet(src, dst, next_header, payload, tclass=0):
    first = (6 << 28) | (tclass << 20) | (src.flow_label & 0xFFFFF)
    return struct.pack("!IHBB16s16s", first, len(payload), next_header,
                       src.ttl, src.ip.packed, dst.ip.packed) + payload


def tcp_segment(src, dst, sport, dport, flags, seq, ack, win, options=(),
                payload=b"", urg=0, data_offset=None):
    """TCP header + payload with a correct checksum for src/dst addresses.
    data_offset overrides the header-length field only (to build invalid
    headers); the bytes actually written are always 20 + options."""
    opts = tcp_options(options)
    hlen = 20 + len(opts)
    doff = hlen // 4 if data_offset is None else data_offset
    header = struct.pack("!HHIIBBHHH", sport, dport, seq & M32, ack & M32,
                         doff << 4, flag_value(flags), win, 0, urg) + opts
    segment = header + payload
    if src.ip.version == 4:
        pseudo = struct.pack("!4s4sBBH", src.ip.packed, dst.ip.packed, 0, 6,
                             len(segment))
    else:
        pseudo = struct.pack("!16s16sIxxxB", src.ip.packed, dst.ip.packed,
                             len(segment), 6)
    csum = checksum16(pseudo + segment)
    return segment[:16] + struct.pack("!H", csum) + segment[18:]


# --------------------------------------------------------------------------
# Capture file builder
# --------------------------------------------------------------------------

class Capture:
    """Frames of one capture file.  Each frame has an explicit timestamp
    (seconds after BASE_TIME) and optionally a captured length shorter than
    the frame (applied after text2pcap, see write())."""

    def __init__(self, name, tunnel=None):
        self.name = name
        self.frames = []  # (t, frame bytes, caplen or None)
        # tunnel: None or (kind, {inner_ip: outer Host}) with kind "ipip"/"gre"
        self.tunnel = tunnel

    def add(self, t, frame, caplen=None):
        if self.frames and t < self.frames[-1][0]:
            raise ValueError("%s: timestamps must not go backwards" % self.name)
        self.frames.append((t, frame, caplen))

    def ethernet(self, src, dst, ip_packet):
        ethertype = 0x0800 if ip_packet[0] >> 4 == 4 else 0x86DD
        return dst.mac + src.mac + struct.pack("!H", ethertype) + ip_packet

    def segment(self, src, dst, sport, dport, flags, seq, ack, win, options=(),
                payload=b"", t=None, urg=0, tos=0, data_offset=None,
                caplen=None):
        """Build one TCP segment from Host src to Host dst, wrap it in IP (and
        in the tunnel, if the capture has one) and Ethernet, and append it at
        time t.  Returns the (inner) IP packet bytes."""
        tcp = tcp_segment(src, dst, sport, dport, flags, seq, ack, win,
                          options, payload, urg, data_offset)
        if src.ip.version == 4:
            ip = ipv4_packet(src, dst, 6, tcp, tos=tos)
        else:
            ip = ipv6_packet(src, dst, 6, tcp, tclass=tos)
        if self.tunnel is None:
            frame = self.ethernet(src, dst, ip)
        else:
            kind, outer = self.tunnel
            osrc, odst = outer[src.ip], outer[dst.ip]
            if kind == "ipip":
                outer_ip = ipv4_packet(osrc, odst, 4, ip)
            elif kind == "gre":  # RFC 2784: no checksum/key/seq, type 0x0800
                outer_ip = ipv4_packet(osrc, odst, 47,
                                       struct.pack("!HH", 0, 0x0800) + ip)
            else:
                raise ValueError(kind)
            frame = self.ethernet(osrc, odst, outer_ip)
        self.add(t, frame, caplen)
        return ip

    def icmp_frag_needed(self, router, dst, quoted, mtu, t):
        """ICMPv4 type 3 code 4 (fragmentation needed and DF set, RFC 1191)
        from router to dst, quoting the bytes `quoted` of the offending
        datagram."""
        body = struct.pack("!BBHHH", 3, 4, 0, 0, mtu) + quoted
        body = body[:2] + struct.pack("!H", checksum16(body)) + body[4:]
        ip = ipv4_packet(router, dst, 1, body, tos=0xC0, df=False)
        self.add(t, self.ethernet(router, dst, ip))

    # -- output -------------------------------------------------------------

    def hexdump(self):
        lines = []
        for t, frame, _ in self.frames:
            usec = round(t * 1_000_000)
            lines.append("%d.%06d" % (BASE_TIME + usec // 1_000_000,
                                      usec % 1_000_000))
            for off in range(0, len(frame), 16):
                chunk = frame[off:off + 16]
                lines.append("%06x  %s" % (off, " ".join("%02x" % b
                                                         for b in chunk)))
            lines.append("")
        return "\n".join(lines) + "\n"

    def write(self, outdir):
        if getattr(self, "pcapng_usec", None) is not None:
            return self.write_pcapng(outdir)
        path = os.path.join(outdir, self.name + ".pcap")
        with tempfile.TemporaryDirectory() as tmp:
            txt = os.path.join(tmp, self.name + ".txt")
            with open(txt, "w") as f:
                f.write(self.hexdump())
            subprocess.run(["text2pcap", "-q", "-F", "pcap", "-l", "1",
                            "-t", "%s.%f", txt, path],
                           check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if any(caplen is not None for _, _, caplen in self.frames):
            apply_caplens(path, [c for _, _, c in self.frames])
        return path


def pcapng_block(btype, body):
    body += b"\x00" * (-len(body) % 4)
    total = 12 + len(body)
    return struct.pack("<II", btype, total) + body + struct.pack("<I", total)


def write_pcapng(cap, outdir):
    """A little-endian pcapng file: one section, one Ethernet interface with
    the default resolution (microseconds, 64-bit timestamps, which reach far
    beyond what classic pcap's 32-bit seconds can hold), one Enhanced Packet
    Block per frame at cap.pcapng_usec[i] microseconds since 1970."""
    path = os.path.join(outdir, cap.name + ".pcapng")
    out = pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += pcapng_block(1, struct.pack("<HHI", 1, 0, 0))
    for usec, (_, frame, _) in zip(cap.pcapng_usec, cap.frames):
        out += pcapng_block(6, struct.pack("<IIIII", 0, usec >> 32, usec & M32,
                                           len(frame), len(frame)) + frame)
    with open(path, "wb") as f:
        f.write(out)
    return path


Capture.write_pcapng = write_pcapng


def apply_caplens(path, caplens):
    """text2pcap always writes caplen == len.  For frames "cut by snaplen",
    rewrite the pcap record: keep orig_len, set incl_len to caplen and drop
    the bytes beyond it."""
    with open(path, "rb") as f:
        data = f.read()
    endian = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    out, pos = bytearray(data[:24]), 24
    for caplen in caplens:
        sec, usec, incl, orig = struct.unpack(endian + "IIII", data[pos:pos + 16])
        pkt = data[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        if caplen is not None:
            pkt = pkt[:caplen]
        out += struct.pack(endian + "IIII", sec, usec, len(pkt), orig) + pkt
    if pos != len(data):
        raise RuntimeError("unexpected pcap layout in " + path)
    with open(path, "wb") as f:
        f.write(out)


# --------------------------------------------------------------------------
# Connection helper: keeps SND.NXT / RCV.NXT so seq/ack numbers stay exact
# --------------------------------------------------------------------------

def seq_lt(a, b):
    """a < b in 32-bit sequence space (RFC 1982 style)."""
    return a != b and ((b - a) & M32) < 0x80000000


def seq_le(a, b):
    return a == b or seq_lt(a, b)


# Options a Linux host with net.ipv4.tcp_timestamps=0 puts in SYN / SYN-ACK.
SYN_OPTS = [("mss", 1460), ("nop",), ("nop",), ("sackok",), ("nop",), ("ws", 7)]
# Linux default with timestamps; ("ts",) is filled in by Conn.send().
SYN_OPTS_TS = [("mss", 1460), ("sackok",), ("ts",), ("nop",), ("ws", 7)]


class Endpoint:
    """One side of a connection.  snd_nxt/rcv_nxt follow RFC 9293 (SYN and
    FIN use one sequence number each).  syn_win is the window of SYN or
    SYN-ACK (never scaled), win the raw window field afterwards."""

    def __init__(self, host, port, isn, syn_win=64240, win=502,
                 syn_options=SYN_OPTS, ts_base=None):
        self.host, self.port = host, port
        self.isn = isn
        self.snd_nxt = isn
        self.rcv_nxt = 0
        self.syn_win, self.win = syn_win, win
        self.syn_options = syn_options
        self.ts_base = ts_base  # None: no timestamps on non-SYN segments
        self.ts_recent = 0


class Conn:
    """A TCP connection inside a Capture.  send() fills in seq (= SND.NXT),
    ack (= RCV.NXT, only when the ACK flag is set, else 0), window and
    options, unless they are given explicitly, then updates the state:
    the sender's SND.NXT advances (not for RST), and if deliver=True the
    receiver's RCV.NXT advances for an in-order segment."""

    def __init__(self, cap, client, server):
        self.cap = cap
        self.ep = {"c": client, "s": server}

    @property
    def c(self):
        return self.ep["c"]

    @property
    def s(self):
        return self.ep["s"]

    def send(self, who, flags, t, data=b"", seq=None, ack=None, win=None,
             options=None, deliver=True, advance=None, captured=True,
             **extra):
        src = self.ep[who]
        dst = self.ep["s" if who == "c" else "c"]
        if seq is None:
            seq = src.snd_nxt
        if ack is None:
            ack = src.rcv_nxt if "A" in flags else 0
        if win is None:
            win = src.syn_win if "S" in flags else src.win
        if options is None:
            if "S" in flags:
                options = src.syn_options
            elif src.ts_base is not None:
                options = [("nop",), ("nop",), ("ts",)]
            else:
                options = []
        tsval = None
        if src.ts_base is not None:
            tsval = (src.ts_base + round(t * 1000)) & M32
            ecr = src.ts_recent if "A" in flags else 0
            options = [("ts", tsval, ecr) if o == ("ts",) else o
                       for o in options]
        ip = None
        if captured:
            ip = self.cap.segment(src.host, dst.host, src.port, dst.port,
                                  flags, seq, ack, win, options, data, t=t,
                                  **extra)
        end = (seq + len(data) + ("S" in flags) + ("F" in flags)) & M32
        if advance is None:
            advance = "R" not in flags
        if advance and seq_lt(src.snd_nxt, end):
            src.snd_nxt = end
        if deliver and "R" not in flags:
            if "S" in flags:
                dst.rcv_nxt = end
            elif seq_le(seq, dst.rcv_nxt) and seq_lt(dst.rcv_nxt, end):
                dst.rcv_nxt = end
            if tsval is not None and any(o[0] == "ts" for o in options):
                dst.ts_recent = tsval
        return ip


# --------------------------------------------------------------------------
# Hosts, payloads and common sequences (capture point next to the client
# unless a scenario says otherwise)
# --------------------------------------------------------------------------

CLIENT_MAC = "02:1a:c0:00:02:0a"   # client NIC (locally administered)
GATEWAY_MAC = "02:1a:c6:33:64:01"  # client-side router
SERVER_MAC = "02:1a:c6:33:64:50"   # server NIC
SERVER_GW_MAC = "02:1a:c6:33:64:fe"  # server-side router

CLIENT_IP, SERVER_IP = "192.0.2.10", "198.51.100.80"
CLIENT_IP6, SERVER_IP6 = "2001:db8:1::10", "2001:db8:2::80"
ROUTER_IP = "203.0.113.1"

REQ = b"GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"            # 41 bytes
RESP = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"          # 43 bytes
REQ2 = b"GET /favicon.ico HTTP/1.1\r\nHost: www.example.com\r\n\r\n"  # 52 bytes
RESP2 = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"       # 45 bytes
assert (len(REQ), len(RESP), len(REQ2), len(RESP2)) == (41, 43, 52, 45)


def hosts(ip_id_seed, at="client", client_ip=CLIENT_IP, server_ip=SERVER_IP):
    """(client, server) Host objects.  at="client": capture next to the
    client (client TTL 64, server packets arrive with TTL 52 from the
    gateway's MAC); at="server": the opposite."""
    cid = (0x3C1A + 0x2F1 * ip_id_seed) & 0xFFFF
    sid = (0x9D42 + 0x1B7 * ip_id_seed) & 0xFFFF
    if at == "client":
        client = Host(client_ip, CLIENT_MAC, 64, cid, 0x3A9F1)
        server = Host(server_ip, GATEWAY_MAC, 52, sid, 0xC52E7)
    else:
        client = Host(client_ip, SERVER_GW_MAC, 52, cid, 0x3A9F1)
        server = Host(server_ip, SERVER_MAC, 64, sid, 0xC52E7)
    return client, server


def new_conn(cap, cport, sport, c_isn, s_isn, at="client", ts=False,
             seed=None, host_pair=None):
    """Client/server connection with Linux-like defaults: SYN window 64240,
    SYN-ACK window 65160, window scale 7 both ways (raw window 502 / 509
    afterwards), MSS 1460, SACK permitted; timestamps only if ts=True."""
    client, server = host_pair or hosts(seed if seed is not None else cport,
                                        at)
    opts = SYN_OPTS_TS if ts else SYN_OPTS
    return Conn(cap,
                Endpoint(client, cport, c_isn, 64240, 502, opts,
                         0x1C2E4A60 if ts else None),
                Endpoint(server, sport, s_isn, 65160, 509, opts,
                         0x7A3B0D12 if ts else None))


def handshake(conn, t):
    """C>S SYN at t, S>C SYN-ACK at t+RTT, C>S ACK 60 us later."""
    conn.send("c", "S", t)
    conn.send("s", "SA", t + RTT)
    conn.send("c", "A", t + RTT + 0.000060)


def exchange(conn, t, req=REQ, resp=RESP):
    """C>S PSH,ACK request at t, S>C PSH,ACK response (acks it) at
    t+RTT+0.5 ms, C>S ACK 50 us later."""
    conn.send("c", "PA", t, req)
    conn.send("s", "PA", t + RTT + 0.0005, resp)
    conn.send("c", "A", t + RTT + 0.00055)


def close3(conn, t):
    """Three-segment close started by the client: C>S FIN,ACK at t,
    S>C FIN,ACK at t+RTT, C>S ACK 50 us later."""
    conn.send("c", "FA", t)
    conn.send("s", "FA", t + RTT)
    conn.send("c", "A", t + RTT + 0.00005)


def close4(conn, t, first="c"):
    """Four-segment close (capture next to the client).
    first="c": C>S FIN,ACK; S>C ACK; S>C FIN,ACK; C>S ACK.
    first="s": S>C FIN,ACK; C>S ACK; C>S FIN,ACK; S>C ACK."""
    if first == "c":
        conn.send("c", "FA", t)
        conn.send("s", "A", t + RTT)
        conn.send("s", "FA", t + RTT + 0.0012)
        conn.send("c", "A", t + RTT + 0.00125)
    else:
        conn.send("s", "FA", t)
        conn.send("c", "A", t + 0.00004)
        conn.send("c", "FA", t + 0.0009)
        conn.send("s", "A", t + 0.0009 + RTT)


# --------------------------------------------------------------------------
# Scenarios (one capture file each; frame lists are copied to README.md)
# --------------------------------------------------------------------------

SCENARIOS = []


def scenario(func):
    SCENARIOS.append(func)
    return func


def name_of(func):
    return func.__name__.replace("_", "-")


@scenario
def simultaneous_open():
    """Simultaneous open (RFC 9293 section 3.5, figure 7). Capture next to
    A = 192.0.2.10:40001; B = 198.51.100.80:8080. a=0x5A3C9E17, b=0xC01D7F42.
    Both SYNs cross in the network, so neither carries an ACK.
    1. t=0 A>B SYN seq=a (MSS, SACK-perm, WS 7).
    2. t=0.009 B>A SYN seq=b, ACK flag off (B had not seen frame 1 yet).
    3. t=0.00905 A>B SYN,ACK seq=a ack=b+1 (A repeats its SYN and acks B's).
    4. t=0.0121 B>A SYN,ACK seq=b ack=a+1. Both sides are now ESTABLISHED.
    5. A>B PSH,ACK seq=a+1 ack=b+1 len=12 ("ping from A\\n").
    6. B>A PSH,ACK seq=b+1 ack=a+13 len=12 ("pong from B\\n").
    7. A>B ACK seq=a+13 ack=b+13.
    8. t=0.5 A>B FIN,ACK seq=a+13 ack=b+13.
    9. B>A ACK seq=b+13 ack=a+14.
    10. B>A FIN,ACK seq=b+13 ack=a+14.
    11. A>B ACK seq=a+14 ack=b+14."""
    cap = Capture("simultaneous-open")
    conn = new_conn(cap, 40001, 8080, 0x5A3C9E17, 0xC01D7F42)
    conn.send("c", "S", 0.0)
    conn.send("s", "S", 0.009)
    conn.send("c", "SA", 0.00905, seq=conn.c.isn)
    conn.send("s", "SA", 0.0121, seq=conn.s.isn)
    conn.send("c", "PA", 0.0123, b"ping from A\n")
    conn.send("s", "PA", 0.0325, b"pong from B\n")
    conn.send("c", "A", 0.03255)
    close4(conn, 0.5, first="c")
    return cap


@scenario
def simultaneous_close():
    """Simultaneous close (RFC 9293 figure 13): both FINs cross. Client
    192.0.2.10:40002, server 198.51.100.80:80, c=0x8E41B3D5, s=0x2C77A019.
    1. C>S SYN seq=c. 2. S>C SYN,ACK seq=s ack=c+1. 3. C>S ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41 (HTTP GET).
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43 (HTTP 200).
    6. C>S ACK seq=c+42 ack=s+44.
    7. t=1.0 C>S FIN,ACK seq=c+42 ack=s+44.
    8. t=1.008 S>C FIN,ACK seq=s+44 ack=c+42: sent before frame 7 arrived,
       so its ack does NOT cover the client's FIN.
    9. C>S ACK seq=c+43 ack=s+45 (client acks the server's FIN).
    10. t=1.0201 S>C ACK seq=s+45 ack=c+43 (server acks the client's FIN).
    Both sides pass CLOSING -> TIME-WAIT."""
    cap = Capture("simultaneous-close")
    conn = new_conn(cap, 40002, 80, 0x8E41B3D5, 0x2C77A019)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    client_fin_seq = conn.c.snd_nxt
    conn.send("c", "FA", 1.0)
    conn.send("s", "FA", 1.008, ack=client_fin_seq)
    conn.send("c", "A", 1.00806)
    conn.send("s", "A", 1.0201)
    return cap


@scenario
def syn_unanswered():
    """A SYN that is never answered. Client 192.0.2.10:40003 to
    198.51.100.80:80, c=0x1F6B2C8A. RFC 6298: initial RTO 1 s, doubled.
    1. t=0 C>S SYN seq=c.
    2. t=1 C>S SYN seq=c (retransmission, same ISN and options).
    3. t=3 C>S SYN seq=c (second retransmission, 2 s after the first)."""
    cap = Capture("syn-unanswered")
    conn = new_conn(cap, 40003, 80, 0x1F6B2C8A, 0)
    conn.send("c", "S", 0.0)
    conn.send("c", "S", 1.0, seq=conn.c.isn)
    conn.send("c", "S", 3.0, seq=conn.c.isn)
    return cap


@scenario
def syn_retransmitted():
    """The first SYN is lost and retransmitted after the 1 s initial RTO.
    Client 192.0.2.10:40004, server 198.51.100.80:80, c=0xA9D4E216,
    s=0x4B0C93F1.
    1. t=0 C>S SYN seq=c (lost before reaching the server).
    2. t=1.0 C>S SYN seq=c (retransmission).
    3. t=1.02 S>C SYN,ACK seq=s ack=c+1. 4. C>S ACK seq=c+1 ack=s+1.
    5. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    6. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 7. C>S ACK seq=c+42 ack=s+44.
    8. C>S FIN,ACK seq=c+42 ack=s+44. 9. S>C FIN,ACK seq=s+44 ack=c+43.
    10. C>S ACK seq=c+43 ack=s+45."""
    cap = Capture("syn-retransmitted")
    conn = new_conn(cap, 40004, 80, 0xA9D4E216, 0x4B0C93F1)
    conn.send("c", "S", 0.0, deliver=False)
    conn.send("c", "S", 1.0, seq=conn.c.isn)
    conn.send("s", "SA", 1.0 + RTT)
    conn.send("c", "A", 1.0 + RTT + 0.00006)
    exchange(conn, 1.1)
    close3(conn, 1.4)
    return cap


@scenario
def synack_retransmitted():
    """The client's third-handshake ACK is lost, so the server retransmits
    its SYN-ACK after 1 s. Capture taken next to the SERVER (so the lost ACK
    never appears; client packets arrive with TTL 52). Client
    192.0.2.10:40005, server 198.51.100.80:80, c=0x63E1F0A7, s=0xD2858B3C.
    1. t=0 C>S SYN seq=c.
    2. t=0.00006 S>C SYN,ACK seq=s ack=c+1 (the client's ACK to it is lost).
    3. t=1.00006 S>C SYN,ACK seq=s ack=c+1 (retransmission, same ISN).
    4. t=1.0201 C>S ACK seq=c+1 ack=s+1 (server now ESTABLISHED).
    5. t=1.5 C>S FIN,ACK seq=c+1 ack=s+1. 6. S>C FIN,ACK seq=s+1 ack=c+2.
    7. C>S ACK seq=c+2 ack=s+2."""
    cap = Capture("synack-retransmitted")
    conn = new_conn(cap, 40005, 80, 0x63E1F0A7, 0xD2858B3C, at="server")
    conn.send("c", "S", 0.0)
    conn.send("s", "SA", 0.00006)
    conn.send("s", "SA", 1.00006, seq=conn.s.isn)
    conn.send("c", "A", 1.0201)
    conn.send("c", "FA", 1.5)
    conn.send("s", "FA", 1.50005)
    conn.send("c", "A", 1.5201)
    return cap


@scenario
def fin_retransmitted():
    """The client's FIN is lost and retransmitted (same seq) after ~200 ms.
    Client 192.0.2.10:40006, server 198.51.100.80:80, c=0x3B7FA2E9,
    s=0x90C4D15E.
    1-3. Handshake: SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. t=1.0 C>S FIN,ACK seq=c+42 ack=s+44 (lost).
    8. t=1.2 C>S FIN,ACK seq=c+42 ack=s+44 (retransmission, same seq).
    9. t=1.22 S>C ACK seq=s+44 ack=c+43.
    10. S>C FIN,ACK seq=s+44 ack=c+43. 11. C>S ACK seq=c+43 ack=s+45."""
    cap = Capture("fin-retransmitted")
    conn = new_conn(cap, 40006, 80, 0x3B7FA2E9, 0x90C4D15E)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    fin_seq = conn.c.snd_nxt
    conn.send("c", "FA", 1.0, deliver=False)
    conn.send("c", "FA", 1.2, seq=fin_seq)
    conn.send("s", "A", 1.22)
    conn.send("s", "FA", 1.2212)
    conn.send("c", "A", 1.22125)
    return cap


@scenario
def fin_then_rst():
    """The server answers the client's FIN with a RST. Client
    192.0.2.10:40007, server 198.51.100.80:80, c=0xE4A0193B, s=0x5D28C6F0.
    1-3. Handshake: SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. t=1.0 C>S FIN,ACK seq=c+42 ack=s+44.
    8. t=1.02 S>C RST seq=s+44 (= server's next seq = the FIN's ack value),
       ACK flag off, ack field 0: the FIN is never acknowledged."""
    cap = Capture("fin-then-rst")
    conn = new_conn(cap, 40007, 80, 0xE4A0193B, 0x5D28C6F0)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    conn.send("c", "FA", 1.0)
    conn.send("s", "R", 1.02, win=0)
    return cap


@scenario
def rst_out_of_window():
    """A RST whose seq is far outside the client's receive window is ignored
    (RFC 9293 3.10.7.4 / RFC 5961 3.2: silently dropped) and the connection
    goes on. Client 192.0.2.10:40008, server 198.51.100.80:80,
    c=0x7C19D4A2, s=0x0B6E3F85.
    1-3. Handshake: SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. t=0.5 S>C RST,ACK seq=s+44+10000000 ack=c+42 (out of window, ignored).
    8. t=0.8 C>S PSH,ACK seq=c+42 ack=s+44 len=52 (second request).
    9. S>C PSH,ACK seq=s+44 ack=c+94 len=45. 10. C>S ACK seq=c+94 ack=s+89.
    11. t=1.5 C>S FIN,ACK seq=c+94 ack=s+89. 12. S>C ACK seq=s+89 ack=c+95.
    13. S>C FIN,ACK seq=s+89 ack=c+95. 14. C>S ACK seq=c+95 ack=s+90."""
    cap = Capture("rst-out-of-window")
    conn = new_conn(cap, 40008, 80, 0x7C19D4A2, 0x0B6E3F85)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    conn.send("s", "RA", 0.5, seq=conn.s.snd_nxt + 10_000_000, win=0)
    exchange(conn, 0.8, REQ2, RESP2)
    close4(conn, 1.5, first="c")
    return cap


@scenario
def rst_in_window_inexact():
    """RFC 5961 section 3.2: a RST inside the receive window but not exactly
    at RCV.NXT triggers a challenge ACK; the exact RST then resets. Client
    192.0.2.10:40009 (receive window 502*128 = 64256 bytes), server
    198.51.100.80:80, c=0x2A8E5B71, s=0xF1360CD4.
    1-3. Handshake: SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. t=0.5 S>C RST,ACK seq=s+1044 ack=c+42 (in window, 1000 past RCV.NXT).
    8. C>S ACK seq=c+42 ack=s+44 (challenge ACK: current SND.NXT/RCV.NXT).
    9. t=0.5201 S>C RST,ACK seq=s+44 ack=c+42 (exact RCV.NXT: connection
       reset). Nothing follows."""
    cap = Capture("rst-in-window-inexact")
    conn = new_conn(cap, 40009, 80, 0x2A8E5B71, 0xF1360CD4)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    conn.send("s", "RA", 0.5, seq=conn.s.snd_nxt + 1000, win=0)
    conn.send("c", "A", 0.50004)
    conn.send("s", "RA", 0.5201, win=0)
    return cap


@scenario
def icmp_quoted():
    """Path MTU discovery: a router answers two oversized client segments
    with ICMPv4 "fragmentation needed" (type 3 code 4, next-hop MTU 1400).
    Client 192.0.2.10:40010, server 198.51.100.80:80, router 203.0.113.1,
    c=0x46D2B98E, s=0x9F03E7A5. Timestamps are on, so every non-SYN TCP
    header is 32 bytes (NOP,NOP,TS).
    1-3. Handshake (MSS 1460, SACK-perm, TS, WS 7 both ways):
       SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. t=0.1 C>S ACK seq=c+1 ack=s+1 len=1448 (IP total length 1500, DF).
    5. C>S PSH,ACK seq=c+1449 ack=s+1 len=1448.
    6. t=0.1024 ICMP 203.0.113.1>192.0.2.10 type 3 code 4 MTU 1400 quoting
       frame 4's IP header + only the first 8 bytes of TCP (ports + seq),
       as RFC 792 requires.
    7. ICMP type 3 code 4 MTU 1400 quoting frame 5's IP header + its whole
       32-byte TCP header (modern routers quote more, RFC 1812). The quoted
       TCP checksum is frame 5's (correct for the full segment); Wireshark
       4.0 with tcp.check_checksum on recomputes it over the 32 quoted
       bytes only and reports it as bad.
    8. C>S ACK seq=c+1 ack=s+1 len=1348 (retransmission at the new size).
    9. C>S ACK seq=c+1349 ack=s+1 len=1348.
    10. C>S PSH,ACK seq=c+2697 ack=s+1 len=200.
    11. S>C PSH,ACK seq=s+1 ack=c+2897 len=43.
    12. C>S ACK seq=c+2897 ack=s+44.
    13. C>S FIN,ACK seq=c+2897 ack=s+44. 14. S>C FIN,ACK seq=s+44 ack=c+2898.
    15. C>S ACK seq=c+2898 ack=s+45."""
    cap = Capture("icmp-quoted")
    conn = new_conn(cap, 40010, 80, 0x46D2B98E, 0x9F03E7A5, ts=True)
    router = Host(ROUTER_IP, GATEWAY_MAC, 255, 0x1D07)
    body_len = 2 * 1448
    head = (b"POST /upload HTTP/1.1\r\nHost: www.example.com\r\n"
            b"Content-Length: %d\r\n\r\n")
    content_len = body_len - len(head % 1000)  # the number has 4 digits
    head = head % content_len
    body = head + bytes(0x61 + i % 26 for i in range(content_len))
    assert len(body) == body_len
    handshake(conn, 0.0)
    first_seq = conn.c.snd_nxt
    seg4 = conn.send("c", "A", 0.1, body[:1448], deliver=False)
    seg5 = conn.send("c", "PA", 0.10001, body[1448:], deliver=False)
    cap.icmp_frag_needed(router, conn.c.host, seg4[:20 + 8], 1400, 0.1024)
    cap.icmp_frag_needed(router, conn.c.host, seg5[:20 + 32], 1400, 0.10241)
    # Retransmit with MSS 1400 - 20 (IP) - 20 (TCP) - 12 (TS option) = 1348.
    conn.send("c", "A", 0.10245, body[:1348], seq=first_seq)
    conn.send("c", "A", 0.10246, body[1348:2696], seq=first_seq + 1348)
    conn.send("c", "PA", 0.10247, body[2696:], seq=first_seq + 2696)
    conn.send("s", "PA", 0.1230, RESP)
    conn.send("c", "A", 0.12305)
    close3(conn, 0.4)
    return cap


def tunnel_scenario(name, kind, cport):
    """Capture on the link between the two tunnel endpoints: outer
    203.0.113.10 (client side, outer TTL 64) <-> 203.0.113.20 (outer TTL 62
    when seen here); inner TTLs 63 (client) / 60 (server)."""
    cap = Capture(name)
    a = Host("203.0.113.10", "02:1a:cb:00:71:0a", 64, 0x51E3)
    b = Host("203.0.113.20", "02:1a:cb:00:71:14", 62, 0xA60C)
    client = Host(CLIENT_IP, CLIENT_MAC, 63, (0x3C1A + 0x2F1 * cport) & 0xFFFF)
    server = Host(SERVER_IP, GATEWAY_MAC, 60, (0x9D42 + 0x1B7 * cport) & 0xFFFF)
    cap.tunnel = (kind, {client.ip: a, server.ip: b})
    return cap, (client, server)


@scenario
def tunnel_ipip():
    """A whole short connection carried in IPv4-in-IPv4 (RFC 2003): outer
    IPv4 protocol 4, outer 203.0.113.10 (client side) <-> 203.0.113.20.
    Inner: client 192.0.2.10:40011, server 198.51.100.80:80, c=0xB85F2D63,
    s=0x17E9A4C0.
    1. C>S SYN seq=c. 2. S>C SYN,ACK seq=s ack=c+1. 3. C>S ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. C>S FIN,ACK seq=c+42 ack=s+44. 8. S>C FIN,ACK seq=s+44 ack=c+43.
    9. C>S ACK seq=c+43 ack=s+45."""
    cap, pair = tunnel_scenario("tunnel-ipip", "ipip", 40011)
    conn = new_conn(cap, 40011, 80, 0xB85F2D63, 0x17E9A4C0, host_pair=pair)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    close3(conn, 0.5)
    return cap


@scenario
def tunnel_gre():
    """The same short connection carried in GRE (RFC 2784, 4-byte header,
    protocol type 0x0800): outer IPv4 protocol 47, outer 203.0.113.10
    (client side) <-> 203.0.113.20. Inner: client 192.0.2.10:40012, server
    198.51.100.80:80, c=0x5E0A7B94, s=0xC3D12F68.
    1. C>S SYN seq=c. 2. S>C SYN,ACK seq=s ack=c+1. 3. C>S ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. C>S FIN,ACK seq=c+42 ack=s+44. 8. S>C FIN,ACK seq=s+44 ack=c+43.
    9. C>S ACK seq=c+43 ack=s+45."""
    cap, pair = tunnel_scenario("tunnel-gre", "gre", 40012)
    conn = new_conn(cap, 40012, 80, 0x5E0A7B94, 0xC3D12F68, host_pair=pair)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    close3(conn, 0.5)
    return cap


@scenario
def truncated():
    """Malformed / truncated TCP headers inside an otherwise normal
    connection. Client 192.0.2.10:40013, server 198.51.100.80:80,
    c=0x0D93C6BE, s=0x6A4F1E27. The pcap is written by text2pcap and then
    frame 4's record is rewritten by build.py (text2pcap cannot store a
    captured length shorter than the frame).
    1. C>S SYN seq=c. 2. S>C SYN,ACK seq=s ack=c+1. 3. C>S ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41, frame length 95 but only 42 bytes
       captured (14 Ethernet + 20 IP + 8 TCP: ports and seq only; the data
       offset, flags and ack are missing).
    5. S>C ACK seq=s+1 ack=c+42 whose data offset is 4 (16 bytes, invalid:
       must be >= 5); 20 header bytes are present, checksum is correct.
    6. S>C PSH,ACK seq=s+1 ack=c+42 len=43 (normal).
    7. C>S ACK seq=c+42 ack=s+44 whose data offset is 15 (60 bytes) while the
       IP packet holds only 20 bytes of TCP.
    8. C>S FIN,ACK seq=c+42 ack=s+44. 9. S>C FIN,ACK seq=s+44 ack=c+43.
    10. C>S ACK seq=c+43 ack=s+45."""
    cap = Capture("truncated")
    conn = new_conn(cap, 40013, 80, 0x0D93C6BE, 0x6A4F1E27)
    handshake(conn, 0.0)
    conn.send("c", "PA", 0.1, REQ, caplen=14 + 20 + 8)
    conn.send("s", "A", 0.1201, data_offset=4)
    conn.send("s", "PA", 0.1206, RESP)
    conn.send("c", "A", 0.12065, data_offset=15)
    close3(conn, 0.5)
    return cap


@scenario
def odd_flags():
    """Invalid flag combinations inside an established connection (as sent
    by port scanners). The capture is next to the client; a stateful
    firewall behind it drops the four odd segments, so the server never
    reacts. None of them moves seq. Client 192.0.2.10:40014, server
    198.51.100.80:80, c=0x99F0E3A4, s=0x31B85C7D.
    1-3. Handshake: SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. t=0.3 C>S SYN,FIN seq=c+42 (no ACK flag, ack field 0).
    8. t=0.4 C>S no flags at all ("NULL") seq=c+42 ack field 0.
    9. t=0.5 C>S FIN,PSH,URG ("Xmas", no ACK) seq=c+42 urgent pointer 0.
    10. t=0.6 C>S SYN,RST seq=c+42 (no ACK).
    11. t=1.0 C>S FIN,ACK seq=c+42 ack=s+44. 12. S>C ACK seq=s+44 ack=c+43.
    13. S>C FIN,ACK seq=s+44 ack=c+43. 14. C>S ACK seq=c+43 ack=s+45."""
    cap = Capture("odd-flags")
    conn = new_conn(cap, 40014, 80, 0x99F0E3A4, 0x31B85C7D)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    for t, flags in ((0.3, "SF"), (0.4, ""), (0.5, "FPU"), (0.6, "SR")):
        conn.send("c", flags, t, win=conn.c.win, options=[], deliver=False,
                  advance=False)
    close4(conn, 1.0, first="c")
    return cap


@scenario
def midstream():
    """The capture starts in the middle of an established connection (no
    handshake seen); the server closes first. Client 192.0.2.10:40015,
    server 198.51.100.80:80. x=0x4E7D21C9 and y=0xA2F6B058 are the client's
    and server's next sequence numbers when the capture starts.
    1. C>S PSH,ACK seq=x ack=y len=41.
    2. S>C PSH,ACK seq=y ack=x+41 len=43. 3. C>S ACK seq=x+41 ack=y+43.
    4. C>S PSH,ACK seq=x+41 ack=y+43 len=52.
    5. S>C PSH,ACK seq=y+43 ack=x+93 len=45. 6. C>S ACK seq=x+93 ack=y+88.
    7. t=2.0 S>C FIN,ACK seq=y+88 ack=x+93 (server, port 80, closes first).
    8. C>S ACK seq=x+93 ack=y+89.
    9. C>S FIN,ACK seq=x+93 ack=y+89. 10. S>C ACK seq=y+89 ack=x+94."""
    cap = Capture("midstream")
    conn = new_conn(cap, 40015, 80, 0, 0)
    conn.c.snd_nxt = conn.s.rcv_nxt = 0x4E7D21C9
    conn.s.snd_nxt = conn.c.rcv_nxt = 0xA2F6B058
    exchange(conn, 0.0)
    exchange(conn, 1.0, REQ2, RESP2)
    close4(conn, 2.0, first="s")
    return cap


@scenario
def midstream_synack():
    """The capture starts just after the client's SYN, so the first frame is
    the SYN-ACK. Client 192.0.2.10:40016, server 198.51.100.80:80,
    c=0xC7215E0F (the uncaptured SYN's seq), s=0x58AB93D2.
    1. t=0 S>C SYN,ACK seq=s ack=c+1. 2. C>S ACK seq=c+1 ack=s+1.
    3. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    4. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 5. C>S ACK seq=c+42 ack=s+44.
    6. C>S FIN,ACK seq=c+42 ack=s+44. 7. S>C FIN,ACK seq=s+44 ack=c+43.
    8. C>S ACK seq=c+43 ack=s+45."""
    cap = Capture("midstream-synack")
    conn = new_conn(cap, 40016, 80, 0xC7215E0F, 0x58AB93D2)
    conn.send("c", "S", -RTT, captured=False)  # sent before capture started
    conn.send("s", "SA", 0.0)
    conn.send("c", "A", 0.00006)
    exchange(conn, 0.1)
    close3(conn, 0.5)
    return cap


@scenario
def port_reuse():
    """Two connections on exactly the same 4-tuple, 2 s apart. Client
    192.0.2.10:40017, server 198.51.100.80:80. First connection
    c1=0x6F3A0C85, s1=0xE2D74B19; second c2=0x7B8E41F0 (> the first
    connection's final seq, RFC 9293 TIME-WAIT rule), s2=0x0C55D3A6.
    1. t=0 C>S SYN seq=c1. 2. S>C SYN,ACK seq=s1 ack=c1+1.
    3. C>S ACK seq=c1+1 ack=s1+1.
    4. C>S PSH,ACK seq=c1+1 ack=s1+1 len=41.
    5. S>C PSH,ACK seq=s1+1 ack=c1+42 len=43. 6. C>S ACK seq=c1+42 ack=s1+44.
    7. C>S FIN,ACK seq=c1+42 ack=s1+44. 8. S>C ACK seq=s1+44 ack=c1+43.
    9. S>C FIN,ACK seq=s1+44 ack=c1+43. 10. C>S ACK seq=c1+43 ack=s1+45.
    11. t=2.52 C>S SYN seq=c2 (same ports). 12. S>C SYN,ACK seq=s2 ack=c2+1.
    13. C>S ACK seq=c2+1 ack=s2+1.
    14. C>S PSH,ACK seq=c2+1 ack=s2+1 len=52.
    15. S>C PSH,ACK seq=s2+1 ack=c2+53 len=45. 16. C>S ACK seq=c2+53 ack=s2+46.
    17. C>S FIN,ACK seq=c2+53 ack=s2+46. 18. S>C ACK seq=s2+46 ack=c2+54.
    19. S>C FIN,ACK seq=s2+46 ack=c2+54. 20. C>S ACK seq=c2+54 ack=s2+47."""
    cap = Capture("port-reuse")
    pair = hosts(40017)
    conn = new_conn(cap, 40017, 80, 0x6F3A0C85, 0xE2D74B19, host_pair=pair)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    close4(conn, 0.5, first="c")
    conn = new_conn(cap, 40017, 80, 0x7B8E41F0, 0x0C55D3A6, host_pair=pair)
    handshake(conn, 2.52)
    exchange(conn, 2.6, REQ2, RESP2)
    close4(conn, 3.0, first="c")
    return cap


TFO_COOKIE = bytes.fromhex("6d1f3a8c2e9b4f07")
TFO_SYN_OPTS = SYN_OPTS + [("tfo", TFO_COOKIE), ("nop",), ("nop",)]
TFO_DATA = b"GET /ok HTTP/1.0\r\n\r\n"  # 20 bytes
assert len(TFO_DATA) == 20


@scenario
def fastopen_ignored():
    """TCP Fast Open (RFC 7413) where the server ignores the SYN's data.
    Client 192.0.2.10:40018, server 198.51.100.80:80, c=0x28C4F7A1,
    s=0x93E05B6D. SYN options: MSS, SACK-perm, WS 7, TFO (kind 34, len 10,
    cookie 6d1f3a8c2e9b4f07), NOP, NOP.
    1. C>S SYN seq=c len=20 + TFO cookie.
    2. S>C SYN,ACK seq=s ack=c+1: only the SYN is acknowledged, no TFO option.
    3. C>S ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=20 (the SYN's 20 bytes sent again).
    5. S>C PSH,ACK seq=s+1 ack=c+21 len=43. 6. C>S ACK seq=c+21 ack=s+44.
    7. C>S FIN,ACK seq=c+21 ack=s+44. 8. S>C FIN,ACK seq=s+44 ack=c+22.
    9. C>S ACK seq=c+22 ack=s+45."""
    cap = Capture("fastopen-ignored")
    conn = new_conn(cap, 40018, 80, 0x28C4F7A1, 0x93E05B6D)
    conn.send("c", "S", 0.0, TFO_DATA, options=TFO_SYN_OPTS, deliver=False)
    conn.s.rcv_nxt = conn.c.isn + 1  # server accepted the SYN, not the data
    conn.send("s", "SA", RTT)
    conn.c.snd_nxt = conn.c.isn + 1  # data unacknowledged: send it again
    conn.send("c", "A", RTT + 0.00006)
    conn.send("c", "PA", RTT + 0.00008, TFO_DATA)
    conn.send("s", "PA", 2 * RTT + 0.0006, RESP)
    conn.send("c", "A", 2 * RTT + 0.00065)
    close3(conn, 0.5)
    return cap


@scenario
def fastopen_accepted():
    """TCP Fast Open (RFC 7413) with a valid cookie: the SYN's data is
    accepted. Client 192.0.2.10:40019, server 198.51.100.80:80,
    c=0x84B16E2F, s=0x1A7DC095. SYN options as in fastopen-ignored.
    1. C>S SYN seq=c len=20 + TFO cookie 6d1f3a8c2e9b4f07.
    2. S>C SYN,ACK seq=s ack=c+21 (SYN + 20 data bytes acknowledged).
    3. C>S ACK seq=c+21 ack=s+1.
    4. S>C PSH,ACK seq=s+1 ack=c+21 len=43 (response).
    5. C>S ACK seq=c+21 ack=s+44.
    6. C>S FIN,ACK seq=c+21 ack=s+44. 7. S>C FIN,ACK seq=s+44 ack=c+22.
    8. C>S ACK seq=c+22 ack=s+45."""
    cap = Capture("fastopen-accepted")
    conn = new_conn(cap, 40019, 80, 0x84B16E2F, 0x1A7DC095)
    conn.send("c", "S", 0.0, TFO_DATA, options=TFO_SYN_OPTS)
    conn.send("s", "SA", RTT)
    conn.send("c", "A", RTT + 0.00006)
    conn.send("s", "PA", RTT + 0.0011, RESP)
    conn.send("c", "A", RTT + 0.00115)
    close3(conn, 0.5)
    return cap


@scenario
def handshake_ack_data():
    """The third handshake segment already carries the request. Client
    192.0.2.10:40020, server 198.51.100.80:80, c=0xF50D82B3, s=0x6C3E19A4.
    1. C>S SYN seq=c. 2. S>C SYN,ACK seq=s ack=c+1.
    3. C>S PSH,ACK seq=c+1 ack=s+1 len=30 (completes the handshake AND
       carries data; no separate pure ACK).
    4. S>C PSH,ACK seq=s+1 ack=c+31 len=43. 5. C>S ACK seq=c+31 ack=s+44.
    6. C>S FIN,ACK seq=c+31 ack=s+44. 7. S>C FIN,ACK seq=s+44 ack=c+32.
    8. C>S ACK seq=c+32 ack=s+45."""
    cap = Capture("handshake-ack-data")
    conn = new_conn(cap, 40020, 80, 0xF50D82B3, 0x6C3E19A4)
    req = b"GET /xyz HTTP/1.1\r\nHost: a\r\n\r\n"
    assert len(req) == 30
    conn.send("c", "S", 0.0)
    conn.send("s", "SA", RTT)
    exchange(conn, RTT + 0.00006, req)
    close3(conn, 0.5)
    return cap


@scenario
def bad_synack_ack():
    """A SYN-ACK with a wrong ack (ISN+2) is answered with a RST whose seq is
    that ack value (RFC 9293 3.10.7.3, SYN-SENT: <SEQ=SEG.ACK><CTL=RST>); the
    server drops its half-open connection, the client retransmits its SYN
    when the 1 s RTO expires and the server answers with a fresh ISN.
    Client 192.0.2.10:40021, server 198.51.100.80:80, c=0x3D6A9F12,
    s1=0xB7402EC8 (bad SYN-ACK), s2=0xB7C81A55 (good SYN-ACK).
    1. t=0 C>S SYN seq=c.
    2. t=0.02 S>C SYN,ACK seq=s1 ack=c+2 (unacceptable: must be c+1;
       Wireshark's heuristic calls it "SYN-ACK accepting TFO data").
    3. C>S RST seq=c+2, ACK flag off, ack field 0.
    4. t=1.0 C>S SYN seq=c (retransmission).
    5. t=1.02 S>C SYN,ACK seq=s2 ack=c+1. 6. C>S ACK seq=c+1 ack=s2+1.
    7. C>S FIN,ACK seq=c+1 ack=s2+1. 8. S>C FIN,ACK seq=s2+1 ack=c+2.
    9. C>S ACK seq=c+2 ack=s2+2."""
    cap = Capture("bad-synack-ack")
    conn = new_conn(cap, 40021, 80, 0x3D6A9F12, 0xB7402EC8)
    conn.send("c", "S", 0.0)
    conn.send("s", "SA", RTT, ack=conn.c.isn + 2)
    conn.send("c", "R", RTT + 0.00004, seq=conn.c.isn + 2, win=0, options=[])
    conn.s.snd_nxt = 0xB7C81A55  # half-open connection forgotten: new ISN
    conn.send("c", "S", 1.0, seq=conn.c.isn)
    conn.send("s", "SA", 1.0 + RTT)
    conn.send("c", "A", 1.0 + RTT + 0.00006)
    close3(conn, 1.3)
    return cap


@scenario
def syn_options():
    """Option negotiation and ECN setup. Client 192.0.2.10:40022, server
    198.51.100.80:80, c=0x5F92D03B, s=0xA41B7E66. Client TSval clock
    starts at 0x1C2E4A60, server at 0x7A3B0D12 (1 tick = 1 ms).
    1. C>S SYN,ECE,CWR seq=c win=64240, options MSS 1460, SACK-perm,
       TS (TSval=0x1C2E4A60, TSecr=0), NOP, WS 7 (RFC 3168 ECN-setup SYN).
    2. S>C SYN,ACK,ECE seq=s ack=c+1 win=65160, options MSS 1400, NOP, NOP,
       TS (TSecr = client's TSval 0x1C2E4A60), NOP, WS 8; no SACK-perm.
    3. C>S ACK seq=c+1 ack=s+1 win=502 (x128 = 64256 bytes), NOP,NOP,TS.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41, IP ECN=ECT(0).
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43 win=255 (x256 = 65280), ECT(0).
    6. C>S ACK seq=c+42 ack=s+44.
    7. C>S FIN,ACK seq=c+42 ack=s+44. 8. S>C ACK seq=s+44 ack=c+43.
    9. S>C FIN,ACK seq=s+44 ack=c+43. 10. C>S ACK seq=c+43 ack=s+45.
    Every non-SYN segment carries NOP,NOP,TS with TSecr = peer's last TSval."""
    cap = Capture("syn-options")
    client, server = hosts(40022)
    conn = Conn(cap,
                Endpoint(client, 40022, 0x5F92D03B, 64240, 502,
                         [("mss", 1460), ("sackok",), ("ts",), ("nop",),
                          ("ws", 7)], ts_base=0x1C2E4A60),
                Endpoint(server, 80, 0xA41B7E66, 65160, 255,
                         [("mss", 1400), ("nop",), ("nop",), ("ts",),
                          ("nop",), ("ws", 8)], ts_base=0x7A3B0D12))
    conn.send("c", "SEC", 0.0)
    conn.send("s", "SAE", RTT)
    conn.send("c", "A", RTT + 0.00006)
    conn.send("c", "PA", 0.1, REQ, tos=0x02)
    conn.send("s", "PA", 0.1 + RTT + 0.0005, RESP, tos=0x02)
    conn.send("c", "A", 0.1 + RTT + 0.00055)
    close4(conn, 0.5, first="c")
    return cap


def sflow_datagram(frames, seq=1):
    """sFlow v5 datagram (agent 203.0.113.50) with one flow sample per frame
    in `frames`, each carrying the whole frame as a raw Ethernet header
    record. Wireshark dissects every sampled header down to TCP, so one
    capture frame holds as many TCP headers as samples."""
    out = struct.pack("!II4sIIII", 5, 1, bytes([203, 0, 113, 50]), 0, seq,
                      3600000, len(frames))
    for i, frame in enumerate(frames):
        pad = b"\x00" * (-len(frame) % 4)
        record = struct.pack("!IIII", 1, len(frame) + 4, 0, len(frame)) + frame + pad
        record = struct.pack("!II", 1, len(record)) + record
        body = struct.pack("!IIIIIIII", seq * 1000 + i, 3, 1, 1 + i, 0, 3,
                           4, 1) + record
        out += struct.pack("!II", 1, len(body)) + body
    return out


def sflow_capture(name, samples_per_frame):
    """A capture of sFlow datagrams: `samples_per_frame` is a list of
    (t, [frame bytes, ...]); each becomes one UDP frame from the agent
    203.0.113.50 to the collector 203.0.113.60:6343."""
    cap = Capture(name)
    agent = Host("203.0.113.50", "02:1a:cb:00:71:32", 64, 0x2B11)
    collector = Host("203.0.113.60", "02:1a:cb:00:71:3c", 64, 0x7C02)
    for i, (t, frames) in enumerate(samples_per_frame):
        udp = udp_datagram(agent, collector, 40500, 6343,
                           sflow_datagram(frames, i + 1))
        cap.add(t, cap.ethernet(agent, collector,
                                ipv4_packet(agent, collector, 17, udp, df=False)))
    return cap


def sampled_frames(name, build):
    """The frames `build(conn)` sends on a connection (client
    192.0.2.10:40030, server 198.51.100.80:80, c=0x2F7C11A0, s=0x84D3E95B),
    as bytes, without writing them to any capture file."""
    scratch = Capture(name + "-sampled")
    conn = new_conn(scratch, 40030, 80, 0x2F7C11A0, 0x84D3E95B)
    build(conn)
    return [frame for _, frame, _ in scratch.frames]


@scenario
def sflow_many_headers():
    """sFlow v5 (UDP 6343, agent 203.0.113.50 -> collector 203.0.113.60)
    sampling one short connection: client 192.0.2.10:40030, server
    198.51.100.80:80, c=0x2F7C11A0, s=0x84D3E95B. Wireshark dissects each
    sampled Ethernet header down to TCP, so one frame holds several TCP
    headers of the same connection.
    1. t=0 one datagram, 2 samples: SYN seq=c, then SYN,ACK seq=s ack=c+1.
    2. t=0.1 one datagram, 2 samples: ACK seq=c+1 ack=s+1, then PSH,ACK
       seq=c+1 ack=s+1 len=41.
    3. t=0.2 one datagram, 2 samples: S>C ACK seq=s+1 ack=c+42 (acks the
       data of frame 2), then the same ACK again.
    4. t=0.3 one datagram, 10 samples: C>S PSH,ACK seq=c+42 ack=s+1 len=41,
       S>C ACK seq=s+1 ack=c+83 (acks the sample before it, in the same
       frame), then 8 more copies of that ACK: tcpedu analyses 8 TCP
       headers per frame and reports the other 2.
    5. t=0.4 one datagram, 1 sample: S>C ACK seq=s+1 ack=c+83."""
    def build(conn):
        handshake(conn, 0.0)
        conn.send("c", "PA", 0.1, REQ)
        conn.send("s", "A", 0.2)
        conn.send("c", "PA", 0.3, REQ)
        conn.send("s", "A", 0.3)
    f = sampled_frames("sflow-many-headers", build)
    syn, synack, ack3, req, ack_req, req2, ack_req2 = f
    return sflow_capture("sflow-many-headers", [
        (0.0, [syn, synack]), (0.1, [ack3, req]), (0.2, [ack_req, ack_req]),
        (0.3, [req2] + [ack_req2] * 9), (0.4, [ack_req2])])


@scenario
def sflow_layer_255():
    """Protocol layer numbers wrap after 255 in Wireshark 4.0. One sFlow v5
    datagram (as in sflow-many-headers) with 90 samples of a UDP datagram
    (192.0.2.10:5353 -> 198.51.100.80:5353, 8 bytes of zeros; each sample
    adds Ethernet, IPv4 and UDP layers), then one sample of a TCP SYN
    (client 192.0.2.10:40030, server 198.51.100.80:80, c=0x2F7C11A0) whose
    TCP layer is past layer 255.
    1. t=0 the datagram."""
    client, server = hosts(40030)
    udp = udp_datagram(client, server, 5353, 5353, b"\x00" * 8)
    udp_frame = Capture("scratch").ethernet(
        client, server, ipv4_packet(client, server, 17, udp, ident=0x1111))
    syn = sampled_frames("sflow-layer-255", lambda conn: conn.send("c", "S", 0.0))[0]
    return sflow_capture("sflow-layer-255", [(0.0, [udp_frame] * 90 + [syn])])


@scenario
def conns_many_zeek_rows():
    """A capture shaped to make `-z tcpedu,conns` large: the padded text
    table's width is set by its widest line. Client 192.0.2.10, server
    198.51.100.80:80, no server ever answers.
    1-300. t=0.000 .. 0.299 (1 ms apart) one SYN each from ports 41000 ..
       41299, c=0x10000000 + port: 300 one-SYN connections.
    301-600. t=1, 7, 13, ... (6 s apart) the same SYN from port 40032,
       c=0x5A5A0001, 300 times: one tcpedu connection (a retransmitted SYN)
       that Zeek logs as 300 rows (its 5 s attempt timer ends each one)."""
    cap = Capture("conns-many-zeek-rows")
    pair = hosts(40032)
    for i in range(300):
        port = 41000 + i
        conn = new_conn(cap, port, 80, 0x10000000 + port, 0, host_pair=pair)
        conn.send("c", "S", i * 0.001)
    conn = new_conn(cap, 40032, 80, 0x5A5A0001, 0, host_pair=pair)
    for i in range(300):
        conn.send("c", "S", 1 + 6 * i, seq=0x5A5A0001)
    return cap


YEAR_3000 = 32503680000  # 3000-01-01 00:00:00 UTC, seconds since 1970


@scenario
def time_after_2262():
    """Frame times beyond 2262-04-11 (the last instant of 64-bit
    nanoseconds), as a broken clock or a crafted file gives: a pcapng file
    (classic pcap cannot hold such times). Client 192.0.2.10:40031, server
    198.51.100.80:80, c=0x6C21F0B3, s=0xD9A4572E.
    1. t=2024-06-03 09:00:00 C>S SYN seq=c.
    2. t=3000-01-01 00:00:00 S>C SYN,ACK seq=s ack=c+1.
    3. 20 ms later C>S ACK seq=c+1 ack=s+1.
    4-6. 100 ms after frame 2: C>S PSH,ACK len=41; S>C PSH,ACK len=43;
       C>S ACK.
    7-9. 500 ms after frame 2: three-segment close started by the client."""
    cap = Capture("time-after-2262")
    conn = new_conn(cap, 40031, 80, 0x6C21F0B3, 0xD9A4572E)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    close3(conn, 0.5)
    late = YEAR_3000 * 1_000_000
    cap.pcapng_usec = [BASE_TIME * 1_000_000] + [
        late + round((t - RTT) * 1_000_000) for t, _, _ in cap.frames[1:]]
    return cap


@scenario
def ipv6():
    """A short connection over IPv6. Client [2001:db8:1::10]:40023, server
    [2001:db8:2::80]:80, c=0x0E6C3B97, s=0xD8A25F14, MSS 1440 both ways.
    1. C>S SYN seq=c. 2. S>C SYN,ACK seq=s ack=c+1. 3. C>S ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. C>S FIN,ACK seq=c+42 ack=s+44. 8. S>C FIN,ACK seq=s+44 ack=c+43.
    9. C>S ACK seq=c+43 ack=s+45."""
    cap = Capture("ipv6")
    opts6 = [("mss", 1440)] + SYN_OPTS[1:]
    client = Host(CLIENT_IP6, CLIENT_MAC, 64, flow_label=0x3A9F1)
    server = Host(SERVER_IP6, GATEWAY_MAC, 52, flow_label=0xC52E7)
    conn = Conn(cap,
                Endpoint(client, 40023, 0x0E6C3B97, 64800, 507, opts6),
                Endpoint(server, 80, 0xD8A25F14, 64800, 507, opts6))
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    close3(conn, 0.5)
    return cap


@scenario
def rst_abort_client():
    """The client aborts an established connection with RST,ACK. Client
    192.0.2.10:40024, server 198.51.100.80:80, c=0x71F4A0D8, s=0x2E8B6C13.
    1-3. Handshake: SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. t=1.0 C>S RST,ACK seq=c+42 ack=s+44 (exact). Nothing after."""
    cap = Capture("rst-abort-client")
    conn = new_conn(cap, 40024, 80, 0x71F4A0D8, 0x2E8B6C13)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    conn.send("c", "RA", 1.0, win=0)
    return cap


@scenario
def rst_abort_server():
    """The server aborts an established connection with RST,ACK. Client
    192.0.2.10:40025, server 198.51.100.80:80, c=0xBC0367E1, s=0x49D5F28A.
    1-3. Handshake: SYN seq=c; SYN,ACK seq=s ack=c+1; ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. t=1.0 S>C RST,ACK seq=s+44 ack=c+42 (exact). Nothing after."""
    cap = Capture("rst-abort-server")
    conn = new_conn(cap, 40025, 80, 0xBC0367E1, 0x49D5F28A)
    handshake(conn, 0.0)
    exchange(conn, 0.1)
    conn.send("s", "RA", 1.0, win=0)
    return cap


@scenario
def rst_after_close():
    """After a normal four-segment close a delayed duplicate of the client's
    request arrives at the server, which is CLOSED and answers with a RST
    (RFC 9293 3.10.7.1: incoming ACK set -> <SEQ=SEG.ACK><CTL=RST>). Capture
    next to the SERVER (client packets arrive with TTL 52). Client
    192.0.2.10:40026, server 198.51.100.80:80, c=0x95A7E04C, s=0x03F1B6D9.
    1. C>S SYN seq=c. 2. S>C SYN,ACK seq=s ack=c+1. 3. C>S ACK seq=c+1 ack=s+1.
    4. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    5. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 6. C>S ACK seq=c+42 ack=s+44.
    7. C>S FIN,ACK seq=c+42 ack=s+44. 8. S>C ACK seq=s+44 ack=c+43.
    9. S>C FIN,ACK seq=s+44 ack=c+43. 10. C>S ACK seq=c+43 ack=s+45.
    11. t=1.8 C>S PSH,ACK seq=c+1 ack=s+1 len=41 (late duplicate of frame 4).
    12. S>C RST seq=s+1 (= frame 11's ack), ACK flag off, ack field 0."""
    cap = Capture("rst-after-close")
    conn = new_conn(cap, 40026, 80, 0x95A7E04C, 0x03F1B6D9, at="server")
    conn.send("c", "S", 0.0)
    conn.send("s", "SA", 0.00005)
    conn.send("c", "A", RTT + 0.0001)
    conn.send("c", "PA", RTT + 0.0002, REQ)
    conn.send("s", "PA", RTT + 0.0007, RESP)
    conn.send("c", "A", 2 * RTT + 0.0008)
    conn.send("c", "FA", 1.0)
    conn.send("s", "A", 1.00004)
    conn.send("s", "FA", 1.0009)
    conn.send("c", "A", 1.0009 + RTT)
    conn.send("c", "PA", 1.8, REQ, seq=conn.c.isn + 1, ack=conn.s.isn + 1,
              deliver=False)
    conn.send("s", "R", 1.80003, seq=conn.s.isn + 1, win=0)
    return cap


@scenario
def split_handshake():
    """Split handshake: the server answers the SYN with a bare ACK, then
    sends its own SYN; the client answers that with a SYN,ACK carrying its
    own ISN again, and the server ACKs it. RFC 9293 still reaches
    ESTABLISHED on both ends. Client 192.0.2.10:40030, server
    198.51.100.80:80, c=0x31C4A7E2, s=0x9B0E5D13.
    1. t=0 C>S SYN seq=c. 2. S>C ACK seq=s ack=c+1 (no SYN).
    3. S>C SYN seq=s. 4. C>S SYN,ACK seq=c ack=s+1. 5. S>C ACK seq=s+1 ack=c+1.
    6. C>S PSH,ACK seq=c+1 ack=s+1 len=41. 7. S>C ACK seq=s+1 ack=c+42.
    8. C>S RST,ACK seq=c+42 ack=s+1 (exact: accepted)."""
    cap = Capture("split-handshake")
    conn = new_conn(cap, 40030, 80, 0x31C4A7E2, 0x9B0E5D13)
    conn.send("c", "S", 0.0)
    conn.send("s", "A", RTT, seq=conn.s.isn, deliver=False, advance=False)
    conn.send("s", "S", RTT + 0.0001)
    conn.send("c", "SA", RTT + 0.00015, seq=conn.c.isn)
    conn.send("s", "A", 2 * RTT + 0.00015)
    conn.send("c", "PA", 2 * RTT + 0.0002, REQ)
    conn.send("s", "A", 3 * RTT + 0.0002)
    conn.send("c", "RA", 3 * RTT + 0.001)
    return cap


@scenario
def split_handshake_no_ack():
    """Split handshake without the bare ACK: SYN, the server's own SYN, the
    client's SYN,ACK (its own ISN again), the server's ACK. The SYNs cross
    as in RFC 9293 figure 7. Client 192.0.2.10:40031, server
    198.51.100.80:80, c=0x4D2B90C6, s=0x17E3A5F8.
    1. t=0 C>S SYN seq=c. 2. S>C SYN seq=s (ACK flag off).
    3. C>S SYN,ACK seq=c ack=s+1. 4. S>C ACK seq=s+1 ack=c+1.
    5. C>S PSH,ACK seq=c+1 ack=s+1 len=41.
    6. S>C PSH,ACK seq=s+1 ack=c+42 len=43. 7. C>S ACK seq=c+42 ack=s+44.
    8-10. three-segment close started by the client."""
    cap = Capture("split-handshake-no-ack")
    conn = new_conn(cap, 40031, 80, 0x4D2B90C6, 0x17E3A5F8)
    conn.send("c", "S", 0.0)
    conn.send("s", "S", RTT)
    conn.send("c", "SA", RTT + 0.00005, seq=conn.c.isn)
    conn.send("s", "A", 2 * RTT + 0.00005)
    exchange(conn, 0.1)
    close3(conn, 0.5)
    return cap


@scenario
def syn_storm():
    """SYN storm on one 4-tuple: the client tries ISN a, then ISN b, then
    a again; the third SYN is a retransmission of the first, not a new
    connection; the server answers it. Client 192.0.2.10:40032, server
    198.51.100.80:80, a=0x2A6F1C93, b=0x6C0D83B5, s=0xD4471E2A.
    1. t=0 C>S SYN seq=a. 2. t=1 C>S SYN seq=b. 3. t=3 C>S SYN seq=a.
    4. S>C SYN,ACK seq=s ack=a+1. 5. C>S ACK seq=a+1 ack=s+1.
    6. C>S PSH,ACK seq=a+1 ack=s+1 len=41.
    7. S>C PSH,ACK seq=s+1 ack=a+42 len=43. 8. C>S ACK seq=a+42 ack=s+44.
    9-11. three-segment close started by the client."""
    cap = Capture("syn-storm")
    pair = hosts(40032)
    other = new_conn(cap, 40032, 80, 0x6C0D83B5, 0, host_pair=pair)
    conn = new_conn(cap, 40032, 80, 0x2A6F1C93, 0xD4471E2A, host_pair=pair)
    conn.send("c", "S", 0.0)
    other.send("c", "S", 1.0)
    conn.send("c", "S", 3.0, seq=conn.c.isn)
    conn.send("s", "SA", 3.0 + RTT)
    conn.send("c", "A", 3.0 + RTT + 0.00006)
    exchange(conn, 3.1)
    close3(conn, 3.5)
    return cap


@scenario
def midstream_then_syn():
    """A 4-tuple whose first connection is already running when the capture
    starts, and whose second begins with a SYN. The client uses port 80 and
    the server port 40033, so the guess from the ports (lower port =
    server) is wrong; the second connection's SYN shows who the client is
    and revises the first connection's roles (still inferred). Client
    192.0.2.10:80, server 198.51.100.80:40033. x=0x5E21A0D7, y=0x8F3C6B14:
    next sequence numbers when the capture starts; c2=0x7A41E3C9,
    s2=0x10B2F6D8 for the second connection.
    1. C>S PSH,ACK seq=x ack=y len=41. 2. S>C PSH,ACK seq=y ack=x+41 len=43.
    3. C>S ACK seq=x+41 ack=y+43.
    4-6. t=0.5 three-segment close started by the client.
    7. t=2 C>S SYN seq=c2. 8. S>C SYN,ACK seq=s2 ack=c2+1.
    9. C>S ACK seq=c2+1 ack=s2+1. 10-12. t=2.5 three-segment close."""
    cap = Capture("midstream-then-syn")
    pair = hosts(40033)
    conn = new_conn(cap, 80, 40033, 0, 0, host_pair=pair)
    conn.c.snd_nxt = conn.s.rcv_nxt = 0x5E21A0D7
    conn.s.snd_nxt = conn.c.rcv_nxt = 0x8F3C6B14
    exchange(conn, 0.0)
    close3(conn, 0.5)
    conn = new_conn(cap, 80, 40033, 0x7A41E3C9, 0x10B2F6D8, host_pair=pair)
    handshake(conn, 2.0)
    close3(conn, 2.5)
    return cap



# --------------------------------------------------------------------------
# README and main
# --------------------------------------------------------------------------

# -- server names: DNS answers, a TLS Client Hello, an HTTP Host header ------

def dns_name(name):
    """A DNS name in wire format (no compression)."""
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\x00"


def dns_message(ident, qname, answers=(), additional=(), response=False):
    """A DNS query (response=False) or response for qname, type A, class IN.
    answers / additional: (owner, "A", "a.b.c.d") or (owner, "CNAME", target)."""
    flags = 0x8180 if response else 0x0100
    msg = struct.pack("!HHHHHH", ident, flags, 1, len(answers), 0, len(additional))
    msg += dns_name(qname) + struct.pack("!HH", 1, 1)
    for owner, rtype, value in list(answers) + list(additional):
        if rtype == "A":
            rdata, code = ipaddress.ip_address(value).packed, 1
        else:
            rdata, code = dns_name(value), 5
        msg += dns_name(owner) + struct.pack("!HHIH", code, 1, 300, len(rdata)) + rdata
    return msg


def udp_datagram(src, dst, sport, dport, payload):
    """UDP header + payload with a correct checksum (IPv4 only)."""
    length = 8 + len(payload)
    pseudo = struct.pack("!4s4sBBH", src.ip.packed, dst.ip.packed, 0, 17, length)
    header = struct.pack("!HHHH", sport, dport, length, 0)
    csum = checksum16(pseudo + header + payload) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, length, csum) + payload


def dns_exchange(cap, client, resolver, t, ident, qname, answers=(), additional=()):
    """C>R query from port 5300+ident, R>C response RTT/2 later."""
    for src, dst, sport, dport, msg, at in (
            (client, resolver, 5300 + ident, 53, dns_message(ident, qname), t),
            (resolver, client, 53, 5300 + ident,
             dns_message(ident, qname, answers, additional, response=True), t + RTT / 2)):
        ip = ipv4_packet(src, dst, 17, udp_datagram(src, dst, sport, dport, msg))
        cap.add(at, cap.ethernet(src, dst, ip))


def tls_client_hello(server_name):
    """A minimal TLS 1.2 Client Hello record with one cipher suite and the
    server_name extension (RFC 6066 section 3)."""
    name = server_name.encode()
    sni = struct.pack("!BH", 0, len(name)) + name
    sni = struct.pack("!H", len(sni)) + sni
    ext = struct.pack("!HH", 0, len(sni)) + sni
    body = (b"\x03\x03" + bytes(range(32)) + b"\x00" + struct.pack("!H", 2) + b"\xc0\x2f" +
            b"\x01\x00" + struct.pack("!H", len(ext)) + ext)
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


@scenario
def site_names():
    """Four connections named three ways (tcpedu.conn.server_name): DNS
    answers, a TLS Client Hello's server name and an HTTP Host header.
    Client 192.0.2.10, resolver 192.0.2.53 (UDP 53); no timestamps.
    1. t=0 DNS query www.nun.edu.cn A. 2. DNS answer: www.nun.edu.cn CNAME
       web.nun.edu.cn, web.nun.edu.cn A 198.51.100.81, and an additional
       record ns1.nun.edu.cn A 198.51.100.99 (not for the query name).
    3. DNS query sohu.com A. 4. DNS answer sohu.com A 198.51.100.82.
    5. DNS query www.baidu.com A. 6. DNS answer www.baidu.com A 198.51.100.83.
    7-9. t=0.1 handshake 192.0.2.10:40101 > 198.51.100.81:80, c=0x1A2B3C4D,
       s=0x5E6F7081.
    10. C>S GET with "Host: WWW.NUN.EDU.CN:80" (name: www.nun.edu.cn from
       http-host, ahead of the DNS name). 11. S>C 200 OK. 12. C>S ACK.
    13-16. t=0.2 four-segment close, client first.
    17-19. t=0.3 handshake 40102 > 198.51.100.82:443, c=0x2B3C4D5E,
       s=0x6F708192.
    20. C>S TLS Client Hello with server name www.sohu.com (name from tls-sni,
       ahead of the DNS name sohu.com). 21. S>C ACK.
    22-24. t=0.4 three-segment close, client first.
    25-27. t=0.5 handshake 40103 > 198.51.100.83:443, c=0x3C4D5E6F,
       s=0x708192A3; nothing more: open at the end, named www.baidu.com by
       DNS only.
    28-30. t=0.6 handshake 40104 > 198.51.100.84:7000, c=0x4D5E6F70,
       s=0x8192A3B4.
    31. t=0.65 DNS query www.sina.com.cn A. 32. DNS answer www.sina.com.cn A
       198.51.100.84: after the connection started, so it does not name it.
    33. t=0.7 C>S 6 bytes "hello\n" (not HTTP). 34. S>C RST,ACK: reset, no
       name.
    35-37. t=0.8 handshake 40105 > 198.51.100.85:80, c=0x5E6F7081,
       s=0x92A3B4C5. 38. C>S GET with "Host: www.sina.com.cn" (http-host).
    39. S>C RST,ACK: reset instead of a teardown."""
    cap = Capture("site-names")
    client, _ = hosts(101)
    resolver = Host("192.0.2.53", GATEWAY_MAC, 63, 0x7E01)
    dns_exchange(cap, client, resolver, 0.0, 1, "www.nun.edu.cn",
                 [("www.nun.edu.cn", "CNAME", "web.nun.edu.cn"),
                  ("web.nun.edu.cn", "A", "198.51.100.81")],
                 [("ns1.nun.edu.cn", "A", "198.51.100.99")])
    dns_exchange(cap, client, resolver, 0.011, 2, "sohu.com", [("sohu.com", "A", "198.51.100.82")])
    dns_exchange(cap, client, resolver, 0.022, 3, "www.baidu.com",
                 [("www.baidu.com", "A", "198.51.100.83")])
    pair = (client, Host("198.51.100.81", GATEWAY_MAC, 52, 0x9D42))
    conn = new_conn(cap, 40101, 80, 0x1A2B3C4D, 0x5E6F7081, host_pair=pair)
    handshake(conn, 0.1)
    exchange(conn, 0.13, req=b"GET / HTTP/1.1\r\nHost: WWW.NUN.EDU.CN:80\r\n\r\n")
    close4(conn, 0.2)
    pair = (client, Host("198.51.100.82", GATEWAY_MAC, 52, 0x9E42))
    conn = new_conn(cap, 40102, 443, 0x2B3C4D5E, 0x6F708192, host_pair=pair)
    handshake(conn, 0.3)
    conn.send("c", "PA", 0.33, tls_client_hello("www.sohu.com"))
    conn.send("s", "A", 0.33 + RTT)
    close3(conn, 0.4)
    pair = (client, Host("198.51.100.83", GATEWAY_MAC, 52, 0x9F42))
    conn = new_conn(cap, 40103, 443, 0x3C4D5E6F, 0x708192A3, host_pair=pair)
    handshake(conn, 0.5)
    pair = (client, Host("198.51.100.84", GATEWAY_MAC, 52, 0xA042))
    conn = new_conn(cap, 40104, 7000, 0x4D5E6F70, 0x8192A3B4, host_pair=pair)
    handshake(conn, 0.6)
    dns_exchange(cap, client, resolver, 0.65, 4, "www.sina.com.cn",
                 [("www.sina.com.cn", "A", "198.51.100.84")])
    conn.send("c", "PA", 0.7, b"hello\n")
    conn.send("s", "RA", 0.7 + RTT)
    pair = (client, Host("198.51.100.85", GATEWAY_MAC, 52, 0xA142))
    conn = new_conn(cap, 40105, 80, 0x5E6F7081, 0x92A3B4C5, host_pair=pair)
    handshake(conn, 0.8)
    conn.send("c", "PA", 0.83, b"GET / HTTP/1.1\r\nHost: www.sina.com.cn\r\n\r\n")
    conn.send("s", "RA", 0.83 + RTT)
    return cap


README_HEAD = """\
# Hand-made TCP captures

Generated by `build.py` (Python standard library + `text2pcap`); do not edit
the `.pcap` files by hand. Regenerate with `python3 build.py`, verify with
`python3 build.py --check` (exits 1 if any file differs byte for byte).
This README is generated from the scenario docstrings in `build.py`.

Common properties:

* Classic pcap, link type 1 (Ethernet), microsecond timestamps; the first
  frame of every file is at 2024-06-03 09:00:00 UTC.
* Client 192.0.2.10 (ports 40001-40026), server 198.51.100.80 (port 80,
  8080 in simultaneous-open), IPv6 2001:db8:1::10 / 2001:db8:2::80,
  router 203.0.113.1, tunnel endpoints 203.0.113.10 / 203.0.113.20.
* Capture point next to the client (client TTL 64, server TTL 52) unless
  the row says "next to the SERVER". RTT about 20 ms. Retransmissions follow
  RFC 6298 (1 s initial RTO, doubling) or ~200 ms for an established
  connection.
* All IPv4 header checksums and all TCP/ICMP checksums are correct (also in
  the deliberately malformed frames of `truncated.pcap`, whose frame 4 is
  cut to 42 captured bytes, so its checksum cannot be verified). One
  Wireshark artefact: with `tcp.check_checksum:TRUE`, frame 7 of
  `icmp-quoted.pcap` shows `tcp.checksum.status==0` because Wireshark checks
  the TCP header quoted inside the ICMP error over the quoted bytes only;
  the quoted value is the original segment's correct checksum.
* SYN / SYN-ACK carry MSS 1460, NOP, NOP, SACK-perm, NOP, WS 7 (no
  timestamps) unless stated; windows 64240 / 65160 in SYNs, then 502 / 509
  (scaled x128).
* Notation: c / s = client / server ISN, `seq=c+1` = Wireshark relative
  seq 1; C>S = client to server; len = TCP payload bytes.
* `truncated.pcap` is written by text2pcap and then post-processed by
  build.py (frame 4's pcap record gets caplen 42 < len 95) because text2pcap
  cannot express a captured length smaller than the frame length.

| File | Frames | What happens, frame by frame |
|------|-------:|------------------------------|
"""


def readme_row(func, cap):
    """One README table row: the docstring on one line, each numbered frame
    item ("7." or "1-3.") starting a new line of the cell."""
    doc = " ".join(line.strip() for line in func.__doc__.strip().splitlines())
    out, expected = [], 1
    for word in doc.split(" "):
        first = word[:-1].split("-")[0]
        if (word.endswith(".") and first.isdigit() and int(first) == expected
                and (not out or out[-1].endswith((".", ":")))):
            expected = int(word[:-1].split("-")[-1]) + 1
            out.append("<br>" + word)
        else:
            out.append(word.replace("<", "&lt;").replace("|", "\\|"))
    ext = ".pcapng" if getattr(cap, "pcapng_usec", None) is not None else ".pcap"
    return "| `%s%s` | %d | %s |\n" % (cap.name, ext, len(cap.frames),
                                         " ".join(out))


def build_all(outdir):
    rows = []
    for func in SCENARIOS:
        cap = func()
        assert cap.name == name_of(func), (cap.name, func.__name__)
        cap.write(outdir)
        rows.append(readme_row(func, cap))
    with open(os.path.join(outdir, "README.md"), "w") as f:
        f.write(README_HEAD + "".join(rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temp dir and compare with "
                             "the committed files; exit 1 on difference")
    args = parser.parse_args()
    if shutil.which("text2pcap") is None:
        sys.exit("text2pcap not found (install wireshark-common / tshark)")
    if not args.check:
        build_all(HERE)
        print("wrote %d captures and README.md to %s" % (len(SCENARIOS), HERE))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build_all(tmp)
        expected = sorted(f for f in os.listdir(tmp)
                          if f.endswith((".pcap", ".pcapng")) or f == "README.md")
        present = sorted(f for f in os.listdir(HERE)
                         if f.endswith((".pcap", ".pcapng")) or f == "README.md")
        bad = []
        for f in expected:
            mine = os.path.join(HERE, f)
            if not os.path.exists(mine):
                bad.append("missing: " + f)
            elif not filecmp.cmp(os.path.join(tmp, f), mine, shallow=False):
                bad.append("differs: " + f)
        bad += ["not produced by build.py: " + f
                for f in present if f not in expected]
    for line in bad:
        print(line)
    if bad:
        return 1
    print("OK: %d files identical" % len(expected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
