#!/usr/bin/env python3
"""seed_mail.py MAILDIR COUNT SIZE USER UID GID

Writes COUNT RFC 5322 messages of about SIZE bytes into the Maildir folder MAILDIR using the
Maildir delivery protocol (tmp/ then rename into cur/). Deterministic content: message i has
  Subject: lab seed <i> of <COUNT>
  X-Lab-Seq: <i>
and a body that depends only on (i, SIZE). Only Message-ID / X-Lab-Run (a per-run id) and the
dates differ between runs. Dates and INTERNALDATEs (file mtimes) are one second apart, oldest
first, and the file names sort the same way, so Dovecot hands out UIDs in X-Lab-Seq order.
Prints the run id.
"""
import email.utils
import os
import random
import sys
import time

maildir, count, size, user, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
run = "%x" % time.time_ns()
tmpdir, curdir = os.path.join(maildir, "tmp"), os.path.join(maildir, "cur")

# A fixed vocabulary and text, so bodies are reproducible; each message reads its own window.
rng = random.Random(1103)
vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 10))) for _ in range(700)]
lines, cur = [], ""
while len(lines) < 5000:
    w = rng.choice(vocab)
    if len(cur) + len(w) + 1 > 70:
        lines.append(cur)
        cur = w
    else:
        cur = f"{cur} {w}" if cur else w
text_lines = len(lines)

start = int(time.time()) - count
for i in range(1, count + 1):
    when = start + i
    head = (
        f"Return-Path: <seed@ixp-lab.test>\n"
        f"Message-ID: <seed.{run}.{i}@ixp-lab.test>\n"
        f"Date: {email.utils.formatdate(when, usegmt=True)}\n"
        f"From: Lab Seeder <seed@ixp-lab.test>\n"
        f"To: {user}@localhost\n"
        f"Subject: lab seed {i} of {count}\n"
        f"MIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=us-ascii\n"
        f"Content-Transfer-Encoding: 7bit\n"
        f"X-Lab-Seq: {i}\n"
        f"X-Lab-Run: {run}\n"
        f"\n"
        f"Seeded message {i} of {count}.\n"
    )
    body, k, have = [], (i * 7919) % text_lines, len(head)
    while have < size:
        line = lines[k % text_lines]
        body.append(line)
        have += len(line) + 1
        k += 1
    data = (head + "".join(l + "\n" for l in body)).encode("ascii")
    crlf_size = len(data) + data.count(b"\n")
    base = f"{when}.M{i:06d}P{os.getpid()}.ixp-lab"
    tmp = os.path.join(tmpdir, base)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fchown(fd, uid, gid)
    finally:
        os.close(fd)
    os.utime(tmp, (when, when))
    os.rename(tmp, os.path.join(curdir, f"{base},S={len(data)},W={crlf_size}:2,"))
print(run)
