/*
 * tcpedu_catalogue.c - the texts.  UTF-8.  Chinese uses the terms of
 * Chinese networking textbooks: 三次握手, 四次挥手, 序列号, 确认号,
 * 半关闭, 初始序列号 (ISN); state names stay in RFC spelling.
 */
#include "tcpedu_catalogue.h"

#include <stddef.h>

#define ROWS(t) (sizeof(t) / sizeof((t)[0]))

static const tcpedu_text anomaly_texts[TCPEDU_A_COUNT] = {
    [TCPEDU_A_SYN_RETRANSMITTED] = {
        "SYN retransmitted: no SYN-ACK arrived before the retransmission timer expired",
        "SYN 重传：重传计时器超时前没有收到 SYN-ACK", "RFC 6298 2"},
    [TCPEDU_A_SYNACK_RETRANSMITTED] = {
        "SYN-ACK retransmitted: the server did not receive the handshake ACK in time",
        "SYN-ACK 重传：服务器没有及时收到握手的第三个报文段（ACK）", "RFC 6298 2"},
    [TCPEDU_A_SYN_UNANSWERED] = {
        "SYN never answered in this capture: no SYN-ACK, no RST",
        "本抓包中 SYN 始终没有回应：既没有 SYN-ACK，也没有 RST", "RFC 9293 3.5"},
    [TCPEDU_A_REFUSED] = {
        "Connection refused: the SYN was answered by RST (no process listens on this port)",
        "连接被拒绝：SYN 收到的回应是 RST（该端口上没有进程在监听）", "RFC 9293 3.10.7.1"},
    [TCPEDU_A_SYNACK_BAD_ACK] = {
        "SYN-ACK acknowledgment number is not the client's ISN + 1",
        "SYN-ACK 的确认号不等于客户端的初始序列号 + 1", "RFC 9293 3.10.7.3"},
    [TCPEDU_A_ACK_BAD_ACK] = {
        "Handshake ACK acknowledgment number is not the server's ISN + 1",
        "握手 ACK 的确认号不等于服务器的初始序列号 + 1", "RFC 9293 3.10.7.4"},
    [TCPEDU_A_SYN_NOT_CAPTURED] = {
        "The client's SYN is not in the capture; the client's ISN is inferred from the SYN-ACK",
        "抓包中没有客户端的 SYN；客户端的初始序列号是根据 SYN-ACK 推断的", "RFC 9293 3.5"},
    [TCPEDU_A_SYN_AFTER_SYNACK] = {
        "SYN captured after the SYN-ACK that answers it (capture reordering)",
        "SYN 出现在回应它的 SYN-ACK 之后（抓包顺序颠倒）", NULL},
    [TCPEDU_A_SIMULTANEOUS_OPEN] = {
        "Simultaneous open: both sides sent a SYN",
        "同时打开：双方都发送了 SYN", "RFC 9293 3.5 figure 7"},
    [TCPEDU_A_SYN_WITH_DATA] = {
        "SYN carries data (TCP Fast Open, or data the server may ignore)",
        "SYN 携带数据（TCP 快速打开，或服务器可能忽略的数据）", "RFC 7413"},
    [TCPEDU_A_TFO_DATA_NOT_ACKED] = {
        "Fast Open: the server acknowledged only the SYN, not its data; the client sends the data again",
        "快速打开：服务器只确认了 SYN，没有确认其中的数据；客户端会重新发送这些数据", "RFC 7413 4.2"},
    [TCPEDU_A_SYN_ISN_CHANGED] = {
        "SYN with a different initial sequence number from the same side",
        "同一端发送了初始序列号不同的 SYN", "RFC 9293 3.4.1"},
    [TCPEDU_A_HANDSHAKE_NOT_CAPTURED] = {
        "Capture starts mid-connection: states ESTABLISHED and client/server roles are inferred",
        "抓包从连接中途开始：ESTABLISHED 状态和客户端/服务器角色都是推断的", "RFC 9293 3.3.2"},
    [TCPEDU_A_SYN_IN_SYNCHRONIZED] = {
        "SYN in a synchronized connection: the receiver answers with a challenge ACK and ignores it",
        "已同步的连接中出现 SYN：接收方回复挑战 ACK 并忽略它", "RFC 5961 4"},
    [TCPEDU_A_SYNACK_AFTER_HANDSHAKE] = {
        "SYN-ACK after the handshake completed (late or forged): not a new handshake step; the receiver answers with a challenge ACK and no state changes",
        "握手完成之后出现的 SYN-ACK（迟到或伪造）：它不是新的握手步骤；接收方回复挑战 ACK，状态不变", "RFC 9293 3.10.7.4, RFC 5961 4"},
    [TCPEDU_A_PORT_REUSE] = {
        "New connection on the 4-tuple of an earlier connection (port reuse)",
        "新连接使用了先前连接的四元组（端口复用）", "RFC 9293 3.4.1"},
    [TCPEDU_A_SYN_AFTER_RESET] = {
        "SYN again after the previous attempt was reset: a new connection attempt",
        "上一次尝试被重置后再次发送 SYN：一次新的连接尝试", "RFC 9293 3.10.7"},
    [TCPEDU_A_FIN_RETRANSMITTED] = {
        "FIN retransmitted: its ACK did not arrive in time",
        "FIN 重传：没有及时收到对它的 ACK", "RFC 9293 3.6"},
    [TCPEDU_A_FIN_SEQ_CHANGED] = {
        "A second FIN from the same side with a different sequence number",
        "同一端的第二个 FIN 序列号不同", "RFC 9293 3.6"},
    [TCPEDU_A_SIMULTANEOUS_CLOSE] = {
        "Simultaneous close: the two FINs crossed; both sides go through CLOSING",
        "同时关闭：两个 FIN 交叉而过；双方都经过 CLOSING 状态", "RFC 9293 3.6 figure 13"},
    [TCPEDU_A_HALF_CLOSE_DATA] = {
        "Half-close: data still flows from the side that has not closed yet",
        "半关闭：尚未关闭的一端仍在发送数据", "RFC 9293 3.6"},
    [TCPEDU_A_DATA_AFTER_FIN] = {
        "New data after this side's own FIN",
        "本端发送 FIN 之后又发送了新数据", "RFC 9293 3.10.4"},
    [TCPEDU_A_FIN_BEFORE_ESTABLISHED] = {
        "FIN before the handshake completed",
        "握手完成之前就出现了 FIN", "RFC 9293 3.10.4"},
    [TCPEDU_A_FIN_ANSWERED_BY_RST] = {
        "FIN answered by RST: the peer aborted instead of closing normally",
        "FIN 收到的回应是 RST：对端选择了中止连接而不是正常关闭", "RFC 1122 4.2.2.13"},
    [TCPEDU_A_SEGMENT_AFTER_CLOSE] = {
        "Segment after the connection closed on one side",
        "连接在一端已关闭之后出现的报文段", "RFC 9293 3.10.7.1"},
    [TCPEDU_A_RST_ABORT] = {
        "Connection aborted by RST: no FIN exchange, no TIME-WAIT, unsent or unread data is discarded",
        "连接被 RST 中止：没有 FIN 交换，没有 TIME-WAIT，未发送或未读取的数据被丢弃", "RFC 9293 3.10.4"},
    [TCPEDU_A_RST_NOT_ACCEPTABLE] = {
        "RST not acceptable to its receiver (sequence or acknowledgment check fails): not believed",
        "该 RST 不会被接收方接受（序列号或确认号检查不通过）：不予采信", "RFC 5961 3.2"},
    [TCPEDU_A_SEGMENT_AFTER_RESET] = {
        "Segment after the connection was reset",
        "连接被重置之后出现的报文段", "RFC 9293 3.10.7"},
    [TCPEDU_A_ACK_FLAG_MISSING] = {
        "ACK flag not set on a segment that is not a SYN: the receiver drops it",
        "非 SYN 报文段没有设置 ACK 标志：接收方会丢弃它", "RFC 9293 3.10.7.4"},
    [TCPEDU_A_ACK_OF_UNSENT_DATA] = {
        "Acknowledges data the capture never saw the peer send",
        "确认了抓包中从未见到对端发送过的数据", "RFC 9293 3.10.7.4"},
    [TCPEDU_A_FLAGS_SYN_FIN] = {
        "SYN and FIN set together: TCP never sends this",
        "SYN 与 FIN 同时置位：正常的 TCP 不会发送这种报文段", NULL},
    [TCPEDU_A_FLAGS_SYN_RST] = {
        "SYN and RST set together: TCP never sends this",
        "SYN 与 RST 同时置位：正常的 TCP 不会发送这种报文段", NULL},
    [TCPEDU_A_FLAGS_NONE] = {
        "No flags set: TCP never sends this",
        "没有设置任何标志：正常的 TCP 不会发送这种报文段", NULL},
};

