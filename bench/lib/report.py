#!/usr/bin/env python3
"""Writes docs/BENCHMARKS.md from one bench/run directory (results.jsonl, jmh.json, machine.env) and
bench/notes.md (the hand-written findings, appended as they are)."""
import argparse
import json
import os
import statistics

import report_imap

CLIENT_TEXT = {
    "ixp": "ixp",
    "angus": "Angus Mail",
    "commons": "Commons Net",
    "raw": "raw socket (limit)",
    "smtp-source": "Postfix smtp-source",
}


def load(run):
    recs = []
    with open(os.path.join(run, "results.jsonl")) as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
    machine = {}
    with open(os.path.join(run, "machine.env")) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                machine[k] = v
    jmh = []
    p = os.path.join(run, "jmh.json")
    if os.path.exists(p):
        with open(p) as f:
            jmh = json.load(f)
    return recs, machine, jmh


def wall_s(r):
    res = r.get("result")
    return res["wall_ns"] / 1e9 if res else r["ext_wall_s"]


def cpu_s(r):
    res = r.get("result")
    return res["cpu_ns"] / 1e9 if res else r["utime_s"] + r["stime_s"]


def summarise(recs, workload, messages, msg_bytes):
    """client -> stats over its successful rounds (and the count of failed ones). messages None: each run's own
    RESULT counts (reading workloads, where the maildrop or group is what the server holds)."""
    by = {}
    for r in recs:
        if r["workload"] != workload:
            continue
        by.setdefault(r["client"], []).append(r)
    out = {}
    for client, rs in by.items():
        ok = [r for r in rs if r["rc"] == 0 and not r["timed_out"]]
        s = {"runs": len(rs), "failed": len(rs) - len(ok)}
        if ok:
            walls = [wall_s(r) for r in ok]
            med = statistics.median(walls)
            if messages is None:
                counts = [r["result"]["messages"] for r in ok]
                rate = statistics.median(r["result"]["messages"] / wall_s(r) for r in ok)
                mbps = statistics.median(r["result"]["bytes"] / wall_s(r) / 1e6 for r in ok)
                total_msgs = [r["result"]["messages"] + r["result"].get("warmup", 0) for r in ok]
                s["items"] = statistics.median(counts)
                s["items_range"] = (min(counts), max(counts))
            else:
                rate = messages / med
                mbps = messages * msg_bytes / med / 1e6
                total_msgs = [messages + (r.get("result", {}).get("warmup", 0) or 0) for r in ok]
            s.update({
                "wall": med, "min": min(walls), "max": max(walls),
                "rate": rate, "mbps": mbps,
                "cpu": statistics.median(cpu_s(r) for r in ok),
                "proc_cpu": statistics.median(r["utime_s"] + r["stime_s"] for r in ok),
                "rss": statistics.median(r["maxrss_kb"] for r in ok) / 1024,
                "csw": statistics.median(r["nvcsw"] / t for r, t in zip(ok, total_msgs)),
                "csw_total": statistics.median(r["nvcsw"] for r in ok),
            })
        else:
            s["error"] = rs[-1].get("error", "")[-300:]
        out[client] = s
    return out


def fmt(x, digits=2):
    if x is None:
        return "–"
    if x >= 100:
        return "{:,.0f}".format(x)
    return ("{:." + str(digits) + "f}").format(x)


