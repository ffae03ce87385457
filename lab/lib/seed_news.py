#!/usr/bin/env python3
"""seed_news.py HOST PORT GROUP COUNT SIZE

Streams COUNT articles of about SIZE bytes for GROUP to innd (MODE STREAM, pipelined TAKETHIS,
RFC 4644). Article i has "Subject: lab seed <i> of <COUNT>" and "X-Lab-Seq: <i>"; the body
depends only on (i, SIZE); Message-IDs carry a per-run id (innd refuses duplicates).
Prints "<accepted> <rejected> <run id>"; the first rejection, if any, goes to stderr.
"""
import email.utils
import random
import socket
import sys
import threading
import time

host, port, group, count, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
run = "%x" % time.time_ns()
rng = random.Random(2207)
vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 10))) for _ in range(700)]
lines, cur = [], ""
while len(lines) < 5000:
    w = rng.choice(vocab)
    if len(cur) + len(w) + 1 > 70:
        lines.append(cur)
        cur = w
    else:
        cur = f"{cur} {w}" if cur else w

conn = socket.create_connection((host, port), timeout=300)
conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
replies = conn.makefile("rb")


def expect(code):
    line = replies.readline().decode("ascii", "replace").strip()
    if not line.startswith(code):
        sys.exit(f"seed_news: wanted {code}, innd said: {line!r}")


expect("200")
conn.sendall(b"MODE STREAM\r\n")
expect("203")

tally = {"ok": 0, "bad": 0, "first": None}


def collect():
    for _ in range(count):
        line = replies.readline().decode("ascii", "replace").strip()
        if line.startswith("239"):
            tally["ok"] += 1
        else:
            tally["bad"] += 1
            tally["first"] = tally["first"] or line


reader = threading.Thread(target=collect, daemon=True)
reader.start()
start = int(time.time()) - count
pending, pending_len = [], 0
for i in range(1, count + 1):
    mid = f"<news.{run}.{i}@ixp-lab.test>"
    head = (f"Path: ixp-lab-seed!not-for-mail\r\n"
            f"From: Lab Seeder <seed@ixp-lab.test>\r\n"
            f"Newsgroups: {group}\r\n"
            f"Subject: lab seed {i} of {count}\r\n"
            f"Date: {email.utils.formatdate(start + i, usegmt=True)}\r\n"
            f"Message-ID: {mid}\r\n"
            f"X-Lab-Seq: {i}\r\n"
            f"X-Lab-Run: {run}\r\n")
    body, k, have = [f"Seeded article {i} of {count}."], (i * 7919) % len(lines), len(head) + 40
    while have < size:
        body.append(lines[k % len(lines)])
        have += len(body[-1]) + 2
        k += 1
    # body lines hold only letters and spaces: nothing to dot-stuff
    article = head + f"Lines: {len(body)}\r\n\r\n" + "".join(l + "\r\n" for l in body)
    chunk = f"TAKETHIS {mid}\r\n{article}.\r\n".encode("ascii")
    pending.append(chunk)
    pending_len += len(chunk)
    if pending_len >= 128 * 1024:
        conn.sendall(b"".join(pending))
        pending, pending_len = [], 0
if pending:
    conn.sendall(b"".join(pending))
reader.join(timeout=600)
try:
    conn.sendall(b"QUIT\r\n")
finally:
    conn.close()
if tally["first"]:
    print(f"seed_news: first rejection: {tally['first']}", file=sys.stderr)
print(tally["ok"], tally["bad"], run)
