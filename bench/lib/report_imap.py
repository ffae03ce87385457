"""The IMAP and scale sections of docs/BENCHMARKS.md (issue 8, workloads 4 and 6), for report.py: the tables of
imap-bodies, imap-headers, imap-large and imap-idle, and their rows of the targets table."""
import statistics

NAMES = {
    "ixp": "ixp",
    "ixp-64m": "ixp, heap capped at 64 MiB",
    "raw": "raw socket (limit)",
    "angus": "Angus Mail",
    "angus-profile": "Angus Mail, FetchProfile MESSAGE",
    "angus-default": "Angus Mail, defaults",
    "angus-manager": "Angus Mail, IdleManager",
    "commons-net": "Commons Net",
}


def _fmt(x, digits=2):
    if x is None:
        return "–"
    if abs(x) >= 100:
        return "{:,.0f}".format(x)
    return ("{:." + str(digits) + "f}").format(x)


def _runs(recs, workload):
    by = {}
    for r in recs:
        if r["workload"] == workload:
            by.setdefault(r["client"], []).append(r)
    return by


def _stats(recs, workload):
    """label -> medians over the successful rounds of one IMAP workload."""
    out = {}
    for label, rs in _runs(recs, workload).items():
        ok = [r for r in rs if r["rc"] == 0 and not r["timed_out"] and r.get("result")]
        s = {"runs": len(rs), "failed": len(rs) - len(ok)}
        if not ok:
            s["error"] = (rs[-1].get("error") or "")[-300:]
            s["oom"] = all("OutOfMemoryError" in (r.get("error") or "") for r in rs)
            out[label] = s
            continue
        res = [r["result"] for r in ok]
        walls = [x["wall_ns"] / 1e9 for x in res]
        med = lambda key, scale=1.0: statistics.median(x.get(key, 0) for x in res) * scale  # noqa: E731
        s.update({
            "wall": statistics.median(walls), "min": min(walls), "max": max(walls),
            "items": statistics.median(x["messages"] for x in res),
            "items_range": (min(x["messages"] for x in res), max(x["messages"] for x in res)),
            "rate": statistics.median(x["messages"] / (x["wall_ns"] / 1e9) for x in res),
            "mbps": statistics.median(x["bytes"] / (x["wall_ns"] / 1e9) / 1e6 for x in res),
            "bytes": statistics.median(x["bytes"] for x in res),
            "cpu": med("cpu_ns", 1e-9),
            "proc_cpu": statistics.median(r["utime_s"] + r["stime_s"] for r in ok),
            "rss": statistics.median(r["maxrss_kb"] for r in ok) / 1024,
            "heap": (statistics.median(x["heap_after_gc_kb"] for x in res if x.get("gcs", 1) > 0) / 1024
                     if any(x.get("gcs", 1) > 0 for x in res) else None),
            "threads": med("threads"), "peak_threads": med("peak_threads"),
            "rss_now": med("rss_kb", 1 / 1024),
            "threads_settled": med("threads_settled"), "rss_settled": med("rss_settled_kb", 1 / 1024),
            "settle_s": med("settle_s"), "sessions": med("sessions"), "idle_failed": med("failed"),
            "client_threads": med("client_threads"), "client_threads_settled": med("client_threads_settled"),
            "rss_above": statistics.median(((x.get("rss_settled_kb", 0) if x.get("settle_s") else x.get("rss_kb", 0))
                                            - x.get("rss_base_kb", 0)) / 1024 for x in res),
        })
        out[label] = s
    return out


def _ratio(stats, label):
    i, x = stats.get("ixp", {}), stats.get(label, {})
    return x["wall"] / i["wall"] if "wall" in i and "wall" in x else None


