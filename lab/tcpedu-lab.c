/*
 * tcpedu-lab.c - a tiny TCP client/server that performs TCP handshakes and
 * teardowns in many textbook (and not so textbook) shapes, so that the
 * resulting packets can be captured and studied with Wireshark + tcpedu.
 *
 * It is also a reference "program that performs the TCP handshake and
 * teardown" for students: everything happens through the ordinary BSD
 * socket calls (socket, bind, listen, accept, connect, send, recv,
 * shutdown, close, setsockopt).  The kernel does the actual SYN/FIN/RST
 * work; the comments explain which call causes which segment.
 *
 * Build (single file, no dependencies besides libc, Linux only):
 *     gcc -O2 -Wall -Wextra -o tcpedu-lab lab/tcpedu-lab.c
 *
 * Usage:
 *     tcpedu-lab run SCENARIO [--host ADDR] [--port P] [--local-port LP]
 *                             [--delay-ms MS] [--go-file PATH]
 *     tcpedu-lab server SCENARIO --port P [--bind ADDR] [--delay-ms MS]
 *     tcpedu-lab client SCENARIO --host ADDR --port P [--local-port LP]
 *                                [--delay-ms MS] [--go-file PATH]
 *     tcpedu-lab visit URL [--delay-ms MS]   (one HTTP/1.1 GET, client closes)
 *     tcpedu-lab list              (list scenarios)
 *     tcpedu-lab --help
 *
 * "run" forks a server and then runs the client in the same terminal; this
 * is what tests/captures/record.sh uses.  "server" and "client" run one
 * side each, so that students can run them in two terminals.  The
 * scenarios simultaneous-open and simultaneous-close need both sides to act
 * at the same instant and therefore only exist in "run" mode.
 *
 * Scenarios (the server side is given in brackets):
 *   close-client-4   client sends a request, reads the reply and closes
 *                    first; [server closes --delay-ms (200) after EOF]
 *                    -> four-segment close FIN, ACK, FIN, ACK
 *   close-client-3   same, but [server closes as soon as it sees EOF], so
 *                    its ACK of the client's FIN usually rides on its own
 *                    FIN -> three-segment close FIN, FIN+ACK, ACK (racy: the
 *                    kernel may still send a separate ACK)
 *   close-server-4   [server replies and closes first]; client closes
 *                    --delay-ms after EOF -> four-segment close
 *   close-server-3   [server replies and closes first]; client closes as
 *                    soon as it sees EOF -> usually three-segment close
 *   half-close       client sends its request and shutdown(SHUT_WR) (FIN),
 *                    [server keeps sending 3 data segments 50 ms apart, then
 *                    closes]; client reads until EOF and closes
 *   refused          client connects to a port without listener (no
 *                    server is started); SYN is answered with RST,ACK
 *   rst-linger       abortive close: after request/reply the client sets
 *                    SO_LINGER {1,0} and closes -> RST instead of FIN
 *   rst-unread       client sends a request and waits; [server closes the
 *                    connection without reading it] -> Linux sends RST
 *                    (RFC 1122 4.2.2.13)
 *   fin-rst          client sends data and shutdown(SHUT_WR) (FIN);
 *                    [server closes without reading] -> FIN answered by RST
 *   tfo              TCP Fast Open, two connections.  [listener has
 *                    TCP_FASTOPEN]; the client uses sendto(MSG_FASTOPEN).
 *                    The first SYN asks for a cookie, the SYN-ACK carries
 *                    it; the second SYN carries cookie + request data and
 *                    the SYN-ACK acknowledges ISN+1+len.  Needs sysctl
 *                    net.ipv4.tcp_fastopen=3 (client+server bits).
 *   keepalive        client enables SO_KEEPALIVE, TCP_KEEPIDLE=1,
 *                    TCP_KEEPINTVL=1, stays idle --delay-ms (3500) after
 *                    the reply and then closes -> keep-alive probes + ACKs
 *   zero-window      [server uses a tiny SO_RCVBUF and does not read for
 *                    --delay-ms (3000)]; client writes 16 KiB; the window
 *                    falls to 0 and the client's kernel sends zero-window
 *                    probes (Linux: bare ACKs with seq = SND.UNA-1, which
 *                    Wireshark labels "Keep-Alive"); then the server reads
 *                    everything and both close
 *   port-reuse       two successive connections with the same 4-tuple
 *                    (client binds --local-port with SO_REUSEADDR); the
 *                    [server closes first] each time, so the client never
 *                    holds TIME-WAIT and can reuse its port at once
 *   simultaneous-open   (run mode only) two sockets bound to --local-port
 *                    and --port connect() to each other at the same moment
 *                    (non-blocking connect, both processes spin on a shared
 *                    flag, one per CPU).  Exit status 3 if the race was lost
 *                    (one SYN was answered by RST).
 *   simultaneous-close  (run mode only) after a request/reply both sides
 *                    call shutdown(SHUT_WR) at the same moment so that the
 *                    FINs cross.  Always exits 0; check the capture.
 *   syn-timeout      client with TCP_SYNCNT=2 connects to a port whose
 *                    packets are dropped (the caller must arrange that,
 *                    e.g. with nft); SYN is retransmitted twice, then
 *                    connect() fails with ETIMEDOUT (about 7 s)
 *   mid-stream       like close-client-4, but the client waits after the
 *                    handshake until --go-file exists (max 10 s) before it
 *                    sends anything, so a capture can start mid-connection
 *   http-get         tiny HTTP/1.1 GET and 200 OK with Content-Length and
 *                    "Connection: close"; [server closes first after the
 *                    response]; client closes --delay-ms (200) after EOF
 *
 * visit URL: fetch one page the way a student's lab needs it: resolve the
 * host name (getaddrinfo: /etc/hosts or DNS, so a capture may show the DNS
 * answer), connect (handshake), send one HTTP/1.1 GET with a Host header
 * and without "Connection: close", read the whole answer (Content-Length,
 * chunked, or until the server closes), wait --delay-ms (default 0), then
 * close() first: the client's FIN starts the teardown, and the server
 * (which would have kept the connection for more requests) answers with
 * its own FIN.  Plain http:// only; https:// is refused with a message,
 * because this program does not speak TLS.
 *
 * Addresses may be IPv4 or IPv6 (e.g. --host ::1 --bind ::1).  Defaults:
 * --host 127.0.0.1, --bind = --host, --port 8080.
 *
 * Exit status: 0 scenario behaved as expected, 1 error / unexpected
 * behaviour, 2 usage error, 3 race lost (simultaneous-open).
 * Every wait is bounded (socket timeouts and a global alarm()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000
#endif
#ifndef TCP_FASTOPEN
#define TCP_FASTOPEN 23
#endif

enum scenario {
    SC_CLOSE_CLIENT_4, SC_CLOSE_CLIENT_3, SC_CLOSE_SERVER_4, SC_CLOSE_SERVER_3,
    SC_HALF_CLOSE, SC_REFUSED, SC_RST_LINGER, SC_RST_UNREAD, SC_FIN_RST,
    SC_TFO, SC_KEEPALIVE, SC_ZERO_WINDOW, SC_PORT_REUSE, SC_SIM_OPEN,
    SC_SIM_CLOSE, SC_SYN_TIMEOUT, SC_MID_STREAM, SC_HTTP_GET, SC_COUNT
};

static const struct {
    const char *name;
    int default_delay_ms;
    const char *help;
} scenarios[SC_COUNT] = {
    [SC_CLOSE_CLIENT_4] = {"close-client-4", 200, "client closes first, server closes 200 ms later (4-segment close)"},
    [SC_CLOSE_CLIENT_3] = {"close-client-3", 0, "client closes first, server closes at once (3-segment close, racy)"},
    [SC_CLOSE_SERVER_4] = {"close-server-4", 200, "server closes first, client closes 200 ms later (4-segment close)"},
    [SC_CLOSE_SERVER_3] = {"close-server-3", 0, "server closes first, client closes at once (3-segment close, racy)"},
    [SC_HALF_CLOSE]     = {"half-close", 50, "client shutdown(SHUT_WR), server still sends 3 segments"},
    [SC_REFUSED]        = {"refused", 0, "connect to a port with no listener: SYN answered by RST,ACK"},
    [SC_RST_LINGER]     = {"rst-linger", 0, "client closes with SO_LINGER {1,0}: RST instead of FIN"},
    [SC_RST_UNREAD]     = {"rst-unread", 100, "server closes with unread data: RST (RFC 1122 4.2.2.13)"},
    [SC_FIN_RST]        = {"fin-rst", 100, "client sends data + FIN, server closes without reading: RST"},
    [SC_TFO]            = {"tfo", 0, "TCP Fast Open: cookie request, then data in SYN"},
    [SC_KEEPALIVE]      = {"keepalive", 3500, "SO_KEEPALIVE idle 1 s interval 1 s, idle 3.5 s"},
    [SC_ZERO_WINDOW]    = {"zero-window", 3000, "tiny receive buffer, receiver stalls: zero window + probes"},
    [SC_PORT_REUSE]     = {"port-reuse", 100, "two connections with the same 4-tuple"},
    [SC_SIM_OPEN]       = {"simultaneous-open", 200, "both sides connect() at once (run mode only)"},
    [SC_SIM_CLOSE]      = {"simultaneous-close", 0, "both sides shutdown() at once (run mode only)"},
    [SC_SYN_TIMEOUT]    = {"syn-timeout", 0, "TCP_SYNCNT=2 towards a black hole: SYN retransmissions"},
    [SC_MID_STREAM]     = {"mid-stream", 200, "client waits for --go-file after the handshake"},
    [SC_HTTP_GET]       = {"http-get", 200, "tiny HTTP/1.1 GET, server closes first"},
};

struct opts {
    enum scenario sc;
    const char *host;      /* address the client connects to */
    const char *bind;      /* address the server binds to */
    int port;              /* server port */
    int local_port;        /* client port (0 = ephemeral) */
    int delay_ms;          /* scenario specific delay, -1 = default */
    const char *go_file;   /* mid-stream trigger */
};