def table(stats, order, unit_rate="msgs/s", show_rate=True):
    per_msg = show_rate
    ixp = stats.get("ixp", {})
    lines = []
    head = "| client | median wall s | min–max s | " + ("msgs/s | " if show_rate else "") + \
           "MB/s | CPU s | process CPU s | peak RSS MiB | " + ("vol. ctx switches / msg" if per_msg else
           "vol. ctx switches (process)") + " | ixp ÷ client (speed) |"
    lines.append(head)
    lines.append("|" + "---|" * (head.count("|") - 1))
    for c in order:
        s = stats.get(c)
        if s is None:
            continue
        name = CLIENT_TEXT.get(c, c)
        if "wall" not in s:
            lines.append("| %s | failed (%d of %d runs) | | | | | | | |" % (name, s["failed"], s["runs"]))
            continue
        ratio = ixp["wall"] and s["wall"] / ixp["wall"] if "wall" in ixp else None
        row = ["**%s**" % name if c == "ixp" else name, fmt(s["wall"], 3),
               "%s–%s" % (fmt(s["min"], 3), fmt(s["max"], 3))]
        if show_rate:
            row.append(fmt(s["rate"], 1))
        row += [fmt(s["mbps"], 1), fmt(s["cpu"]), fmt(s["proc_cpu"]), fmt(s["rss"], 0), fmt(s["csw"], 1) if per_msg else fmt(s["csw_total"], 0),
                fmt(ratio) + "×" if ratio is not None else "–"]
        if s["failed"]:
            row[1] += " (%d failed)" % s["failed"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def read_table(stats, order, item, show_mb=True):
    ixp = stats.get("ixp", {})
    head = ("| client | median wall s | min–max s | %s | %s/s | " % (item, item) + ("MB/s | " if show_mb else "")
            + "CPU s | process CPU s | peak RSS MiB | vol. ctx switches / %s | ixp ÷ client (speed) |"
            % {"entries": "entry", "messages": "message"}.get(item, item))
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for c in order:
        s = stats.get(c)
        if s is None:
            continue
        name = CLIENT_TEXT.get(c, c)
        if "wall" not in s:
            lines.append("| %s | failed (%d of %d runs) |" % (name, s["failed"], s["runs"]))
            continue
        ratio = s["wall"] / ixp["wall"] if "wall" in ixp else None
        lo, hi = s["items_range"]
        row = ["**%s**" % name if c == "ixp" else name, fmt(s["wall"], 3),
               "%s–%s" % (fmt(s["min"], 3), fmt(s["max"], 3)),
               "{:,}".format(int(s["items"])) + ("" if lo == hi else " (%s–%s)" % ("{:,}".format(lo), "{:,}".format(hi))),
               fmt(s["rate"], 0)]
        if show_mb:
            row.append(fmt(s["mbps"], 1))
        row += [fmt(s["cpu"]), fmt(s["proc_cpu"]), fmt(s["rss"], 0), fmt(s["csw"], 2),
                fmt(ratio) + "×" if ratio is not None else "–"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--size", type=int, default=10240)
    ap.add_argument("--defaults-messages", type=int, default=200)
    ap.add_argument("--big-mb", type=int, default=100)
    ap.add_argument("--big-heap", default="64m")
    ap.add_argument("--pop3-user", default="frank")
    ap.add_argument("--nntp-group", default="local.bench")
    ap.add_argument("--notes", default=os.path.join(os.path.dirname(__file__), "..", "notes.md"))
    a = ap.parse_args()
    recs, m, jmh = load(a.run)
    order = ["ixp", "angus", "commons", "raw", "smtp-source"]
    kb = a.size / 1024

    w = {
        "smtp-1": summarise(recs, "smtp-1", a.messages, a.size),
        "smtp-8": summarise(recs, "smtp-8", a.messages, a.size),
        "smtp-defaults": summarise(recs, "smtp-defaults", a.defaults_messages, a.size),
        "smtp-100m": summarise(recs, "smtp-100m", 1, a.big_mb * 1048576),
        "pop3": summarise(recs, "pop3", None, None),
        "nntp": summarise(recs, "nntp", None, None),
    }
    o = []
    o.append("# Benchmarks\n")
    o.append("Written by `bench/run` (%s, %s rounds, %s s for the whole run). Reproduce with `bench/run`; "
             "the raw per-run records are in `%s/results.jsonl` on the machine that ran it.\n"
             % (m.get("date", "?"), m.get("rounds", "?"), m.get("elapsed_s", "?"), a.run))
    o.append("## Machine and versions\n")
    o.append("| | |\n|---|---|")
    for k, label in [("nproc", "cores (nproc)"), ("cpu", "CPU"), ("memory", "memory"), ("os", "OS"),
                     ("kernel", "kernel"), ("jdk", "JDK"), ("load_before", "load average before the run"),
                     ("load_after", "load average after the run"), ("ixp", "ixp (git)"),
                     ("netty", "Netty"), ("angus-mail", "Angus Mail"), ("jakarta-mail-api", "Jakarta Mail API"),
                     ("commons-net", "Commons Net"), ("postfix", "Postfix (smtp-sink, smtp-source)"),
                     ("jmh", "JMH"), ("java_opts", "extra JVM options")]:
        o.append("| %s | %s |" % (label, m.get(k, "?") or "none"))
    o.append("")
    try:
        busy = float(m.get("load_before", "0").split()[0]) >= 2 or float(m.get("load_after", "0").split()[0]) >= 2
    except ValueError:
        busy = True
    o.append("**Conditions.** %s cores, %s: compare clients within a table — they ran interleaved, round by round, "
             "under the same load — and read min–max before trusting a ratio. Server: the lab's Postfix "
             "`smtp-sink` on 127.0.0.1:%s (plaintext), which accepts and discards.\n"
             % (m.get("nproc", "?"), "shared with other work while this ran (see the load averages): the numbers are "
                "noisy and absolute rates low" if busy else "otherwise quiet while this ran (see the load averages)",
                "10025"))
    o.append("## How it is measured\n")
    o.append("""- Each workload runs in rounds; round *r* runs every client once, the first client rotating. Every client
  run is a process of its own, so heap caps, peak RSS and CPU belong to that client alone.
- Java clients (ixp, Angus Mail, Commons Net, raw) first run an **in-process warm-up** of the same shape, the same
  for every client: rounds of the measured size (a tenth of it in the defaults row; one whole retrieval for POP3
  and NNTP), repeated until %s s have passed (a 16 MiB message, once, before the 100 MiB one), so that no client is
  measured while its per-message code is still being compiled; the harness's own first-use work (the CPU clock's
  management beans, non-Latin-1 text) runs before the warm-up, and the JIT is let settle after it. Then the
  **measured phase**: connect, every message, QUIT. *wall* and *CPU s* are of the measured phase (CPU: the process's CPU time, all threads, user + system,
  incl. JIT and GC). smtp-source (C) has no warm-up: its wall and CPU are the whole process.
- *process CPU s*, *peak RSS* and *voluntary context switches* come from the kernel (`wait4` rusage) for the whole
  process (JVM start and warm-up included). Context switches per message (warm-up messages counted) show the
  thread hand-offs and blocking waits a client makes per message.
- *ixp ÷ client (speed)*: the client's median wall time divided by ixp's — above 1 means ixp is faster.
- MB = 10^6 bytes of message; msgs/s and MB/s from the median wall time.
""" % m.get("warmup_seconds", "?"))
    o.append("## Clients (SMTP; the POP3 and NNTP sections say how their clients were used)\n")
    o.append("""| client | how it sends | tuned rows | defaults row |
|---|---|---|---|
| **ixp** | one connected `SmtpTransport` per connection; its messages handed to `sendMessages(List<SmtpMessage>)` (one transaction and one future per message; with PIPELINING the next message's MAIL/RCPT/DATA leave with the previous end of data, RFC 2920 §3.1, so one round trip per message; no thread blocks). `-Dbench.ixp.api=single` (in `BENCH_JAVA_OPTS`) sends one `sendMessage` after the other instead. The message is a `ByteArrayInputStream` (10 KB) or a `FileInputStream` (100 MB). | nothing to tune (Netty, TCP_NODELAY is the engine's default) | the same |
| Angus Mail 2.0 | one `Transport` per connection, `connect()` once, `sendMessage(msg, rcpts)` per message (never the static `Transport.send`, which connects per message). The message is parsed once into a `MimeMessage` and the same object sent every time (unmodified, so it is written out as read: Angus's fastest path). 100 MB: `MimeMessage` over a `SharedFileInputStream`, streamed, never loaded. | `mail.smtp.socketFactory` = a `SocketFactory` whose sockets have TCP_NODELAY | host, port and `mail.smtp.from` only |
| Commons Net 3.12 | `SMTPClient`: `login` (HELO) once, then per message `setSender`, `addRecipient`, `sendMessageData()` writer, `completePendingCommand()`. It speaks characters: the 10 KB message is one `String` built once; 100 MB read through a `Reader` in 64 Ki-char blocks. | `setTcpNoDelay(true)` after connect | nothing set |
| raw socket (limit) | `java.net.Socket`, message bytes as they are (already CRLF, no leading dots); per message one write of body + `.` + the next MAIL/RCPT/DATA (RFC 2920: DATA ends a group, so one round trip per message), replies only counted by line end (first digit checked). | TCP_NODELAY | Nagle left on |
| Postfix smtp-source | `smtp-source -d -s N -m COUNT -l LEN` (`-d`: many messages per session); no pipelining; C. The payload is LEN bytes of its own after a few headers of its own. | its only settings | the same |
""")
    o.append("## SMTP: %s × %g KB over one connection\n" % ("{:,}".format(a.messages), kb))
    o.append(table(w["smtp-1"], order) + "\n")
    o.append("## SMTP: %s × %g KB over 8 connections\n" % ("{:,}".format(a.messages), kb))
    o.append(table(w["smtp-8"], order) + "\n")
    o.append("## SMTP: every library's default settings, one connection\n")
    o.append("%s × %g KB (fewer than the tuned rows: a client that stalls ~44 ms per message on Nagle against "
             "delayed ACK would take minutes per round; the rates compare directly). `BENCH_DEFAULTS_MESSAGES=%d` "
             "runs the full count.\n" % ("{:,}".format(a.defaults_messages), kb, a.messages))
    o.append(table(w["smtp-defaults"], order) + "\n")
    o.append("## SMTP: one %d MiB message, every JVM's heap capped at %s\n" % (a.big_mb, a.big_heap))
    o.append(table(w["smtp-100m"], order, show_rate=False) + "\n")

    if w["pop3"]:
        o.append("## POP3: RETR of every message in the maildrop\n")
        o.append("Dovecot on 127.0.0.1 (plaintext, USER/PASS for every client). `bench/run` seeds %s's INBOX with "
                 "the messages (`lab/seed-mail`, 10 KB each) for the run and expunges them afterwards; whatever else "
                 "the interop suite left there is retrieved too, so the count is per run. Clients: ixp "
                 "`commandSTAT` then `commandRETR(GET_ALL)` (pipelined RETRs, chunks to `onResponse`); Angus Mail "
                 "`Store`/INBOX read-only, `getMessages()`, `writeTo` per message (tuned: TCP_NODELAY socket "
                 "factory, `mail.pop3.disabletop`); Commons Net `POP3Client.retrieveMessage(i)` read to the end "
                 "(tuned: TCP_NODELAY); raw: RETR 1..n pipelined, 64 outstanding, bytes counted to each "
                 "CRLF.CRLF. MB/s counts the message bytes each client delivered.\n" % a.pop3_user)
        o.append(read_table(w["pop3"], ["ixp", "angus", "commons", "raw"], "messages") + "\n")
    if w["nntp"]:
        o.append("## NNTP: OVER of a whole group, parsed into fields\n")
        o.append("INN 2.7 `nnrpd` on 127.0.0.1, group `%s` (seeded to at least 10,000 articles with "
                 "`lab/seed-news`, as the interop suite does; never expired). Clients: ixp `commandGROUP` then "
                 "`over(range, perHeader, null)` (each entry an `NntpHeader`); Commons Net `selectNewsgroup` then "
                 "`iterateArticleInfo(first, last)` (XOVER parsed into `Article`s); both have every field read. "
                 "raw: GROUP, OVER first-last, lines and bytes counted to the final `.` (no parsing).\n"
                 % a.nntp_group)
        o.append(read_table(w["nntp"], ["ixp", "commons", "raw"], "entries", show_mb=False) + "\n")

    imap_lines, imap_rows = report_imap.sections(recs, m)
    o.extend(imap_lines)

    # targets
    def rate(wl, c):
        s = w[wl].get(c, {})
        return s.get("rate")

    def ratio(wl, c):
        i, x = rate(wl, "ixp"), rate(wl, c)
        return i / x if i and x else None

    rows = []

    def limit(wl, peer):
        r, x = rate(wl, "raw"), rate(wl, peer)
        return r / x if r and x else None

    def target(label, value, need, ok, lim=None):
        rows.append(report_imap.target_row(label, need, None if value is None else fmt(value) + "×",
                                           None if value is None else ok(value), lim, ok))

    target("SMTP 1 connection: ixp ÷ Angus (msgs/s)", ratio("smtp-1", "angus"), "≥ 3×", lambda v: v >= 3,
           limit("smtp-1", "angus"))
    target("SMTP 1 connection: ixp ÷ smtp-source", ratio("smtp-1", "smtp-source"), "≥ 1.5×", lambda v: v >= 1.5,
           limit("smtp-1", "smtp-source"))
    target("SMTP defaults: ixp ÷ Angus-with-defaults", ratio("smtp-defaults", "angus"), "≥ 100×",
           lambda v: v >= 100, limit("smtp-defaults", "angus"))
    target("SMTP 8 connections: ixp ÷ raw", ratio("smtp-8", "raw"), "≥ 0.7×", lambda v: v >= 0.7)
    big = w["smtp-100m"]
    if "wall" in big.get("ixp", {}) and "wall" in big.get("raw", {}):
        v = big["raw"]["wall"] / big["ixp"]["wall"]
        rows.append("| SMTP 100 MiB at %s heap: completes, raw time ÷ ixp time | ≥ 0.67× (within 1.5× of raw) "
                    "| %s× | – | %s |" % (a.big_heap, fmt(v), "met" if v >= 1 / 1.5 else "**not met**"))
    elif "ixp" in big:
        rows.append("| SMTP 100 MiB at %s heap: completes | completes | %s | – | %s |"
                    % (a.big_heap, "failed" if "wall" not in big["ixp"] else "ok",
                       "**not met**" if "wall" not in big["ixp"] else "met"))
    for wl, peer, label, need, ok in [
            ("pop3", "angus", "POP3 all messages: ixp ÷ Angus", "≥ 4×", lambda v: v >= 4),
            ("pop3", "raw", "POP3 all messages: raw time ÷ ixp time", "≥ 0.67× (within 1.5× of raw)",
             lambda v: v >= 1 / 1.5),
            ("nntp", "commons", "NNTP OVER parsed: ixp ÷ Commons Net", "≥ 2×", lambda v: v >= 2),
            ("nntp", "raw", "NNTP OVER parsed: raw time ÷ ixp time", "≥ 0.67× (within 1.5× of raw)",
             lambda v: v >= 1 / 1.5)]:
        if w[wl]:
            target(label, ratio(wl, peer), need, ok, limit(wl, peer) if peer != "raw" else None)
    rows.extend(imap_rows)
    o.append("## Targets (issue 8), from this run\n")
    o.append("*limit*: for a target relative to a peer, the raw client's speed ÷ that peer's in the same run — how far "
             "ahead of the peer moving the bytes at all can get on this machine. A target above its limit cannot be "
             "met by any client here; what ixp can do is come close to the limit.\n")
    o.append("| target | needed | measured | limit (raw ÷ peer) | |\n|---|---|---|---|---|")
    o.extend(rows)
    o.append("")

    if jmh:
        o.append("## Microbenchmarks (JMH)\n")
        o.append("One fork, 3 × 1 s warm-up, 5 × 1 s measured. The byte benchmarks process 1 MiB per operation, so "
                 "ops/s reads as MiB/s; `overviewParse` counts one operation per overview line. `copyLimit` is a "
                 "plain copy of the same bytes (the ceiling); `dotStuffBulkPrototype` is the suggested bulk-copy "
                 "dot-stuffer, bench code only.\n")
        o.append("| benchmark | what | score | ± (99.9%) | unit |\n|---|---|---|---|---|")
        what = {
            "replyDecode": "SMTP reply decoding (`SmtpReplyDecoder`, pipelined replies)",
            "dotStuff": "SMTP dot-stuffing (`DotStuffer.encode`)",
            "dotStuffingInput": "SMTP body chunks (`DotStuffingInput.readChunk`, pooled buffers)",
            "dotStuffBulkPrototype": "SMTP dot-stuffing, bulk-copy prototype",
            "copyLimit": "memcpy of the same MiB",
            "retrDestuff": "POP3 RETR de-stuffing (`Pop3Decoder`, 10 KB messages)",
            "overviewParse": "NNTP overview parsing (`OverviewParser`, INN format)",
            "fetchBodies": "IMAP FETCH parsing, 10 KB `BODY[]` literals streamed as chunks (`ImapDecoder`)",
            "fetchEnvelopes": "IMAP FETCH parsing, `UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE` (`ImapDecoder`)",
        }
        for b in jmh:
            name = b["benchmark"].rsplit(".", 1)[-1]
            pm = b["primaryMetric"]
            unit = "lines/s" if name == "overviewParse" else "MiB/s"
            o.append("| `%s` | %s | %s | %s | %s |" % (name, what.get(name, ""), fmt(pm["score"], 1),
                                                        fmt(pm["scoreError"], 1), unit))
        o.append("")
    if os.path.exists(a.notes):
        with open(a.notes) as f:
            o.append(f.read().rstrip() + "\n")
    with open(a.out, "w") as f:
        f.write("\n".join(o))


if __name__ == "__main__":
    main()