static const tcpedu_text rule_texts[TCPEDU_X_COUNT] = {
    [TCPEDU_X_NONE] = {"no explanation", "无说明", NULL},
    [TCPEDU_X_HS_SYN] = {
        "the client asks to open a connection (active open)",
        "客户端请求建立连接（主动打开）", "RFC 9293 3.5"},
    [TCPEDU_X_HS_SYN_RETRANS] = {
        "the client sends its SYN again: no answer yet",
        "客户端再次发送 SYN：尚未收到回应", "RFC 6298 2"},
    [TCPEDU_X_HS_SYN_FASTOPEN] = {
        "the client opens a connection and sends data in the SYN (TCP Fast Open)",
        "客户端请求建立连接，并在 SYN 中携带数据（TCP 快速打开）", "RFC 7413"},
    [TCPEDU_X_HS_SYNACK] = {
        "the server accepts and sends its own SYN",
        "服务器接受连接请求，并发送自己的 SYN", "RFC 9293 3.5"},
    [TCPEDU_X_HS_SYNACK_RETRANS] = {
        "the server sends its SYN-ACK again: no ACK yet",
        "服务器再次发送 SYN-ACK：尚未收到 ACK", "RFC 6298 2"},
    [TCPEDU_X_HS_SYNACK_NO_SYN] = {
        "the server accepts a SYN that is not in the capture",
        "服务器接受了一个不在本抓包中的 SYN", "RFC 9293 3.5"},
    [TCPEDU_X_HS_ACK] = {
        "the client acknowledges the server's SYN: the connection is established",
        "客户端确认服务器的 SYN：连接建立", "RFC 9293 3.5"},
    [TCPEDU_X_HS_ACK_DATA] = {
        "the client acknowledges the server's SYN and already sends data",
        "客户端确认服务器的 SYN，并且已经开始发送数据", "RFC 9293 3.5"},
    [TCPEDU_X_HS_SIMUL_SYN] = {
        "the other side also sends a SYN: simultaneous open",
        "另一端也发送了 SYN：同时打开", "RFC 9293 3.5 figure 7"},
    [TCPEDU_X_HS_SIMUL_SYNACK] = {
        "this side acknowledges the other's SYN (simultaneous open)",
        "本端确认对方的 SYN（同时打开）", "RFC 9293 3.5 figure 7"},
    [TCPEDU_X_HS_SYN_REORDERED] = {
        "the client's SYN, captured after the SYN-ACK that answers it",
        "客户端的 SYN，被抓到的时间晚于回应它的 SYN-ACK", NULL},
    [TCPEDU_X_DATA] = {
        "payload bytes; the sequence number advances by the payload length",
        "携带载荷数据；序列号按载荷长度增加", "RFC 9293 3.4"},
    [TCPEDU_X_DATA_RETRANS] = {
        "data sent again (retransmission)",
        "重新发送的数据（重传）", "RFC 6298"},
    [TCPEDU_X_ACK] = {
        "an acknowledgment without data; it names the next byte expected",
        "不带数据的确认；它指明期望收到的下一个字节", "RFC 9293 3.4"},
    [TCPEDU_X_KEEPALIVE] = {
        "keep-alive probe: one byte before the next sequence number, to make the peer answer",
        "保活探测：序列号比下一个序列号小 1，促使对端回应", "RFC 9293 3.8.4"},
    [TCPEDU_X_ZERO_WINDOW_PROBE] = {
        "zero-window probe: the peer's window is 0, the sender asks whether it opened",
        "零窗口探测：对端窗口为 0，发送方探询窗口是否已打开", "RFC 9293 3.8.6.1"},
    [TCPEDU_X_MIDSTREAM] = {
        "first segment of a connection whose start is not in the capture",
        "连接的第一个被抓到的报文段，连接的开始不在抓包中", "RFC 9293 3.3.2"},
    [TCPEDU_X_TD_FIN_ACTIVE] = {
        "this side has no more data to send and closes first (active close)",
        "本端没有更多数据要发送，首先关闭（主动关闭）", "RFC 9293 3.6"},
    [TCPEDU_X_TD_ACK_OF_FIN] = {
        "the other side acknowledges the FIN; the connection is now half-closed",
        "另一端确认 FIN；连接进入半关闭", "RFC 9293 3.6"},
    [TCPEDU_X_TD_HALF_CLOSE_DATA] = {
        "data from the side that has not closed yet (half-close)",
        "尚未关闭的一端发送的数据（半关闭）", "RFC 9293 3.6"},
    [TCPEDU_X_TD_FIN_PASSIVE] = {
        "the other side closes too (passive close)",
        "另一端也关闭（被动关闭）", "RFC 9293 3.6"},
    [TCPEDU_X_TD_FIN_COMBINED] = {
        "the other side acknowledges the FIN and closes in the same segment",
        "另一端在同一个报文段中确认 FIN 并关闭", "RFC 9293 3.6"},
    [TCPEDU_X_TD_FIN_CROSSING] = {
        "both sides close at the same time: the FINs cross",
        "双方同时关闭：两个 FIN 交叉而过", "RFC 9293 3.6 figure 13"},
    [TCPEDU_X_TD_FINAL_ACK] = {
        "the last FIN is acknowledged: the connection is closed",
        "最后一个 FIN 被确认：连接关闭", "RFC 9293 3.6"},
    [TCPEDU_X_TD_ACK_CROSSING] = {
        "this side acknowledges the other side's FIN (simultaneous close)",
        "本端确认对方的 FIN（同时关闭）", "RFC 9293 3.6 figure 13"},
    [TCPEDU_X_TD_FIN_RETRANS] = {
        "the FIN is sent again: its ACK did not arrive",
        "再次发送 FIN：没有收到对它的 ACK", "RFC 9293 3.6"},
    [TCPEDU_X_TD_LATE] = {
        "a segment after the connection closed",
        "连接关闭之后的报文段", "RFC 9293 3.10.7.1"},
    [TCPEDU_X_RST_REFUSED] = {
        "the SYN is refused: nothing listens on this port",
        "SYN 被拒绝：该端口上没有进程在监听", "RFC 9293 3.10.7.1"},
    [TCPEDU_X_RST_HANDSHAKE] = {
        "the connection is reset before the handshake completed",
        "握手完成之前连接被重置", "RFC 9293 3.10.7"},
    [TCPEDU_X_RST_ABORT] = {
        "the connection is aborted by RST instead of closed by FIN",
        "连接被 RST 中止，而不是通过 FIN 关闭", "RFC 9293 3.10.4"},
    [TCPEDU_X_RST_AFTER_FIN] = {
        "the connection is reset during the teardown",
        "连接在挥手过程中被重置", "RFC 9293 3.10.7"},
    [TCPEDU_X_RST_AFTER_CLOSE] = {
        "a RST about a connection that is already closed on one side",
        "针对一端已经关闭的连接发出的 RST", "RFC 9293 3.10.7.1"},
    [TCPEDU_X_RST_BAD_SYNACK] = {
        "the client rejects a SYN-ACK with a wrong acknowledgment number and keeps trying",
        "客户端拒绝确认号错误的 SYN-ACK，并继续尝试建立连接", "RFC 9293 3.10.7.3"},
    [TCPEDU_X_RST_NOT_ACCEPTED] = {
        "a RST its receiver does not accept: the connection goes on",
        "接收方不接受的 RST：连接继续", "RFC 5961 3.2"},
    [TCPEDU_X_AFTER_RESET] = {
        "a segment after the connection was reset",
        "连接被重置之后的报文段", "RFC 9293 3.10.7"},
    [TCPEDU_X_NOT_ACCEPTED] = {
        "a segment the receiver drops",
        "接收方会丢弃的报文段", "RFC 9293 3.10.7.4"},
};