def _read_table(stats, order, show_mb):
    head = ("| client | median wall s | min–max s | messages | msgs/s | " + ("MB/s | " if show_mb else "")
            + "CPU s | process CPU s | peak RSS MiB | heap after fullest GC MiB | ixp ÷ client (speed) |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for c in order:
        s = stats.get(c)
        if s is None:
            continue
        name = NAMES.get(c, c)
        if "wall" not in s:
            why = "fails: OutOfMemoryError" if s.get("oom") else "failed"
            lines.append("| %s | %s (%d of %d runs) |%s" % (name, why, s["failed"], s["runs"], " |" * (head.count("|") - 3)))
            continue
        r = _ratio(stats, c)
        row = ["**%s**" % name if c == "ixp" else name, _fmt(s["wall"], 3) + (" (%d failed)" % s["failed"] if s["failed"] else ""),
               "%s–%s" % (_fmt(s["min"], 3), _fmt(s["max"], 3)), "{:,}".format(int(s["items"])), _fmt(s["rate"], 0)]
        if show_mb:
            row.append(_fmt(s["mbps"], 1))
        row += [_fmt(s["cpu"]), _fmt(s["proc_cpu"]), _fmt(s["rss"], 0),
                "no GC ran" if s["heap"] is None else _fmt(s["heap"], 1),
                _fmt(r) + "×" if r is not None else "–"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def _steady_rss(s):
    """RSS once the setup's transient threads are gone: settled if measured, else at all idle (+2 s, full GC)."""
    return s["rss_settled"] if s.get("settle_s") else s["rss_now"]


def _idle_table(stats, order):
    head = ("| client | sessions idle | median time until all idle s | min–max s | CPU s | heap after GC MiB "
            "| client threads: all idle → settled | process threads (peak) | RSS MiB: all idle → settled "
            "| steady RSS above the bare JVM MiB (KiB per session) | ixp ÷ client: RSS, RSS above the bare JVM |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    ixp = stats.get("ixp", {})
    for c in order:
        s = stats.get(c)
        if s is None:
            continue
        name = NAMES.get(c, c)
        if "wall" not in s:
            lines.append("| %s | failed (%d of %d runs) |%s" % (name, s["failed"], s["runs"], " |" * (head.count("|") - 3)))
            continue
        lo, hi = s["items_range"]
        idle = "{:,} of {:,}".format(int(s["items"]), int(s["sessions"])) + ("" if lo == hi else " (%d–%d)" % (lo, hi))
        threads = "%d → %d (%d s later)" % (s["client_threads"], s["client_threads_settled"], s["settle_s"]) \
            if s.get("settle_s") else "%d" % s["client_threads"]
        rss = "%s → %s" % (_fmt(s["rss_now"], 0), _fmt(s["rss_settled"], 0)) if s.get("settle_s") else _fmt(s["rss_now"], 0)
        ratio = "–"
        if "rss_now" in ixp and s.get("rss_now") and s.get("rss_above"):
            ratio = "%s, %s" % (_fmt(_steady_rss(ixp) / _steady_rss(s)), _fmt(ixp["rss_above"] / s["rss_above"]))
        lines.append("| " + " | ".join([
            "**%s**" % name if c == "ixp" else name, idle, _fmt(s["wall"], 1),
            "%s–%s" % (_fmt(s["min"], 1), _fmt(s["max"], 1)), _fmt(s["cpu"]), _fmt(s["heap"], 1), threads,
            "%d (%d)" % (s["threads"], s["peak_threads"]), rss,
            "%s (%s)" % (_fmt(s["rss_above"], 0), _fmt(s["rss_above"] * 1024 / max(1, s["items"]), 0)), ratio]) + " |")
    return "\n".join(lines)


def target_row(label, need, shown, ok, lim=None, check=None):
    """One row of the targets table: | target | needed | measured | limit | verdict |."""
    if shown is None:
        verdict = "–"
    elif ok:
        verdict = "met"
    elif lim is not None and check is not None and not check(lim):
        verdict = "**not met** — above the limit"
    else:
        verdict = "**not met**"
    return "| %s | %s | %s | %s | %s |" % (label, need, "–" if shown is None else shown,
                                           "–" if lim is None else _fmt(lim) + "×", verdict)


def sections(recs, m):
    """(markdown lines, target rows) for whatever IMAP workloads the run holds."""
    o, rows = [], []
    w = {name: _stats(recs, name) for name in ("imap-bodies", "imap-headers", "imap-large", "imap-idle")}
    if not any(w.values()):
        return o, rows
    user = m.get("imap_user", "frank")
    o.append("## IMAP: clients\n")
    o.append("""Dovecot 2.3 on 127.0.0.1:%s (plaintext), lab user `%s`, its folders `BenchBodies` (%s messages of ~10 KB by
`lab/seed-mail`; 10,000 × 10 KB are 104 MB on the wire), `BenchLarge` (one %s MiB message) and `BenchIdle` (empty).
Every client authenticates with PLAIN, opens the folder read-only (EXAMINE) and moves the same bytes; a run is
connect, log in, EXAMINE, the transfer, LOGOUT.

| client | how it fetches |
|---|---|
| **ixp** | one `ImapTransport` per run, `connect(authenticate)` (AUTHENTICATE PLAIN with SASL-IR; `compression(false)` — ixp would use COMPRESS=DEFLATE, which Dovecot offers and the peers do not), `examine`, then one `fetch(1:*, items)`: bodies reach `onResponse` as `FETCH_BODY` chunks (flow-controlled), the other items as `UPDATE_MSG` with a parsed `ImapEvent.Fetch`. |
| ixp, heap capped at 64 MiB | the same, in a JVM with `-Xmx64m` (bodies only): ixp's heap stays bounded however many messages it fetches. |
| Angus Mail 2.0 | one `IMAPStore`, `IMAPFolder` opened READ_ONLY, `mail.imap.peek`, TCP_NODELAY through `mail.imap.socketFactory`. Bodies: `writeTo` per message (one `FETCH n (BODY.PEEK[]<0.16384>)` round trip per 10 KB message: its fastest path here, see notes). Headers: one `Folder.fetch` with a `FetchProfile` of ENVELOPE, FLAGS, UID and SIZE (`FETCH 1:n (ENVELOPE INTERNALDATE RFC822.SIZE FLAGS UID)`). Large: `writeTo`, which streams through partial fetches of `mail.imap.fetchsize` (%s bytes here, the best of a sweep). |
| Angus Mail, FetchProfile MESSAGE | bodies through `IMAPFolder.FetchProfileItem.MESSAGE` (Angus's bulk prefetch of whole messages) in batches of 1,000, then `writeTo` from the cache; the cached messages stay on the heap while the folder is open. |
| Angus Mail, defaults | large message only: nothing set (16 KiB partial fetches, one round trip each; Nagle on). |
| Commons Net 3.12 | `AuthenticatingIMAPClient`: `connect`, `setTcpNoDelay(true)`, `authenticate(PLAIN)`, `examine`, one `fetch(1:*, items)`, `logout`. It returns raw reply lines (literals read line by line into `String`s); an `IMAPChunkListener` takes each FETCH response that carried a literal and drops its lines (its documented way to read a long reply); literal-free responses (headers) are read from `getReplyStrings()` after the tagged OK. Headers are parsed by a small tokenizer in the driver (UID, RFC822.SIZE, FLAGS, INTERNALDATE parsed to a date, and the envelope's date, subject, Message-ID, From and To). Each response is buffered whole, so a message larger than the heap fails with OutOfMemoryError. |
| raw socket (limit) | `java.net.Socket`, TCP_NODELAY; LOGIN, EXAMINE, FETCH and LOGOUT written at once, responses only framed (lines to LF, `{n}` literals skipped in bulk) until the tagged OK — no parsing. |

Headers clients read, per message, the UID, size, flags, internal date, and from the envelope the subject, Message-ID,
parsed Date, and the first From and To (name and address); *bytes* in that table is the sum of those fields'
lengths (numbers and dates count 1), the same for ixp, Angus and Commons Net. ixp and the raw client ask for the same five items
Angus's FetchProfile sends (`UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE`). Each client run warms up in-process with
at least %s pass(es) of the same fetch, repeated until the warm-up time of the other workloads has passed (the large
message: its first 64 MiB, twice), then is measured; *heap after fullest GC*
is the most heap occupied right after any collection during the measured run (from the GC notifications; live data
plus floating garbage; "no GC ran" when none did).
""" % (m.get("imap_port", "10143"), user, "{:,}".format(int(m.get("imap_messages", "10000"))),
       m.get("imap_big_mb", "200"), m.get("angus_fetchsize", "16777216"), m.get("imap_warmup", "3")))
    if w["imap-bodies"]:
        o.append("## IMAP: full bodies of every message in `BenchBodies`\n")
        o.append(_read_table(w["imap-bodies"], ["ixp", "raw", "angus", "angus-profile", "commons-net"], True) + "\n")
    if w["imap-headers"]:
        o.append("## IMAP: UID, FLAGS, RFC822.SIZE, INTERNALDATE, ENVELOPE of every message, parsed\n")
        o.append(_read_table(w["imap-headers"], ["ixp", "raw", "angus", "commons-net"], False) + "\n")
    if w["imap-large"]:
        o.append("## IMAP: one %s MiB message, every JVM's heap capped at %s\n"
                 % (m.get("imap_big_mb", "200"), m.get("imap_big_heap", "64m")))
        o.append("%s rounds (each run moves the whole message; fewer rounds keep the run short).\n"
                 % m.get("imap_large_rounds", "3"))
        o.append(_read_table(w["imap-large"], ["ixp", "raw", "angus", "angus-default", "commons-net"], True) + "\n")
    if w["imap-idle"]:
        o.append("## Scale: %s authenticated IMAP sessions in IDLE from one JVM\n"
                 % "{:,}".format(int(m.get("idle_sessions", "1000"))))
        o.append("""Every session logs in (PLAIN) as `%s`, EXAMINEs `BenchIdle` and idles with a listener for new mail; every JVM
runs with `-Xmx%s`. *Time until all idle*: from the first connect until every session has the server's `+` (ixp:
`isIdling()`; Angus: `IMAPFolder`'s private `idleState`, read by reflection — there is no accessor). Then, 2 s later
and after two `System.gc()`: heap used, threads — the client's (named `ixp-…`; for Angus the `angus-…` threads this
driver starts for it) and the process's (with its peak) — and RSS (VmRSS), also above the same JVM's RSS measured
before the first session. ixp's worker threads end 30 s after their last task (`ixp.workerKeepAliveSeconds`), so
ixp's threads are counted again once they have. %s rounds.
Dovecot here allows %s IMAP sessions per user and address (`mail_max_userip_connections`) and 1,024 `imap`
processes in all (shared with every other lab user): 1,000 is as many as it allows one user.

| client | how it idles |
|---|---|
| **ixp** | one `ImapTransport` per session on the shared engine (2 I/O threads, a worker pool), all connects started at once; `connect` → `examine` → `setIdleMode(true)`. |
| Angus Mail | thread per IDLE: each session's own thread connects an `IMAPStore` (one `Session` shared), opens the folder, adds a `MessageCountListener` and loops on `IMAPFolder.idle()`; `mail.event.scope=session` (one event thread, not one per folder). |
| Angus Mail, IdleManager | Angus's documented scalable way: `IdleManager` (`mail.imap.usesocketchannels=true`, a cached pool as executor and event executor); 32 pool threads connect the sessions (they end before the measurement); the listener re-watches the folder. |
""" % (user, m.get("idle_heap", "256m"), m.get("idle_rounds", "3"),
       "{:,}".format(int(m["idle_userip_limit"])) if m.get("idle_userip_limit", "").isdigit() else "?"))
        o.append(_idle_table(w["imap-idle"], ["ixp", "angus", "angus-manager"]) + "\n")

    def target(label, need, value, ok, shown=None, lim=None, check=None):
        rows.append(target_row(label, need, None if value is None else (shown or _fmt(value) + "×"),
                               None if value is None else ok, lim, check))

    def limit(stats, peer_wall):
        return peer_wall / stats["raw"]["wall"] if peer_wall and "wall" in stats.get("raw", {}) else None

    b = w["imap-bodies"]
    if b:
        best = min((b[c]["wall"] for c in ("angus", "angus-profile") if "wall" in b.get(c, {})), default=None)
        v = best / b["ixp"]["wall"] if best and "wall" in b.get("ixp", {}) else None
        target("IMAP 10,000 bodies: ixp ÷ Angus's best path", "≥ 2.5×", v, v is not None and v >= 2.5,
               lim=limit(b, best), check=lambda x: x >= 2.5)
        v = _ratio(b, "raw")
        target("IMAP 10,000 bodies: raw time ÷ ixp time", "≥ 0.8× (within 1.25× of raw)", v, v is not None and v >= 0.8)
        c = b.get("ixp-64m")
        if c is not None:
            done = "wall" in c and not c["failed"]
            shown = ("every round; %s× ixp's time" % _fmt(c["wall"] / b["ixp"]["wall"])) if done and "wall" in b.get(
                "ixp", {}) else "%d of %d rounds failed" % (c["failed"], c["runs"])
            rows.append("| IMAP 10,000 bodies: heap bounded — ixp at -Xmx64m completes | completes | %s | – | %s |"
                        % (shown, "met" if done else "**not met**"))
    h = w["imap-headers"]
    if h:
        v = _ratio(h, "angus")
        target("IMAP 10,000 headers parsed: ixp ÷ Angus", "≥ 2×", v, v is not None and v >= 2,
               lim=limit(h, h.get("angus", {}).get("wall")), check=lambda x: x >= 2)
        v = _ratio(h, "raw")
        target("IMAP 10,000 headers parsed: raw time ÷ ixp time", "≥ 0.625× (within 1.6× of raw)", v,
               v is not None and v >= 0.625)
    lg = w["imap-large"]
    if lg:
        done = "wall" in lg.get("ixp", {})
        rows.append("| IMAP %s MiB at %s heap: ixp completes | completes | %s | – | %s |"
                    % (m.get("imap_big_mb", "200"), m.get("imap_big_heap", "64m"),
                       "yes" if done else "no", "met" if done else "**not met**"))
        v = _ratio(lg, "angus")
        target("IMAP %s MiB: ixp ÷ Angus's best setting (fetchsize %s)" % (m.get("imap_big_mb", "200"),
               m.get("angus_fetchsize", "?")), "≥ 2×", v, v is not None and v >= 2,
               lim=limit(lg, lg.get("angus", {}).get("wall")), check=lambda x: x >= 2)
        v = _ratio(lg, "angus-default")
        if v is not None:
            rows.append("| IMAP %s MiB: ixp ÷ Angus with defaults (for reference) | – | %s× | – | |"
                        % (m.get("imap_big_mb", "200"), _fmt(v)))
    i = w["imap-idle"]
    if i and "wall" in i.get("ixp", {}):
        x = i["ixp"]
        n = "{:,}".format(int(m.get("idle_sessions", "1000")))
        target("%s IDLE sessions: ixp threads when all are idle (process: %d)" % (n, x["threads"]), "< 16",
               x["client_threads"], x["client_threads"] < 16, shown="%d" % x["client_threads"])
        if x.get("settle_s"):
            t = x["client_threads_settled"]
            target("%s IDLE sessions: ixp threads %d s later (process: %d)" % (n, x["settle_s"], x["threads_settled"]),
                   "< 16", t, t < 16, shown="%d" % t)
        if "rss_now" in i.get("angus", {}):
            v = _steady_rss(x) / _steady_rss(i["angus"])
            target("%s IDLE sessions: ixp RSS ÷ Angus (thread per IDLE) RSS, steady state" % n, "≤ 0.33", v,
                   v <= 0.33, shown=_fmt(v))
            if i["angus"].get("rss_above"):
                v = x["rss_above"] / i["angus"]["rss_above"]
                rows.append("| %s IDLE sessions: the same, RSS above the bare JVM (for reference) | – | %s | – | |"
                            % (n, _fmt(v)))
    return o, rows