static const char *role = "lab";

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[%s] ", role);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void die(const char *what)
{
    say("error: %s: %s", what, strerror(errno));
    exit(1);
}

static void msleep(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

static void pin_cpu(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    (void)sched_setaffinity(0, sizeof set, &set); /* best effort */
}

/* Resolve ADDR:PORT (numeric only, no DNS) into a sockaddr. */
static void resolve(const char *addr, int port, struct sockaddr_storage *ss,
                    socklen_t *len)
{
    struct addrinfo hints, *res;
    char portstr[16];
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    snprintf(portstr, sizeof portstr, "%d", port);
    int rc = getaddrinfo(addr, portstr, &hints, &res);
    if (rc != 0) {
        say("error: bad address %s: %s", addr, gai_strerror(rc));
        exit(2);
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
}

static void set_int(int fd, int level, int name, int val, const char *what)
{
    if (setsockopt(fd, level, name, &val, sizeof val) == -1)
        die(what);
}

static void set_timeouts(int fd, int seconds)
{
    struct timeval tv = {seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/* A socket bound to addr:port (port 0 = let the kernel choose). */
static int bound_socket(const char *addr, int port, int family_hint)
{
    struct sockaddr_storage ss;
    socklen_t len;
    resolve(addr, port, &ss, &len);
    int fd = socket(ss.ss_family, SOCK_STREAM, 0);
    if (fd == -1)
        die("socket");
    (void)family_hint;
    set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
    if (port != 0 && bind(fd, (struct sockaddr *)&ss, len) == -1)
        die("bind");
    return fd;
}

static int send_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w == -1) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Read until '\n' (kept) or until "\r\n\r\n" for HTTP, or EOF. */
static ssize_t read_msg(int fd, char *buf, size_t cap, const char *end)
{
    size_t n = 0;
    while (n + 1 < cap) {
        ssize_t r = recv(fd, buf + n, cap - 1 - n, 0);
        if (r == -1) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        buf[n] = '\0';
        if (strstr(buf, end))
            break;
    }
    buf[n] = '\0';
    return (ssize_t)n;
}

/* Read and discard until EOF.  Returns bytes read, or -1 on error. */
static long drain_to_eof(int fd)
{
    char buf[4096];
    long total = 0;
    for (;;) {
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r == 0)
            return total;
        if (r == -1) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        total += r;
    }
}

/* Abortive close: SO_LINGER with zero timeout makes close() send RST. */
static void abort_close(int fd)
{
    struct linger lg = {1, 0};
    if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == -1)
        die("SO_LINGER");
    close(fd);
}

static const char REQUEST[] = "hello from tcpedu-lab\n";
static const char REPLY[] = "hello back\n";
static const char HTTP_BODY[] = "<html><body>Hello, TCP!</body></html>\n";

/* ------------------------------------------------------------------ */
/* Server side                                                        */
/* ------------------------------------------------------------------ */

static int make_listener(const struct opts *o)
{
    int fd = bound_socket(o->bind, o->port, 0);
    if (o->sc == SC_ZERO_WINDOW) {
        /* Must be set before listen(): it fixes the window scale. */
        set_int(fd, SOL_SOCKET, SO_RCVBUF, 2048, "SO_RCVBUF");
    }
    if (o->sc == SC_TFO)
        set_int(fd, IPPROTO_TCP, TCP_FASTOPEN, 5, "TCP_FASTOPEN");
    if (listen(fd, 8) == -1)
        die("listen");
    return fd;
}

static void serve_one(const struct opts *o, int c, int index)
{
    char buf[2048];
    int d = o->delay_ms;

    set_timeouts(c, 15);
    switch (o->sc) {
    case SC_RST_UNREAD:
    case SC_FIN_RST:
        /* Let the client's data (and FIN) arrive, then close without
         * reading it: unread data makes the kernel send RST, not FIN. */
        msleep(d);
        say("closing with unread data -> RST");
        close(c);
        return;
    case SC_ZERO_WINDOW: {
        say("not reading for %d ms (receive buffer fills, window -> 0)", d);
        msleep(d);
        long n = drain_to_eof(c);
        say("read %ld bytes, got EOF, closing", n);
        close(c);
        return;
    }
    case SC_HTTP_GET:
        if (read_msg(c, buf, sizeof buf, "\r\n\r\n") <= 0)
            die("read request");
        say("request line: %.*s", (int)strcspn(buf, "\r\n"), buf);
        {
            char resp[512];
            int n = snprintf(resp, sizeof resp,
                             "HTTP/1.1 200 OK\r\n"
                             "Content-Type: text/html\r\n"
                             "Content-Length: %zu\r\n"
                             "Connection: close\r\n\r\n%s",
                             strlen(HTTP_BODY), HTTP_BODY);
            if (send_all(c, resp, (size_t)n) == -1)
                die("send response");
        }
        say("response sent, closing first (Connection: close)");
        close(c);
        return;
    default:
        break;
    }

    ssize_t n = read_msg(c, buf, sizeof buf, "\n");
    if (n < 0)
        die("read request");
    say("connection %d: got %zd byte request", index, n);

    if (o->sc == SC_HALF_CLOSE) {
        /* The client already sent FIN (half-close); we may still send. */
        if (drain_to_eof(c) < 0)
            die("read");
        say("client half-closed; still sending 3 segments");
        for (int i = 1; i <= 3; i++) {
            char line[64];
            int m = snprintf(line, sizeof line, "data segment %d after your FIN\n", i);
            if (send_all(c, line, (size_t)m) == -1)
                die("send");
            msleep(d);
        }
        close(c);
        return;
    }

    if (send_all(c, REPLY, sizeof REPLY - 1) == -1)
        die("send reply");

    switch (o->sc) {
    case SC_CLOSE_SERVER_4:
    case SC_CLOSE_SERVER_3:
    case SC_PORT_REUSE:
        say("closing first");
        close(c);
        return;
    case SC_RST_LINGER: {
        long r = drain_to_eof(c);
        say(r < 0 ? "connection reset by peer (expected)" : "EOF (unexpected)");
        close(c);
        return;
    }
    default:
        /* close-client-*, keepalive, tfo, mid-stream, ipv6 etc.:
         * wait for the client's FIN, then close after the delay. */
        if (drain_to_eof(c) < 0)
            die("read");
        if (o->sc == SC_CLOSE_CLIENT_4 || o->sc == SC_MID_STREAM)
            msleep(d);
        say("client closed; closing too");
        close(c);
        return;
    }
}

static int server_connections(enum scenario sc)
{
    return (sc == SC_TFO || sc == SC_PORT_REUSE) ? 2 : 1;
}

/* Runs the server; if ready_fd >= 0 a byte is written to it once the
 * socket listens. */
static int run_server(const struct opts *o, int ready_fd)
{
    role = "server";
    int l = make_listener(o);
    say("listening on %s port %d (%s)", o->bind, o->port, scenarios[o->sc].name);
    if (ready_fd >= 0) {
        if (write(ready_fd, "r", 1) != 1)
            die("ready pipe");
        close(ready_fd);
    }
    for (int i = 1; i <= server_connections(o->sc); i++) {
        int c = accept(l, NULL, NULL);
        if (c == -1)
            die("accept");
        serve_one(o, c, i);
    }
    close(l);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Client side                                                        */
/* ------------------------------------------------------------------ */

static int client_socket(const struct opts *o)
{
    int fd;
    if (o->local_port) {
        struct sockaddr_storage dst;
        socklen_t len;
        resolve(o->host, o->port, &dst, &len);
        const char *any = dst.ss_family == AF_INET6 ? "::" : "0.0.0.0";
        fd = bound_socket(any, o->local_port, 0);
    } else {
        struct sockaddr_storage dst;
        socklen_t len;
        resolve(o->host, o->port, &dst, &len);
        fd = socket(dst.ss_family, SOCK_STREAM, 0);
        if (fd == -1)
            die("socket");
    }
    set_timeouts(fd, 15);
    return fd;
}

static int do_connect(const struct opts *o, int fd)
{
    struct sockaddr_storage dst;
    socklen_t len;
    resolve(o->host, o->port, &dst, &len);
    /* connect() sends SYN and returns after SYN-ACK / ACK: the handshake. */
    return connect(fd, (struct sockaddr *)&dst, len);
}

static void wait_for_file(const char *path, int max_ms)
{
    struct stat st;
    for (int waited = 0; waited < max_ms; waited += 20) {
        if (stat(path, &st) == 0)
            return;
        msleep(20);
    }
    say("go-file %s did not appear within %d ms; continuing", path, max_ms);
}

static int client_tfo(const struct opts *o)
{
    char buf[256];
    for (int i = 1; i <= 2; i++) {
        int fd = client_socket(o);
        struct sockaddr_storage dst;
        socklen_t len;
        resolve(o->host, o->port, &dst, &len);
        /* sendto(MSG_FASTOPEN) = connect + send; with a cookie the data
         * rides in the SYN, without one the SYN carries a cookie request
         * and the data follows the handshake. */
        if (sendto(fd, REQUEST, sizeof REQUEST - 1, MSG_FASTOPEN,
                   (struct sockaddr *)&dst, len) == -1)
            die("sendto(MSG_FASTOPEN)");
        if (read_msg(fd, buf, sizeof buf, "\n") <= 0)
            die("read reply");
        say("connection %d: reply received, closing", i);
        close(fd);
        msleep(100);
    }
    return 0;
}

static int run_client(const struct opts *o)
{
    role = "client";
    char buf[2048];
    int d = o->delay_ms;

    if (o->sc == SC_TFO)
        return client_tfo(o);

    int rounds = o->sc == SC_PORT_REUSE ? 2 : 1;
    for (int round = 1; round <= rounds; round++) {
        int fd = client_socket(o);
        if (o->sc == SC_SYN_TIMEOUT)
            set_int(fd, IPPROTO_TCP, TCP_SYNCNT, 2, "TCP_SYNCNT");
        if (do_connect(o, fd) == -1) {
            if (o->sc == SC_REFUSED && errno == ECONNREFUSED) {
                say("connection refused (expected: RST,ACK)");
                close(fd);
                return 0;
            }
            if (o->sc == SC_SYN_TIMEOUT && errno == ETIMEDOUT) {
                say("connect timed out (expected)");
                close(fd);
                return 0;
            }
            die("connect");
        }
        if (o->sc == SC_REFUSED || o->sc == SC_SYN_TIMEOUT) {
            say("connect unexpectedly succeeded");
            return 1;
        }
        say("connected to %s port %d (round %d)", o->host, o->port, round);

        if (o->sc == SC_MID_STREAM && o->go_file)
            wait_for_file(o->go_file, 10000);

        if (o->sc == SC_HTTP_GET) {
            char req[256];
            int n = snprintf(req, sizeof req,
                             "GET / HTTP/1.1\r\nHost: %s:%d\r\n"
                             "User-Agent: tcpedu-lab\r\nAccept: */*\r\n\r\n",
                             o->host, o->port);
            if (send_all(fd, req, (size_t)n) == -1)
                die("send GET");
            long got = drain_to_eof(fd); /* server closes first */
            if (got < 0)
                die("read response");
            say("%ld byte response, server closed; closing in %d ms", got, d);
            msleep(d);
            close(fd);
            return 0;
        }

        if (o->sc == SC_KEEPALIVE) {
            set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
            set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, 1, "TCP_KEEPIDLE");
            set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, 1, "TCP_KEEPINTVL");
            set_int(fd, IPPROTO_TCP, TCP_KEEPCNT, 5, "TCP_KEEPCNT");
        }

        if (o->sc == SC_ZERO_WINDOW) {
            set_int(fd, SOL_SOCKET, SO_SNDBUF, 4096, "SO_SNDBUF");
            static char chunk[1024];
            memset(chunk, 'z', sizeof chunk);
            long total = 0;
            for (int i = 0; i < 16; i++) {
                if (send_all(fd, chunk, sizeof chunk) == -1)
                    die("send");
                total += (long)sizeof chunk;
            }
            say("wrote %ld bytes, closing", total);
            close(fd); /* FIN is queued behind the unsent data */
            return 0;
        }

        if (send_all(fd, REQUEST, sizeof REQUEST - 1) == -1)
            die("send request");

        switch (o->sc) {
        case SC_HALF_CLOSE: {
            shutdown(fd, SHUT_WR); /* FIN: "I am done sending" */
            say("sent request and FIN (shutdown SHUT_WR); still reading");
            long n = drain_to_eof(fd);
            if (n < 0)
                die("read");
            say("received %ld bytes after our FIN, closing", n);
            close(fd);
            return 0;
        }
        case SC_FIN_RST: {
            shutdown(fd, SHUT_WR);
            long n = drain_to_eof(fd);
            say(n < 0 && errno == ECONNRESET ? "connection reset (expected)"
                                             : "no reset (unexpected)");
            close(fd);
            return n < 0 && errno == ECONNRESET ? 0 : 1;
        }
        case SC_RST_UNREAD: {
            long n = drain_to_eof(fd);
            say(n < 0 && errno == ECONNRESET ? "connection reset (expected)"
                                             : "no reset (unexpected)");
            close(fd);
            return n < 0 && errno == ECONNRESET ? 0 : 1;
        }
        default:
            break;
        }

        if (read_msg(fd, buf, sizeof buf, "\n") <= 0)
            die("read reply");
        say("got reply");

        switch (o->sc) {
        case SC_RST_LINGER:
            say("aborting with SO_LINGER {1,0} -> RST");
            abort_close(fd);
            return 0;
        case SC_CLOSE_SERVER_4:
        case SC_CLOSE_SERVER_3:
        case SC_PORT_REUSE:
            if (drain_to_eof(fd) < 0)
                die("read");
            if (o->sc == SC_CLOSE_SERVER_4)
                msleep(d);
            say("server closed; closing too");
            close(fd);
            if (round < rounds)
                msleep(d);
            break;
        case SC_KEEPALIVE:
            say("idle for %d ms with keep-alive on", d);
            msleep(d);
            close(fd);
            return 0;
        default:
            say("closing first");
            close(fd);
            return 0;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Run mode: simultaneous open / close need two processes that act at */
/* the same instant; they spin on a flag in shared memory.            */
/* ------------------------------------------------------------------ */

struct shared {
    atomic_int ready;
    atomic_int go;
    atomic_int result[2];
};

static struct shared *shared_area(void)
{
    void *p = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("mmap");
    return p;
}

static void spin_until_go(struct shared *sh)
{
    atomic_fetch_add(&sh->ready, 1);
    while (!atomic_load(&sh->go))
        ;
}

static void release_when_ready(struct shared *sh, int n)
{
    for (int i = 0; i < 5000000 && atomic_load(&sh->ready) < n; i++)
        usleep(1);
    msleep(5);
    atomic_store(&sh->go, 1);
}

/* One peer of a simultaneous open: bound to me, connects to other. */
static int sim_open_peer(const struct opts *o, struct shared *sh, int idx,
                         int me, int other)
{
    role = idx == 0 ? "peer-A" : "peer-B";
    pin_cpu(idx);
    int fd = bound_socket(o->host, me, 0);
    struct sockaddr_storage dst;
    socklen_t len;
    resolve(o->host, other, &dst, &len);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    spin_until_go(sh);
    if (connect(fd, (struct sockaddr *)&dst, len) == -1 && errno != EINPROGRESS)
        die("connect");
    struct pollfd p = {fd, POLLOUT, 0};
    if (poll(&p, 1, 5000) != 1) {
        say("connect did not complete");
        return 3;
    }
    int err = 0;
    socklen_t el = sizeof err;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
    if (err) {
        say("race lost: %s", strerror(err));
        close(fd);
        return 3;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    set_timeouts(fd, 5);
    say("connected (simultaneous open) %d <-> %d", me, other);
    atomic_store(&sh->result[idx], 1);
    /* Wait until the other side is connected too before any data. */
    for (int i = 0; i < 5000 && !atomic_load(&sh->result[1 - idx]); i++)
        msleep(1);
    if (!atomic_load(&sh->result[1 - idx])) {
        abort_close(fd);
        return 3;
    }
    char buf[128];
    int n = snprintf(buf, sizeof buf, "hello from %s\n", role);
    send_all(fd, buf, (size_t)n);
    read_msg(fd, buf, sizeof buf, "\n");
    if (idx == 0) {
        close(fd);               /* A closes first ... */
    } else {
        drain_to_eof(fd);
        msleep(o->delay_ms);     /* ... B closes after the delay */
        close(fd);
    }
    return 0;
}

static int run_sim_open(const struct opts *o)
{
    struct shared *sh = shared_area();
    int a = o->local_port ? o->local_port : o->port + 1;
    pid_t pa = fork();
    if (pa == 0)
        _exit(sim_open_peer(o, sh, 0, a, o->port));
    pid_t pb = fork();
    if (pb == 0)
        _exit(sim_open_peer(o, sh, 1, o->port, a));
    release_when_ready(sh, 2);
    int st, rc = 0;
    waitpid(pa, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st))
        rc = WIFEXITED(st) ? WEXITSTATUS(st) : 1;
    waitpid(pb, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st))
        rc = rc ? rc : (WIFEXITED(st) ? WEXITSTATUS(st) : 1);
    return rc;
}

static int sim_close_side(int fd, struct shared *sh, int idx)
{
    char buf[128];
    pin_cpu(idx);
    set_timeouts(fd, 5);
    if (idx == 0) {
        send_all(fd, REQUEST, sizeof REQUEST - 1);
        read_msg(fd, buf, sizeof buf, "\n");
    } else {
        read_msg(fd, buf, sizeof buf, "\n");
        send_all(fd, REPLY, sizeof REPLY - 1);
    }
    msleep(50); /* let delayed ACKs go out before the race */
    spin_until_go(sh);
    shutdown(fd, SHUT_WR); /* both FINs leave at the same moment */
    drain_to_eof(fd);
    close(fd);
    return 0;
}

static int run_sim_close(const struct opts *o)
{
    struct shared *sh = shared_area();
    int l = make_listener(o);
    pid_t pc = fork();
    if (pc == 0) {
        role = "client";
        close(l);
        int fd = client_socket(o);
        if (do_connect(o, fd) == -1)
            die("connect");
        _exit(sim_close_side(fd, sh, 0));
    }
    role = "server";
    int c = accept(l, NULL, NULL);
    if (c == -1)
        die("accept");
    close(l);
    pid_t ps = fork();
    if (ps == 0)
        _exit(sim_close_side(c, sh, 1));
    close(c);
    release_when_ready(sh, 2);
    int st, rc = 0;
    waitpid(pc, &st, 0);
    rc |= !WIFEXITED(st) || WEXITSTATUS(st);
    waitpid(ps, &st, 0);
    rc |= !WIFEXITED(st) || WEXITSTATUS(st);
    return rc;
}

static int run_both(const struct opts *o)
{
    if (o->sc == SC_SIM_OPEN)
        return run_sim_open(o);
    if (o->sc == SC_SIM_CLOSE)
        return run_sim_close(o);
    if (o->sc == SC_REFUSED || o->sc == SC_SYN_TIMEOUT)
        return run_client(o); /* nobody (reachable) listens */

    int pfd[2];
    if (pipe(pfd) == -1)
        die("pipe");
    pid_t ps = fork();
    if (ps == -1)
        die("fork");
    if (ps == 0) {
        close(pfd[0]);
        _exit(run_server(o, pfd[1]));
    }
    close(pfd[1]);
    char c;
    struct pollfd p = {pfd[0], POLLIN, 0};
    if (poll(&p, 1, 5000) != 1 || read(pfd[0], &c, 1) != 1) {
        say("server did not start");
        kill(ps, SIGTERM);
        return 1;
    }
    close(pfd[0]);
    int rc = run_client(o);
    int st;
    waitpid(ps, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st))
        rc = rc ? rc : 1;
    return rc;
}


/* ------------------------------------------------------------------ */
/* visit URL: one HTTP/1.1 GET over plain TCP; the client closes first. */

/* Split http://HOST[:PORT][/PATH] into its parts (HOST may be [v6]). */
static int parse_url(const char *url, char *host, size_t hcap, char *port, size_t pcap,
                     const char **path)
{
    const char *p = url, *h, *hend, *slash;
    if (!strncasecmp(p, "http://", 7))
        p += 7;
    else if (strstr(p, "://"))
        return -1;
    slash = strchr(p, '/');
    *path = slash ? slash : "/";
    hend = slash ? slash : p + strlen(p);
    h = p;
    snprintf(port, pcap, "80");
    if (*h == '[') {
        const char *rb = memchr(h, ']', (size_t)(hend - h));
        if (!rb)
            return -1;
        if (rb + 1 < hend && rb[1] == ':')
            snprintf(port, pcap, "%.*s", (int)(hend - rb - 2), rb + 2);
        h++;
        hend = rb;
    } else {
        const char *colon = memchr(h, ':', (size_t)(hend - h));
        if (colon) {
            snprintf(port, pcap, "%.*s", (int)(hend - colon - 1), colon + 1);
            hend = colon;
        }
    }
    if (hend == h || (size_t)(hend - h) >= hcap || !*port)
        return -1;
    memcpy(host, h, (size_t)(hend - h));
    host[hend - h] = '\0';
    return 0;
}

/* Length of the body announced by the header block, -1 = until EOF,
 * -2 = chunked. */
static long body_length(const char *hdr, int status)
{
    const char *p;
    if ((status >= 100 && status < 200) || status == 204 || status == 304)
        return 0;
    for (p = hdr; (p = strchr(p, '\n')) != NULL; ) {
        p++;
        if (!strncasecmp(p, "Content-Length:", 15))
            return strtol(p + 15, NULL, 10);
        if (!strncasecmp(p, "Transfer-Encoding:", 18) && strcasestr(p, "chunked") &&
            strcasestr(p, "chunked") < strchr(p, '\n'))
            return -2;
    }
    return -1;
}

static int run_visit(const char *url, int delay_ms)
{
    char host[256], port[16], req[1024], buf[65536];
    const char *path;
    struct addrinfo hints, *res, *ai;
    int fd = -1, rc, status = 0;
    size_t n = 0;
    long want, got = 0;
    char *end;

    if (!strncasecmp(url, "https://", 8)) {
        fprintf(stderr,
                "tcpedu-lab visit: %s is https, and tcpedu-lab does not do TLS.\n"
                "Use an http:// address (port 80), or capture a browser visit with QUIC off.\n"
                "The TCP handshake and teardown are the same with TLS on top; only the data differ.\n",
                url);
        return 2;
    }
    if (parse_url(url, host, sizeof host, port, sizeof port, &path) != 0) {
        fprintf(stderr, "tcpedu-lab visit: cannot read URL %s (expected http://HOST[:PORT][/PATH])\n", url);
        return 2;
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "tcpedu-lab visit: cannot resolve %s: %s\n", host, gai_strerror(rc));
        return 1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        char addr[INET6_ADDRSTRLEN + 8] = "?";
        fd = socket(ai->ai_family, SOCK_STREAM, 0);
        if (fd == -1)
            continue;
        set_timeouts(fd, 10);
        getnameinfo(ai->ai_addr, ai->ai_addrlen, addr, sizeof addr, NULL, 0, NI_NUMERICHOST);
        say("connect() to %s port %s (%s): the kernel sends the SYN", addr, port, host);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        say("connect: %s", strerror(errno));
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd == -1)
        return 1;
    say("connected: the three-way handshake is done");
    /* No "Connection: close": the server would then close first.  This
     * client closes first, after reading the whole answer. */
    if (strchr(host, ':'))
        snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: [%s]%s%s\r\nUser-Agent: tcpedu-lab\r\n"
                 "Accept: */*\r\n\r\n", path, host, strcmp(port, "80") ? ":" : "",
                 strcmp(port, "80") ? port : "");
    else
        snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s%s%s\r\nUser-Agent: tcpedu-lab\r\n"
                 "Accept: */*\r\n\r\n", path, host, strcmp(port, "80") ? ":" : "",
                 strcmp(port, "80") ? port : "");
    if (send_all(fd, req, strlen(req)) != 0)
        die("send");
    say("sent: GET %s HTTP/1.1 (Host: %s)", path, host);
    /* the header block */
    while (n + 1 < sizeof buf) {
        ssize_t r = recv(fd, buf + n, sizeof buf - 1 - n, 0);
        if (r <= 0)
            break;
        n += (size_t)r;
        buf[n] = '\0';
        if (strstr(buf, "\r\n\r\n"))
            break;
    }
    buf[n] = '\0';
    end = strstr(buf, "\r\n\r\n");
    if (!end || sscanf(buf, "HTTP/%*d.%*d %d", &status) != 1) {
        say("error: no HTTP answer");
        close(fd);
        return 1;
    }
    printf("%.*s\n", (int)(strchr(buf, '\r') - buf), buf);
    *end = '\0';
    want = body_length(buf, status);
    got = (long)(n - (size_t)(end + 4 - buf));
    /* the body: as announced, chunked up to the last chunk, or until EOF */
    for (;;) {
        ssize_t r;
        if (want >= 0 && got >= want)
            break;
        if (want == -2 && n >= 5 && memmem(buf, n, "\r\n0\r\n", 5))
            break;
        if (want == -2 && n + 1 >= sizeof buf)
            n = 0;   /* keep looking in fresh data */
        r = recv(fd, want == -2 ? buf + n : buf, want == -2 ? sizeof buf - 1 - n : sizeof buf, 0);
        if (r <= 0)
            break;
        got += r;
        if (want == -2)
            n += (size_t)r;
    }
    printf("read %ld body byte(s)\n", got);
    msleep(delay_ms);
    say("close(): the client closes first, the kernel sends the FIN");
    close(fd);
    return status >= 200 && status < 400 ? 0 : 1;
}