static const tcpedu_text phase_texts[TCPEDU_PH_COUNT] = {
    [TCPEDU_PH_NONE] = {"TCP", "TCP", NULL},
    [TCPEDU_PH_HANDSHAKE] = {"Handshake", "握手", "RFC 9293 3.5"},
    [TCPEDU_PH_DATA] = {"Data", "数据", "RFC 9293 3.4"},
    [TCPEDU_PH_TEARDOWN] = {"Teardown", "挥手", "RFC 9293 3.6"},
    [TCPEDU_PH_RESET] = {"Reset", "重置", "RFC 9293 3.10.7"},
};

static const tcpedu_text texts[TCPEDU_T_COUNT] = {
    [TCPEDU_T_FLAG_SYN_ONLY] = {
        "SYN=1, ACK=0: the first segment asks to synchronize sequence numbers and has nothing to acknowledge yet",
        "SYN=1，ACK=0：第一个报文段请求同步序列号，此时还没有可以确认的内容", "RFC 9293 3.5"},
    [TCPEDU_T_FLAG_SYN_ACK] = {
        "SYN=1, ACK=1: the server sends its own SYN and acknowledges the client's in one segment",
        "SYN=1，ACK=1：服务器在同一个报文段中发送自己的 SYN 并确认客户端的 SYN", "RFC 9293 3.5"},
    [TCPEDU_T_FLAG_HS_ACK] = {
        "SYN=0, ACK=1: the third segment only acknowledges; it is not a SYN-ACK",
        "SYN=0，ACK=1：第三个报文段只做确认，它不是 SYN-ACK", "RFC 9293 3.5"},
    [TCPEDU_T_FLAG_ACK_ALWAYS] = {
        "ACK=1: ACK is set on every segment after the handshake",
        "ACK=1：握手之后的每个报文段都设置 ACK", "RFC 9293 3.10.7.4"},
    [TCPEDU_T_FLAG_FIN] = {
        "FIN=1 (and ACK=1): the sender has no more data; a FIN carries ACK like every segment after the handshake",
        "FIN=1（同时 ACK=1）：发送方没有更多数据了；和握手之后的每个报文段一样，FIN 报文段也带 ACK", "RFC 9293 3.6"},
    [TCPEDU_T_FLAG_RST] = {
        "RST=1: the sender resets the connection; nothing is acknowledged and no TIME-WAIT follows",
        "RST=1：发送方重置连接；不会再有确认，也没有 TIME-WAIT", "RFC 9293 3.10.7"},
    [TCPEDU_T_FLAG_ACK_MISSING] = {
        "ACK=0 on a segment that is not a SYN: the receiver drops it",
        "非 SYN 报文段的 ACK=0：接收方会丢弃它", "RFC 9293 3.10.7.4"},
    [TCPEDU_T_FLAG_ECN_SETUP] = {
        "ECE=1 and CWR=1 in a SYN: the client offers Explicit Congestion Notification",
        "SYN 中 ECE=1 且 CWR=1：客户端提议使用显式拥塞通知（ECN）", "RFC 3168 6.1.1"},
    [TCPEDU_T_FLAG_ECN_ACCEPT] = {
        "ECE=1, CWR=0 in a SYN-ACK: the server accepts ECN",
        "SYN-ACK 中 ECE=1、CWR=0：服务器同意使用 ECN", "RFC 3168 6.1.1"},
    [TCPEDU_T_SEQ_ISN] = {
        "The sequence number of a SYN is the sender's initial sequence number (ISN), chosen at random; the SYN uses one number, so data starts at ISN + 1",
        "SYN 的序列号就是发送方的初始序列号（ISN），它是随机选取的；SYN 占用一个序号，所以数据从 ISN + 1 开始", "RFC 9293 3.4.1, RFC 6528"},
    [TCPEDU_T_SEQ_DATA] = {
        "The sequence number numbers the first payload byte; it advances by the payload length",
        "序列号是本报文段第一个载荷字节的编号；它按载荷长度增加", "RFC 9293 3.4"},
    [TCPEDU_T_SEQ_FIN] = {
        "The FIN takes the number after the last data byte and uses up one sequence number itself",
        "FIN 占用最后一个数据字节之后的那个序号，它本身消耗一个序列号", "RFC 9293 3.6"},
    [TCPEDU_T_SEQ_RELATIVE] = {
        "Relative numbers count from the ISN (Wireshark's tcp.seq starts at 0); the raw number is what is on the wire (tcp.seq_raw)",
        "相对序列号从 ISN 开始计数（Wireshark 的 tcp.seq 从 0 开始）；原始序列号才是线路上实际的值（tcp.seq_raw）", NULL},
    [TCPEDU_T_SEQ_NO_ISN] = {
        "This side's SYN is not in the capture: relative numbers count from the first sequence number seen",
        "本抓包中没有这一端的 SYN：相对序列号从看到的第一个序列号开始计数", NULL},
    [TCPEDU_T_ACK_NONE] = {
        "ACK=0: the acknowledgment field carries nothing",
        "ACK=0：确认号字段没有意义", "RFC 9293 3.1"},
    [TCPEDU_T_ACK_SYN] = {
        "Acknowledgment = the peer's ISN + 1, because the SYN used one sequence number",
        "确认号 = 对方的 ISN + 1，因为 SYN 占用了一个序列号", "RFC 9293 3.5"},
    [TCPEDU_T_ACK_SYN_DATA] = {
        "Acknowledgment = the client's ISN + 1 + the data length: the server accepted the data carried in the SYN (Fast Open)",
        "确认号 = 客户端的 ISN + 1 + 数据长度：服务器接受了 SYN 中携带的数据（快速打开）", "RFC 7413 4.2"},
    [TCPEDU_T_ACK_FIN] = {
        "Acknowledgment = the FIN's sequence number + 1, because the FIN used one sequence number",
        "确认号 = FIN 的序列号 + 1，因为 FIN 占用了一个序列号", "RFC 9293 3.6"},
    [TCPEDU_T_ACK_NEXT] = {
        "The acknowledgment number names the next byte this side expects: every byte before it has arrived",
        "确认号指明本端期望收到的下一个字节：在它之前的所有字节都已收到", "RFC 9293 3.4"},
    [TCPEDU_T_ACK_WRONG] = {
        "The acknowledgment number is not the expected one",
        "确认号不是预期的值", "RFC 9293 3.10.7"},
    [TCPEDU_T_HDR_LEN] = {
        "The data offset field counts 32-bit words: header length in bytes = words x 4 (20 bytes without options)",
        "数据偏移字段以 32 位字为单位：首部长度（字节）= 字数 x 4（无选项时为 20 字节）", "RFC 9293 3.1"},
    [TCPEDU_T_WIN_SYN] = {
        "The window in a SYN or SYN-ACK is never scaled",
        "SYN 或 SYN-ACK 中的窗口值从不缩放", "RFC 7323 2.2"},
    [TCPEDU_T_WIN_SCALED] = {
        "Window scaling is in effect: the receive window is the window field x 2^shift",
        "窗口缩放已生效：接收窗口 = 窗口字段 x 2^移位数", "RFC 7323 2.2"},
    [TCPEDU_T_WIN_NOT_SCALED] = {
        "No window scaling: both SYNs must carry the window-scale option",
        "没有窗口缩放：双方的 SYN 都必须携带窗口缩放选项", "RFC 7323 2.2"},
    [TCPEDU_T_WIN_UNKNOWN] = {
        "Window scale unknown: the handshake is not in the capture",
        "窗口缩放未知：抓包中没有握手", "RFC 7323 2.2"},
    [TCPEDU_T_OPT_MSS] = {
        "MSS: the largest segment payload this side can receive",
        "MSS：本端能够接收的最大报文段载荷", "RFC 9293 3.7.1"},
    [TCPEDU_T_OPT_WSCALE] = {
        "Window scale: the shift this side will apply to the windows it announces",
        "窗口缩放：本端对自己通告的窗口所使用的移位数", "RFC 7323 2"},
    [TCPEDU_T_OPT_SACK_PERM] = {
        "SACK permitted: this side can receive selective acknowledgments",
        "允许 SACK：本端可以接收选择性确认", "RFC 2018"},
    [TCPEDU_T_OPT_TS_SYN] = {
        "Timestamps offered: TSval is this side's clock, TSecr is 0 because there is nothing to echo yet",
        "提议使用时间戳：TSval 是本端的时钟值，TSecr 为 0，因为还没有可回显的值", "RFC 7323 3"},
    [TCPEDU_T_OPT_TS_ECHO] = {
        "Timestamps: TSecr echoes the peer's latest TSval",
        "时间戳：TSecr 回显对方最近的 TSval", "RFC 7323 3"},
    [TCPEDU_T_OPT_TFO_REQUEST] = {
        "Fast Open cookie request: the client asks for a cookie to send data in a later SYN",
        "快速打开 Cookie 请求：客户端请求一个 Cookie，以便在以后的 SYN 中携带数据", "RFC 7413 4.1"},
    [TCPEDU_T_OPT_TFO_COOKIE] = {
        "Fast Open cookie: lets the client put data in its SYN",
        "快速打开 Cookie：允许客户端在 SYN 中携带数据", "RFC 7413 4.1"},
    [TCPEDU_T_OPT_EFFECTIVE] = {
        "An option is in effect only if both SYNs carry it (window scale, SACK, timestamps)",
        "只有双方的 SYN 都携带某个选项时，该选项才生效（窗口缩放、SACK、时间戳）", "RFC 7323, RFC 2018"},
    [TCPEDU_T_ST_CLOSED] = {
        "CLOSED: no connection (any more)",
        "CLOSED：没有连接（或连接已不存在）", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_LISTEN] = {
        "LISTEN: a server socket waits for connection requests",
        "LISTEN：服务器套接字在等待连接请求", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_SYN_SENT] = {
        "SYN-SENT: this side sent its SYN and waits for the answer",
        "SYN-SENT：本端已发送 SYN，正在等待回应", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_SYN_RECEIVED] = {
        "SYN-RECEIVED: the peer's SYN arrived; this side answers with its own SYN and waits for the ACK of it",
        "SYN-RECEIVED：对方的 SYN 已到达；本端以自己的 SYN 回应，并等待对它的确认", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_ESTABLISHED] = {
        "ESTABLISHED: both SYNs are acknowledged; data can flow both ways",
        "ESTABLISHED：双方的 SYN 都已被确认；数据可以双向传输", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_FIN_WAIT_1] = {
        "FIN-WAIT-1: this side sent its FIN and waits for it to be acknowledged",
        "FIN-WAIT-1：本端已发送 FIN，正在等待对它的确认", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_FIN_WAIT_2] = {
        "FIN-WAIT-2: this side's FIN is acknowledged; the connection is half-closed and it waits for the peer's FIN",
        "FIN-WAIT-2：本端的 FIN 已被确认；连接处于半关闭状态，正在等待对方的 FIN", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_CLOSE_WAIT] = {
        "CLOSE-WAIT: the peer's FIN arrived (its application reads end of file); this side may still send until its application closes",
        "CLOSE-WAIT：对方的 FIN 已到达（应用程序读到文件结束）；在本端应用程序关闭之前仍可发送数据", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_CLOSING] = {
        "CLOSING: both sides sent a FIN before receiving the other's; waiting for the ACK of this side's FIN",
        "CLOSING：双方都在收到对方的 FIN 之前发出了自己的 FIN；正在等待对本端 FIN 的确认", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_LAST_ACK] = {
        "LAST-ACK: the passive closer sent its FIN and waits for the last ACK",
        "LAST-ACK：被动关闭方已发送 FIN，正在等待最后一个 ACK", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_TIME_WAIT] = {
        "TIME-WAIT: the active closer waits 2 x MSL (RFC: MSL = 2 min; Linux waits 60 s) so that a lost final ACK can be sent again and old duplicate segments die out",
        "TIME-WAIT：主动关闭方等待 2 x MSL（RFC 中 MSL = 2 分钟；Linux 等待 60 秒），以便在最后的 ACK 丢失时可以重发，并让旧的重复报文段在网络中消失", "RFC 9293 3.3.2, 3.6"},
    [TCPEDU_T_ST_UNCHANGED] = {
        "unchanged by this segment",
        "该报文段没有改变状态", NULL},
    [TCPEDU_T_ST_SINCE] = {
        "unchanged by this segment; in this state since the frame named in \"since frame\"",
        "该报文段没有改变状态；自“since frame”所指的帧起一直处于这个状态", "RFC 9293 3.10"},
    [TCPEDU_T_ST_SYNACK_FROM_SR] = {
        "the server entered SYN-RECEIVED when the SYN arrived (see \"since frame\") and answers from there",
        "服务器在 SYN 到达时（见“since frame”）进入 SYN-RECEIVED，并从该状态发出回应", "RFC 9293 3.10.7.2"},
    [TCPEDU_T_ST_TW_CLIENT] = {
        "the client has been in TIME-WAIT since the server's FIN arrived (see \"since frame\"); it waits 2 x MSL after this ACK",
        "客户端自服务器的 FIN 到达时（见“since frame”）起一直处于 TIME-WAIT；发出这个 ACK 后它等待 2 x MSL", "RFC 9293 3.10.7.4"},
    [TCPEDU_T_ST_TW_SERVER] = {
        "the server has been in TIME-WAIT since the client's FIN arrived (see \"since frame\"); it waits 2 x MSL after this ACK",
        "服务器自客户端的 FIN 到达时（见“since frame”）起一直处于 TIME-WAIT；发出这个 ACK 后它等待 2 x MSL", "RFC 9293 3.10.7.4"},
    [TCPEDU_T_ST_NO_CHANGE] = {
        "a retransmission, a duplicate or a segment the receiver drops changes no state",
        "重传、重复或被接收方丢弃的报文段不会改变任何状态", "RFC 9293 3.10.7.4"},
    [TCPEDU_T_ST_THREE_SEGMENT] = {
        "this FIN also acknowledges the receiver's FIN, so the receiver goes from FIN-WAIT-1 straight to TIME-WAIT and never shows FIN-WAIT-2 (\"if our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT\")",
        "这个 FIN 同时确认了接收方的 FIN，所以接收方从 FIN-WAIT-1 直接进入 TIME-WAIT，不会出现 FIN-WAIT-2（“如果我们的 FIN 已被确认（可能就在这个报文段中），则进入 TIME-WAIT”）", "RFC 9293 3.10.7.4"},
    [TCPEDU_T_ST_CROSSED] = {
        "this segment crossed the receiver's own segment (see \"crossed frame\"): the receiver processes it after sending that one, as the simultaneous open and close figures draw",
        "这个报文段与接收方自己发出的报文段（见“crossed frame”）交叉而过：接收方在发出那个报文段之后才处理它，与同时打开和同时关闭的图示一致", "RFC 9293 figures 7, 13"},
    [TCPEDU_T_ST_REVISES] = {
        "this segment shows that the states guessed from an earlier frame (see \"revises frame\") were wrong; they are revised from there on (shown with tshark -2 and in the GUI)",
        "这个报文段表明从较早的帧（见“revises frame”）起推测的状态是错误的；这些状态从该帧起被修正（在 tshark -2 和图形界面中显示）", "RFC 9293 3.3.2"},
    [TCPEDU_T_ST_INFERRED] = {
        "Inferred: the capture shows segments, not sockets; this state is a guess the observer could not see",
        "推断：抓包只能看到报文段，看不到套接字；这个状态是观察者无法直接看到的推测", "RFC 9293 3.3.2"},
    [TCPEDU_T_TD_NONE] = {
        "No teardown seen",
        "没有看到挥手过程", NULL},
    [TCPEDU_T_TD_FOUR] = {
        "Four segments: FIN, ACK, FIN, ACK, as in the textbook",
        "四个报文段：FIN、ACK、FIN、ACK，与教科书一致", "RFC 9293 3.6"},
    [TCPEDU_T_TD_THREE] = {
        "Three segments: the passive side had nothing left to send, so its ACK and its FIN travel in one segment (what most real captures show); the active closer gets both at once and goes from FIN-WAIT-1 straight to TIME-WAIT, never FIN-WAIT-2",
        "三个报文段：被动关闭方没有剩余数据要发送，所以它的 ACK 和 FIN 合并在一个报文段中（大多数真实抓包都是这样）；主动关闭方同时收到二者，从 FIN-WAIT-1 直接进入 TIME-WAIT，不会经过 FIN-WAIT-2", "RFC 9293 3.6, 3.10.7.4"},
    [TCPEDU_T_TD_SIMULTANEOUS] = {
        "Simultaneous close: the two FINs crossed; both sides go FIN-WAIT-1 -> CLOSING -> TIME-WAIT",
        "同时关闭：两个 FIN 交叉而过；双方都经历 FIN-WAIT-1 -> CLOSING -> TIME-WAIT", "RFC 9293 3.6"},
    [TCPEDU_T_TD_RESET] = {
        "Reset: the connection ended with RST instead of the FIN exchange; no TIME-WAIT",
        "重置：连接以 RST 结束，而不是通过 FIN 交换；没有 TIME-WAIT", "RFC 9293 3.10.7"},
    [TCPEDU_T_TD_INCOMPLETE] = {
        "Incomplete: the FIN exchange is not finished in the capture",
        "不完整：抓包中的 FIN 交换没有完成", NULL},
    [TCPEDU_T_TIME_UNUSABLE] = {
        "This frame's time is outside what tcpedu can compute with (1677-09-21 to 2262-04-11, "
        "a broken clock or a crafted file): no durations are computed from it",
        "此帧的时间超出了 tcpedu 能计算的范围（1677-09-21 至 2262-04-11，时钟错误或人为构造的文件）："
        "不会用它计算任何时长", NULL},
    [TCPEDU_T_LAYERS_DROPPED] = {
        "This frame holds more TCP headers than tcpedu analyses (8, or beyond protocol layer 255): "
        "the later ones are not analysed",
        "此帧包含的 TCP 首部多于 tcpedu 分析的数量（8 个，或位于第 255 个协议层之后）："
        "后面的首部不做分析", NULL},
    [TCPEDU_T_RTT] = {
        "Handshake round-trip time: SYN -> SYN-ACK seen from the capture point, plus SYN-ACK -> ACK",
        "握手往返时间：在抓包点看到的 SYN -> SYN-ACK，加上 SYN-ACK -> ACK", "RFC 6298"},
    [TCPEDU_T_TEARDOWN_TIME] = {
        "Teardown time: from the first FIN to the last ACK",
        "挥手时间：从第一个 FIN 到最后一个 ACK", NULL},
};

