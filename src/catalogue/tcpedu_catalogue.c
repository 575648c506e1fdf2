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
        "同时打开：双方都发送了 SYN", "RFC 9293 3.5 figure 8"},
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
        "另一端也发送了 SYN：同时打开", "RFC 9293 3.5 figure 8"},
    [TCPEDU_X_HS_SIMUL_SYNACK] = {
        "this side acknowledges the other's SYN (simultaneous open)",
        "本端确认对方的 SYN（同时打开）", "RFC 9293 3.5 figure 8"},
    [TCPEDU_X_HS_SYN_REORDERED] = {
        "the client's SYN, captured after the SYN-ACK that answers it",
        "客户端的 SYN，被抓到的时间晚于回应它的 SYN-ACK", NULL},
    [TCPEDU_X_DATA] = {
        "data: the sequence number advances by the payload length",
        "数据：序列号按载荷长度增加", "RFC 9293 3.4"},
    [TCPEDU_X_DATA_RETRANS] = {
        "data sent again (retransmission)",
        "重新发送的数据（重传）", "RFC 6298"},
    [TCPEDU_X_ACK] = {
        "acknowledgment: names the next byte expected",
        "确认：指明期望收到的下一个字节", "RFC 9293 3.4"},
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

unsigned tcpedu_cat_anomaly_count(void) { return ROWS(anomaly_texts); }
unsigned tcpedu_cat_rule_count(void) { return ROWS(rule_texts); }
unsigned tcpedu_cat_phase_count(void) { return ROWS(phase_texts); }

const char *tcpedu_cat_pick(const tcpedu_text *t, tcpedu_lang lang)
{
    const char *s = lang == TCPEDU_LANG_ZH ? t->zh : t->en;
    return s ? s : "?";
}