/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fprintf(f,
        "usage: tcpedu-lab run SCENARIO [--host ADDR] [--port P] [--local-port LP]\n"
        "                      [--delay-ms MS] [--go-file PATH]\n"
        "       tcpedu-lab server SCENARIO [--port P] [--bind ADDR] [--delay-ms MS]\n"
        "       tcpedu-lab client SCENARIO [--host ADDR] [--port P] [--local-port LP]\n"
        "                      [--delay-ms MS] [--go-file PATH]\n"
        "       tcpedu-lab visit URL [--delay-ms MS]\n"
        "       tcpedu-lab list\n"
        "\n"
        "visit fetches one http:// page (HTTP/1.1 GET) and closes first, so a\n"
        "capture shows the handshake, the request and a FIN teardown.\n"
        "run forks the server and runs the client; server/client run one side\n"
        "(start the server first).  Defaults: --host 127.0.0.1 --port 8080,\n"
        "--bind = --host, ephemeral local port, scenario-specific --delay-ms.\n"
        "IPv6 works too: --host ::1.\n\nscenarios:\n");
    for (int i = 0; i < SC_COUNT; i++)
        fprintf(f, "  %-19s %s\n", scenarios[i].name, scenarios[i].help);
    fprintf(f,
        "\nsimultaneous-open and simultaneous-close exist only in run mode.\n"
        "syn-timeout needs the destination's packets dropped (e.g. nft).\n"
        "tfo needs sysctl net.ipv4.tcp_fastopen=3.\n"
        "exit status: 0 ok, 1 error/unexpected, 2 usage, 3 race lost\n");
}