static const tcpedu_text missing = {"?", "?", NULL};

const tcpedu_text *tcpedu_cat_anomaly(unsigned a)
{
    return a < ROWS(anomaly_texts) ? &anomaly_texts[a] : &missing;
}

const tcpedu_text *tcpedu_cat_rule(unsigned r)
{
    return r < ROWS(rule_texts) ? &rule_texts[r] : &missing;
}

const tcpedu_text *tcpedu_cat_phase(unsigned p)
{
    return p < ROWS(phase_texts) ? &phase_texts[p] : &missing;
}

const tcpedu_text *tcpedu_cat_text(unsigned id)
{
    return id < ROWS(texts) ? &texts[id] : &missing;
}

const tcpedu_text *tcpedu_cat_state(unsigned st)
{
    if (st < TCPEDU_ST_CLOSED || st > TCPEDU_ST_TIME_WAIT)
        return &missing;
    return &texts[TCPEDU_T_ST_CLOSED + (st - TCPEDU_ST_CLOSED)];
}

const tcpedu_text *tcpedu_cat_td_style(unsigned td)
{
    return td < TCPEDU_TD_COUNT ? &texts[TCPEDU_T_TD_NONE + td] : &missing;
}

unsigned tcpedu_cat_text_count(void) { return ROWS(texts); }
unsigned tcpedu_cat_anomaly_count(void) { return ROWS(anomaly_texts); }
unsigned tcpedu_cat_rule_count(void) { return ROWS(rule_texts); }
unsigned tcpedu_cat_phase_count(void) { return ROWS(phase_texts); }

