#!/usr/bin/env python3
"""Runs one client process and appends one JSON line to the results file.

usage: measure.py RESULTS WORKLOAD ROUND CLIENT TIMEOUT_S -- COMMAND...

The line holds what the kernel says about the whole process (wall time from fork to exit, user and system CPU,
peak RSS, voluntary/involuntary context switches, all from wait4's rusage, so exited threads are counted) and, for
the JVM clients, their own RESULT line: wall and CPU time of the measured phase only, after the warm-up.
"""
import json
import os
import signal
import subprocess
import sys
import time


def main():
    results, workload, rnd, client, timeout = sys.argv[1:6]
    assert sys.argv[6] == "--"
    cmd = sys.argv[7:]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = t0 + float(timeout)
    timed_out = False
    out = b""
    err = b""
    # read output as it comes (a chatty client must not block on a full pipe), wait with rusage at the end
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    sel.register(proc.stderr, selectors.EVENT_READ)
    open_streams = 2
    while open_streams:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            break
        for key, _ in sel.select(timeout=min(left, 1.0)):
            chunk = os.read(key.fileobj.fileno(), 65536)
            if not chunk:
                sel.unregister(key.fileobj)
                open_streams -= 1
            elif key.fileobj is proc.stdout:
                out += chunk
            else:
                err += chunk[-65536:]
                err = err[-65536:]
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    rec = {
        "workload": workload, "round": int(rnd), "client": client, "rc": rc, "timed_out": timed_out,
        "ext_wall_s": wall, "utime_s": ru.ru_utime, "stime_s": ru.ru_stime, "maxrss_kb": ru.ru_maxrss,
        "nvcsw": ru.ru_nvcsw, "nivcsw": ru.ru_nivcsw,
    }
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith("RESULT "):
            rec["result"] = json.loads(line[len("RESULT "):])
    if rc != 0 or timed_out:
        rec["error"] = err.decode("utf-8", "replace")[-2000:]
    with open(results, "a") as f:
        f.write(json.dumps(rec) + "\n")
    shown = rec.get("result", {}).get("wall_ns")
    shown = shown / 1e9 if shown else wall
    status_text = "ok" if rc == 0 and not timed_out else ("TIMEOUT" if timed_out else "FAILED rc=%d" % rc)
    print("  %-14s round %s  %-18s %7.3f s  %s" % (workload, rnd, client, shown, status_text), flush=True)
    if status_text != "ok":
        print("    " + rec["error"].strip().replace("\n", "\n    ")[-1500:], flush=True)


if __name__ == "__main__":
    main()
