#!/usr/bin/env python3
"""portcheck.py PORT...: tries to bind 127.0.0.1:PORT (with SO_REUSEADDR, as the servers do)
for each port. Prints one line per port that cannot be bound: "PORT <who holds it>".
Exit status: number of taken ports."""
import glob, os, socket, sys


def holders(port):
    """PIDs/commands whose sockets listen on the port (any local address)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    p = line.split()
                    if p[3] == "0A" and int(p[1].rsplit(":", 1)[1], 16) == port:
                        inodes.add(p[9])
        except OSError:
            pass
    found = []
    for fd in glob.glob("/proc/[0-9]*/fd/*"):
        try:
            link = os.readlink(fd)
        except OSError:
            continue
        if link.startswith("socket:[") and link[8:-1] in inodes:
            pid = fd.split("/")[2]
            try:
                comm = open(f"/proc/{pid}/comm").read().strip()
            except OSError:
                comm = "?"
            entry = f"pid {pid} ({comm})"
            if entry not in found:
                found.append(entry)
    return ", ".join(found) or "unknown process"


taken = 0
for arg in sys.argv[1:]:
    port = int(arg)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        s.listen(1)
    except OSError as e:
        taken += 1
        print(f"{port} {holders(port)} [{e.strerror}]")
    finally:
        s.close()
sys.exit(taken)