/* The visited site, the missing teardown, QUIC (tcpedu-sites.c). */
static const tcpedu_text site_texts[TCPEDU_S_COUNT] = {
    [TCPEDU_S_SYN_TO_BEFORE] = {
        "the client asks to open a connection to ",
        "客户端请求与 ", "RFC 9293 3.5"},
    [TCPEDU_S_SYN_TO_AFTER] = {
        " (active open)",
        " 建立连接（主动打开）", "RFC 9293 3.5"},
    [TCPEDU_S_SRC_SNI] = {
        "The name is the server name (SNI) the client put in its TLS Client Hello on this connection",
        "该名称来自客户端在本连接的 TLS Client Hello 中给出的服务器名称（SNI）", "RFC 6066 3"},
    [TCPEDU_S_SRC_HOST] = {
        "The name is the Host header of the client's HTTP request on this connection",
        "该名称来自客户端在本连接上发出的 HTTP 请求中的 Host 头部", "RFC 9112 3.2"},
    [TCPEDU_S_SRC_DNS] = {
        "The name comes from a DNS answer earlier in the capture that gave this server's address for it",
        "该名称来自抓包中较早的一个 DNS 应答，该应答把这个名称解析为本服务器的地址", "RFC 1035"},
    [TCPEDU_S_SINGLE_PASS] = {
        "In a single pass (tshark without -2) the first segments cannot show a name that arrives later (TLS server name, HTTP Host); use -2 or the Wireshark window",
        "单遍分析（tshark 不加 -2）时，前面的报文段无法显示之后才出现的名称（TLS 服务器名称、HTTP Host）；请使用 -2 或 Wireshark 图形界面", NULL},
    [TCPEDU_S_END_OPEN] = {
        "No teardown: the connection was still open when the capture ended; browsers keep connections open (HTTP keep-alive) for later requests",
        "没有挥手：抓包结束时连接仍然打开；浏览器会保持连接（HTTP keep-alive）以便后续请求复用", "RFC 9112 9.3"},
    [TCPEDU_S_END_RESET] = {
        "No FIN teardown: the connection ended with RST instead of FINs; browsers and servers often reset a connection they no longer need",
        "没有 FIN 挥手：连接以 RST 结束，而不是 FIN；浏览器和服务器经常直接重置不再需要的连接", "RFC 9293 3.10.7"},
    [TCPEDU_S_END_INCOMPLETE] = {
        "Teardown incomplete: the capture ended before all FINs were acknowledged",
        "挥手不完整：抓包在所有 FIN 被确认之前就结束了", "RFC 9293 3.6"},
    [TCPEDU_S_END_OPEN_HOW] = {
        "To capture a teardown: close the tab or the browser before stopping the capture, wait for the server's idle timeout, or use a client that closes (tcpedu-lab visit URL)",
        "要抓到挥手：停止抓包前关闭标签页或浏览器，或等待服务器空闲超时，或使用会主动关闭的客户端（tcpedu-lab visit URL）", NULL},
    [TCPEDU_S_END_RESET_HOW] = {
        "To capture a FIN teardown: fetch the page with a client that closes normally (tcpedu-lab visit URL), or look for another connection that ends with FINs",
        "要抓到 FIN 挥手：使用正常关闭连接的客户端获取页面（tcpedu-lab visit URL），或寻找另一条以 FIN 结束的连接", NULL},
    [TCPEDU_S_END_INCOMPLETE_HOW] = {
        "Stop the capture a few seconds after the page has loaded and the connection has closed",
        "请在页面加载完成、连接关闭几秒钟之后再停止抓包", NULL},
    [TCPEDU_S_QUIC_ONLY] = {
        "The browser used QUIC (HTTP/3 over UDP) for this site: QUIC has no TCP handshake or teardown",
        "浏览器对该站点使用了 QUIC（基于 UDP 的 HTTP/3）：QUIC 没有 TCP 握手和挥手", "RFC 9000, RFC 9114"},
    [TCPEDU_S_QUIC_HOW] = {
        "Turn QUIC off (Chrome/Edge: chrome://flags, Experimental QUIC protocol = Disabled; Firefox: about:config, network.http.http3.enable = false), or use tcpedu-lab visit URL",
        "关闭 QUIC（Chrome/Edge：chrome://flags，Experimental QUIC protocol 设为 Disabled；Firefox：about:config，network.http.http3.enable 设为 false），或使用 tcpedu-lab visit URL", NULL},
    [TCPEDU_S_QUIC_SUMMARY] = {
        "QUIC (HTTP/3 over UDP) to a site that has no TCP connection in this capture",
        "本抓包中对某站点使用了 QUIC（基于 UDP 的 HTTP/3），而没有到该站点的 TCP 连接", "RFC 9000"},
    [TCPEDU_S_QUIC_EXPERT] = {
        "the browser used HTTP/3 over UDP (QUIC), which has no TCP handshake; turn QUIC off in the browser, or use a client that speaks HTTP/1.1 over TCP",
        "浏览器使用了基于 UDP 的 HTTP/3（QUIC），它没有 TCP 握手；请在浏览器中关闭 QUIC，或使用通过 TCP 发送 HTTP/1.1 的客户端", "RFC 9000"},
};

const tcpedu_text *tcpedu_cat_site(unsigned id)
{
    return id < ROWS(site_texts) ? &site_texts[id] : &missing;
}

unsigned tcpedu_cat_site_count(void) { return ROWS(site_texts); }

const char *tcpedu_cat_pick(const tcpedu_text *t, tcpedu_lang lang)
{
    const char *s = lang == TCPEDU_LANG_ZH ? t->zh : t->en;
    return s ? s : "?";
}