int main(int argc, char **argv)
{
    struct opts o = {SC_COUNT, "127.0.0.1", NULL, 8080, 0, -1, NULL};
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *mode = argv[1];
    if (!strcmp(mode, "--help") || !strcmp(mode, "-h") || !strcmp(mode, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(mode, "list")) {
        for (int i = 0; i < SC_COUNT; i++)
            printf("%s\n", scenarios[i].name);
        return 0;
    }
    if (!strcmp(mode, "visit")) {
        int delay = 0;
        if (argc == 5 && !strcmp(argv[3], "--delay-ms"))
            delay = atoi(argv[4]);
        else if (argc != 3) {
            usage(stderr);
            return 2;
        }
        alarm(60);
        setvbuf(stderr, NULL, _IOLBF, 0);
        role = "visit";
        return run_visit(argv[2], delay);
    }
    if (strcmp(mode, "run") && strcmp(mode, "server") && strcmp(mode, "client")) {
        usage(stderr);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (a[0] != '-') {
            for (int s = 0; s < SC_COUNT; s++)
                if (!strcmp(a, scenarios[s].name))
                    o.sc = (enum scenario)s;
            if (o.sc == SC_COUNT) {
                fprintf(stderr, "unknown scenario %s (try: tcpedu-lab list)\n", a);
                return 2;
            }
            continue;
        } else if (!v) {
            fprintf(stderr, "option %s needs a value\n", a);
            return 2;
        } else if (!strcmp(a, "--host")) {
            o.host = v;
        } else if (!strcmp(a, "--bind")) {
            o.bind = v;
        } else if (!strcmp(a, "--port")) {
            o.port = atoi(v);
        } else if (!strcmp(a, "--local-port")) {
            o.local_port = atoi(v);
        } else if (!strcmp(a, "--delay-ms")) {
            o.delay_ms = atoi(v);
        } else if (!strcmp(a, "--go-file")) {
            o.go_file = v;
        } else {
            fprintf(stderr, "unknown option %s\n", a);
            return 2;
        }
        i++;
    }
    if (o.sc == SC_COUNT) {
        fprintf(stderr, "no scenario given (try: tcpedu-lab list)\n");
        return 2;
    }
    if (o.port <= 0 || o.port > 65535 || o.local_port < 0 || o.local_port > 65535) {
        fprintf(stderr, "bad port\n");
        return 2;
    }
    if (!o.bind)
        o.bind = o.host;
    if (o.delay_ms < 0)
        o.delay_ms = scenarios[o.sc].default_delay_ms;

    alarm(60); /* hard upper bound on any scenario */
    setvbuf(stderr, NULL, _IOLBF, 0);

    if (!strcmp(mode, "server")) {
        if (o.sc == SC_SIM_OPEN || o.sc == SC_SIM_CLOSE || o.sc == SC_REFUSED ||
            o.sc == SC_SYN_TIMEOUT) {
            fprintf(stderr, "%s has no server side\n", scenarios[o.sc].name);
            return 2;
        }
        return run_server(&o, -1);
    }
    if (!strcmp(mode, "client")) {
        if (o.sc == SC_SIM_OPEN || o.sc == SC_SIM_CLOSE) {
            fprintf(stderr, "%s exists only in run mode\n", scenarios[o.sc].name);
            return 2;
        }
        return run_client(&o);
    }
    return run_both(&o);
}
