#!/usr/bin/env python3
"""probe.py CHECK [ARGS...] - one protocol check of lab/check, done with Python's own clients
(ssl, imaplib, poplib, smtplib) and a few lines of raw socket talk for LMTP and NNTP.

Reads the lab.env variables from the environment. Prints one line of detail; exit status 0
means the check passed. `probe.py count imap USER MAILBOX` / `count nntp GROUP` print a number.
"""
import base64
import hashlib
import hmac
import imaplib
import os
import poplib
import re
import smtplib
import socket
import ssl
import sys
import time

ENV = os.environ
HOST = ENV["LAB_HOST"]
USERS = {ENV["LAB_USER1"]: ENV["LAB_PASS1"], ENV["LAB_USER2"]: ENV["LAB_PASS2"]}
ALICE, BOB = ENV["LAB_USER1"], ENV["LAB_USER2"]
TIMEOUT = 15


def port(name):
    return int(ENV[name])


def tls_context():
    ctx = ssl.create_default_context(cafile=ENV["LAB_CA_CERT"])
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def b64(data):
    return base64.b64encode(data).decode("ascii")


# --------------------------------------------------------------------------- SASL helpers
class Scram:
    """RFC 5802 / 7677 client side, without channel binding. step(None) gives the
    client-first message; step(server-first) the client-final; step(server-final) checks the
    server's signature and returns b''."""

    def __init__(self, user, password, hash_name):
        self.user, self.password, self.hash = user, password, hash_name
        self.state, self.server_ok = "first", False

    def step(self, challenge):
        if self.state == "first":
            self.cnonce = b64(os.urandom(24))
            self.client_first_bare = f"n={self.user},r={self.cnonce}"
            self.state = "final"
            return ("n,," + self.client_first_bare).encode()
        if self.state == "final":
            server_first = challenge.decode()
            attrs = dict(item.split("=", 1) for item in server_first.split(","))
            if not attrs["r"].startswith(self.cnonce):
                raise AssertionError("SCRAM: server nonce does not extend ours")
            salted = hashlib.pbkdf2_hmac(self.hash, self.password.encode(), base64.b64decode(attrs["s"]), int(attrs["i"]))
            client_key = hmac.new(salted, b"Client Key", self.hash).digest()
            stored_key = hashlib.new(self.hash, client_key).digest()
            without_proof = f"c=biws,r={attrs['r']}"
            auth_message = f"{self.client_first_bare},{server_first},{without_proof}".encode()
            signature = hmac.new(stored_key, auth_message, self.hash).digest()
            proof = bytes(a ^ b for a, b in zip(client_key, signature))
            server_key = hmac.new(salted, b"Server Key", self.hash).digest()
            self.expected = "v=" + b64(hmac.new(server_key, auth_message, self.hash).digest())
            self.state = "verify"
            return f"{without_proof},p={b64(proof)}".encode()
        if challenge.decode() != self.expected:
            raise AssertionError("SCRAM: wrong server signature")
        self.server_ok = True
        self.state = "done"
        return b""


def cram_md5(user, password, challenge):
    return f"{user} {hmac.new(password.encode(), challenge, hashlib.md5).hexdigest()}".encode()


MECHS = ("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256")


def sasl_client(mech, user, password):
    """A callable challenge(bytes|None) -> response bytes for the mechanism, plus a
    function telling whether the server was verified (SCRAM) or not applicable (True)."""
    if mech.startswith("SCRAM-"):
        s = Scram(user, password, "sha1" if mech == "SCRAM-SHA-1" else "sha256")
        return s.step, (lambda: s.server_ok)
    if mech == "PLAIN":
        return (lambda c: f"\0{user}\0{password}".encode()), (lambda: True)
    if mech == "CRAM-MD5":
        return (lambda c: cram_md5(user, password, c)), (lambda: True)
    if mech == "LOGIN":
        answers = iter([user.encode(), password.encode()])
        return (lambda c: next(answers)), (lambda: True)
    raise ValueError(mech)


# --------------------------------------------------------------------------- line protocols
class Lines:
    """Minimal CRLF line client for NNTP, LMTP and the odd raw POP3/SMTP exchange."""

    def __init__(self, port_no, implicit_tls=False):
        sock = socket.create_connection((HOST, port_no), timeout=TIMEOUT)
        if implicit_tls:
            sock = tls_context().wrap_socket(sock, server_hostname="localhost")
        self.sock, self.buf = sock, b""

    def starttls(self):
        self.sock = tls_context().wrap_socket(self.sock, server_hostname="localhost")
        return self.sock.version()

    def line(self):
        while b"\r\n" not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("connection closed by server")
            self.buf += data
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode("utf-8", "replace")

    def send(self, text):
        self.sock.sendall(text.encode() + b"\r\n")

    def cmd(self, text):
        self.send(text)
        return self.line()

    def smtp_reply(self):
        """A whole (multi-line) SMTP/LMTP reply: (code, [lines])."""
        lines = [self.line()]
        while len(lines[-1]) > 3 and lines[-1][3] == "-":
            lines.append(self.line())
        return int(lines[-1][:3]), lines

    def dot_block(self):
        out = []
        while True:
            line = self.line()
            if line == ".":
                return out
            out.append(line[1:] if line.startswith("..") else line)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


# --------------------------------------------------------------------------- checks
def c_ports():
    wanted = {k: port(k) for k in ENV if k.startswith("LAB_") and k.endswith("_PORT")}
    listen_local, listen_wide = set(), []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            next(f)
            for row in f:
                cols = row.split()
                if cols[3] != "0A":
                    continue
                addr, p = cols[1].rsplit(":", 1)
                p = int(p, 16)
                if p not in wanted.values():
                    continue
                if addr == "0100007F":
                    listen_local.add(p)
                else:
                    listen_wide.append(f"{addr}:{p}")
    missing = sorted(set(wanted.values()) - listen_local)
    assert not missing, f"not listening on 127.0.0.1: {missing}"
    assert not listen_wide, f"also listening beyond 127.0.0.1: {listen_wide}"
    return f"all {len(wanted)} ports listen on 127.0.0.1 only: {' '.join(str(p) for p in sorted(listen_local))}"


def starttls_over(kind, port_no):
    """Open port_no, negotiate STARTTLS the way `kind` does it; returns TLS version and the
    peer certificate's subject CN."""
    c = Lines(port_no)
    greeting = c.line()
    if kind == "imap":
        assert greeting.startswith("* OK"), greeting
        r = c.cmd("t1 STARTTLS")
        while not r.startswith("t1 "):
            r = c.line()
        assert r.startswith("t1 OK"), r
    elif kind == "pop3":
        assert greeting.startswith("+OK"), greeting
        r = c.cmd("STLS")
        assert r.startswith("+OK"), r
    elif kind == "smtp":
        assert greeting.startswith("220"), greeting
        c.send("EHLO lab-check")
        code, lines = c.smtp_reply()
        assert any("STARTTLS" in l for l in lines), lines
        r = c.cmd("STARTTLS")
        assert r.startswith("220"), r
    elif kind == "nntp":
        assert greeting[:3] in ("200", "201"), greeting
        r = c.cmd("STARTTLS")
        assert r.startswith("382"), r
    version = c.starttls()
    c.send("t2 LOGOUT" if kind == "imap" else "QUIT")
    c.close()
    return version


def implicit_tls(port_no, expect, server_hostname="localhost"):
    sock = socket.create_connection((HOST, port_no), timeout=TIMEOUT)
    s = tls_context().wrap_socket(sock, server_hostname=server_hostname)
    greeting = s.recv(4096).decode("utf-8", "replace")
    assert re.match(expect, greeting), f"greeting {greeting!r}"
    version = s.version()
    s.close()
    return version


def c_tls():
    done = []
    for name, key, greet in (("imaps", "LAB_IMAPS_PORT", r"\* OK"), ("pop3s", "LAB_POP3S_PORT", r"\+OK"),
                             ("smtps", "LAB_SMTPS_PORT", "220 "), ("nntps", "LAB_NNTPS_PORT", "20[01] ")):
        done.append(f"{name}={implicit_tls(port(key), greet)}")
    # the SAN holds 127.0.0.1 too
    by_ip = implicit_tls(port("LAB_IMAPS_PORT"), r"\* OK", "127.0.0.1")
    done.append(f"imaps@127.0.0.1={by_ip}")
    for kind, key in (("imap", "LAB_IMAP_PORT"), ("pop3", "LAB_POP3_PORT"), ("smtp", "LAB_SMTP_SUBMISSION_PORT"),
                      ("smtp", "LAB_SMTP_MX_PORT"), ("nntp", "LAB_NNTP_PORT")):
        done.append(f"{kind}:{port(key)} STARTTLS={starttls_over(kind, port(key))}")
    # old protocol versions are refused
    ctx = tls_context()
    ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    try:
        sock = socket.create_connection((HOST, port("LAB_IMAPS_PORT")), timeout=TIMEOUT)
        ctx.wrap_socket(sock, server_hostname="localhost").close()
        old = "TLSv1.1 accepted?!"
    except (ssl.SSLError, OSError):
        old = "TLSv1.1 refused"
    return "cert verified (CA + hostname) on " + ", ".join(done) + f"; {old}"


def imap_login(mech, user, password, tls=True):
    m = imaplib.IMAP4_SSL("localhost", port("LAB_IMAPS_PORT"), ssl_context=tls_context(), timeout=TIMEOUT) if tls \
        else imaplib.IMAP4(HOST, port("LAB_IMAP_PORT"), timeout=TIMEOUT)
    if mech == "LOGIN-command":
        m.login(user, password)
        return m, True
    respond, verified = sasl_client(mech, user, password)
    first = [True]

    def auth(challenge):
        if mech in ("PLAIN",) or (mech.startswith("SCRAM") and first[0]):
            first[0] = False
            return respond(None)
        return respond(challenge)

    m.authenticate(mech, auth)
    return m, verified()


def c_imap():
    # auth mechanisms, over IMAPS and in clear text on 10143 (allowed on purpose)
    done = []
    for tls in (True, False):
        for mech in ("LOGIN-command",) + MECHS:
            m, ok = imap_login(mech, BOB, USERS[BOB], tls)
            assert m.state == "AUTH" and ok, (mech, m.state, ok)
            m.logout()
        done.append("IMAPS" if tls else "IMAP w/o TLS")
    # capabilities, folders, IDLE over STARTTLS
    m = imaplib.IMAP4(HOST, port("LAB_IMAP_PORT"), timeout=TIMEOUT)
    m.starttls(ssl_context=tls_context())
    m.login(ALICE, USERS[ALICE])
    typ, data = m.capability()          # post-login list (imaplib keeps the pre-login one)
    caps = set(data[0].decode().upper().split())
    need = {"IDLE", "UIDPLUS", "MOVE", "CONDSTORE", "QRESYNC", "SPECIAL-USE", "COMPRESS=DEFLATE", "LITERAL+", "NAMESPACE"}
    assert need <= caps, f"missing capabilities: {need - caps}"
    typ, boxes = m.list()
    listing = b" ".join(boxes).decode()
    for use in ("\\Drafts", "\\Sent", "\\Trash", "\\Junk"):
        assert use in listing, f"no {use} folder: {listing}"
    assert '"/"' in listing, f"separator is not '/': {listing}"
    typ, data = m.select("INBOX")
    tag = m._new_tag().decode()
    m.send(f"{tag} IDLE\r\n".encode())
    assert m.readline().startswith(b"+"), "IDLE not continued"
    m.send(b"DONE\r\n")
    while True:
        line = m.readline()
        if line.startswith(tag.encode()):
            assert b" OK" in line, line
            break
    m.logout()
    # a wrong password fails fast and does not slow the next login
    t0 = time.time()
    m = imaplib.IMAP4(HOST, port("LAB_IMAP_PORT"), timeout=TIMEOUT)
    try:
        m.login(ALICE, "not-the-password")
        raise AssertionError("wrong password accepted")
    except imaplib.IMAP4.error:
        pass
    bad = time.time() - t0
    t0 = time.time()
    m = imaplib.IMAP4(HOST, port("LAB_IMAP_PORT"), timeout=TIMEOUT)
    m.login(ALICE, USERS[ALICE])
    m.logout()
    good = time.time() - t0
    assert bad < 2 and good < 2, f"slow: wrong password {bad:.2f}s, next login {good:.2f}s"
    return (f"LOGIN + AUTH {' '.join(MECHS)} on {' and '.join(done)}; STARTTLS, caps, SPECIAL-USE folders, IDLE ok; "
            f"wrong password refused in {bad:.2f}s, next login {good:.2f}s")


def pop3_auth(p, mech, user, password):
    """AUTH over poplib's connection, with an initial response (RFC 5034)."""
    respond, verified = sasl_client(mech, user, password)
    first = respond(None) if mech in ("PLAIN",) or mech.startswith("SCRAM") else None
    p._putcmd(f"AUTH {mech}" + (f" {b64(first)}" if first is not None else ""))
    while True:
        line = p._getline()[0]
        if line.startswith(b"+OK"):
            return verified()
        if line.startswith(b"-ERR"):
            raise AssertionError(f"AUTH {mech}: {line!r}")
        assert line.startswith(b"+ ") or line == b"+", line
        challenge = base64.b64decode(line[2:]) if len(line) > 2 else b""
        p._putcmd(b64(respond(challenge)))


def c_pop3():
    p = poplib.POP3(HOST, port("LAB_POP3_PORT"), timeout=TIMEOUT)
    apop_stamp = re.search(rb"<[^>]+>", p.getwelcome())
    caps = p.capa()
    assert "STLS" in caps and "UIDL" in caps and "TOP" in caps, caps
    assert set(caps.get("SASL", [])) == set(MECHS), caps.get("SASL")
    p.stls(tls_context())
    p.user(ALICE)
    p.pass_(USERS[ALICE])
    count, size = p.stat()
    uidl_ok = "n/a"
    if count:
        uid = p.uidl(1).split()[-1].decode()
        assert re.fullmatch(r"[0-9a-f]{16}", uid), f"UIDL {uid} is not %08Xu%08Xv (16 hex digits)"
        p.top(1, 0)
        uidl_ok = uid
    p.quit()
    done = []
    for mech in MECHS:
        q = poplib.POP3_SSL("localhost", port("LAB_POP3S_PORT"), context=tls_context(), timeout=TIMEOUT)
        assert pop3_auth(q, mech, BOB, USERS[BOB]), f"{mech}: server not verified"
        q.stat()
        q.quit()
        done.append(mech)
    # APOP (RFC 1939): the greeting carries the timestamp when Dovecot has the mechanism on.
    assert apop_stamp, "no APOP timestamp in the POP3 greeting"
    a = poplib.POP3(HOST, port("LAB_POP3_PORT"), timeout=TIMEOUT)
    a.apop(ALICE, USERS[ALICE])
    a.stat()
    a.quit()
    b = poplib.POP3(HOST, port("LAB_POP3_PORT"), timeout=TIMEOUT)
    try:
        b.apop(ALICE, "wrong")
        raise AssertionError("APOP with a wrong password accepted")
    except poplib.error_proto:
        pass
    b.quit()
    return (f"STLS+USER/PASS STAT={count} msgs/{size} B, UIDL {uidl_ok}, TOP; POP3S AUTH {' '.join(done)}; "
            f"APOP ok, wrong APOP refused")


class SmtpScram:
    def __init__(self, mech, user, password):
        self.respond, self.verified = sasl_client(mech, user, password)

    def __call__(self, challenge=None):
        return self.respond(challenge).decode()


def c_smtp_auth():
    out = []
    for key, implicit in (("LAB_SMTP_SUBMISSION_PORT", False), ("LAB_SMTPS_PORT", True)):
        for mech in MECHS:
            if implicit:
                s = smtplib.SMTP_SSL("localhost", port(key), local_hostname="lab-check", context=tls_context(), timeout=TIMEOUT)
            else:
                s = smtplib.SMTP(HOST, port(key), local_hostname="lab-check", timeout=TIMEOUT)
                s.ehlo()
                offered = s.esmtp_features.get("auth", "").upper().split()
                assert set(offered) == set(MECHS), f"AUTH offered before TLS: {offered}"
                s.starttls(context=tls_context())
            s.ehlo()
            offered = s.esmtp_features.get("auth", "").upper().split()
            assert set(offered) == set(MECHS), f"AUTH offered: {offered}"
            if mech == "LOGIN":
                s.user, s.password = ALICE, USERS[ALICE]
                code, _ = s.auth("LOGIN", s.auth_login, initial_response_ok=False)
            elif mech == "CRAM-MD5":
                s.user, s.password = ALICE, USERS[ALICE]
                code, _ = s.auth("CRAM-MD5", s.auth_cram_md5, initial_response_ok=False)
            else:
                a = SmtpScram(mech, ALICE, USERS[ALICE])
                code, _ = s.auth(mech, a, initial_response_ok=True)
                assert a.verified(), f"{mech}: server not verified"
            assert code == 235, (mech, code)
            s.quit()
        out.append(f"{port(key)}")
    return f"EHLO offers AUTH {' '.join(MECHS)} (before and after TLS); all five succeed on {' and '.join(out)}"


def c_smtp_policy():
    s = smtplib.SMTP(HOST, port("LAB_SMTP_SUBMISSION_PORT"), local_hostname="lab-check", timeout=TIMEOUT)
    s.ehlo()
    s.mail("someone@example.com")
    unauth, _ = s.rcpt(ENV["LAB_EMAIL1"])
    s.quit()
    assert unauth >= 500, f"submission accepted RCPT without AUTH: {unauth}"
    m = smtplib.SMTP(HOST, port("LAB_SMTP_MX_PORT"), local_hostname="lab-check", timeout=TIMEOUT)
    m.ehlo()
    assert not m.has_extn("auth"), "MX port offers AUTH"
    assert m.has_extn("starttls"), "MX port lacks STARTTLS"
    m.mail("someone@example.com")
    unknown, _ = m.rcpt("nobody-here@localhost")
    relay, _ = m.rcpt("someone@example.org")
    local, _ = m.rcpt(ENV["LAB_EMAIL2"])
    m.quit()
    assert unknown == 550 and relay >= 550 and local == 250, (unknown, relay, local)
    # a wrong SMTP password is refused
    s = smtplib.SMTP_SSL("localhost", port("LAB_SMTPS_PORT"), local_hostname="lab-check", context=tls_context(), timeout=TIMEOUT)
    s.ehlo()
    s.user, s.password = ALICE, "wrong"
    t0 = time.time()
    try:
        s.auth("PLAIN", s.auth_plain)
        raise AssertionError("wrong SMTP password accepted")
    except smtplib.SMTPAuthenticationError as e:
        wrong = f"{e.smtp_code} in {time.time() - t0:.2f}s"
    s.quit()
    return (f"submission w/o AUTH: RCPT {unauth}; bad password {wrong}; "
            f"MX: no AUTH, STARTTLS, unknown user {unknown}, relay {relay}, bob@localhost {local}")


def c_lmtp(token):
    c = Lines(port("LAB_LMTP_PORT"))
    assert c.line().startswith("220")
    c.send("LHLO lab-check")
    code, _ = c.smtp_reply()
    assert code == 250
    assert c.cmd("MAIL FROM:<lmtp@ixp-lab.test>").startswith("250")
    r1 = c.cmd(f"RCPT TO:<{ENV['LAB_EMAIL1']}>")
    r2 = c.cmd("RCPT TO:<nobody@localhost>")
    assert r1.startswith("250") and r2.startswith("550"), (r1, r2)
    assert c.cmd("DATA").startswith("354")
    c.send(f"From: lmtp@ixp-lab.test\r\nTo: {ENV['LAB_EMAIL1']}\r\nSubject: {token}\r\n\r\nvia LMTP\r\n.")
    r = c.line()
    assert r.startswith("250"), r
    c.cmd("QUIT")
    c.close()
    return f"LHLO/MAIL/RCPT/DATA ok ({r[:9]}); unknown user {r2[:3]}; {c_find_imap(ALICE, token)}"


def c_find_imap(user, token, limit=15.0):
    t0 = time.time()
    m = imaplib.IMAP4_SSL("localhost", port("LAB_IMAPS_PORT"), ssl_context=tls_context(), timeout=TIMEOUT)
    m.login(user, USERS[user])
    m.select("INBOX")
    while True:
        typ, data = m.uid("SEARCH", None, "HEADER", "Subject", f'"{token}"')
        if data and data[0].split():
            uid = data[0].split()[-1]
            typ, msg = m.uid("FETCH", uid, "(BODY.PEEK[])")
            m.logout()
            assert token.encode() in msg[0][1], "message body lacks the token"
            return f"found in {user}'s INBOX over IMAPS after {time.time() - t0:.2f}s"
        if time.time() - t0 > limit:
            raise AssertionError(f"{token} not in {user}'s INBOX after {limit}s")
        time.sleep(0.05)
        m.noop()


def c_find_pop3(user, token, limit=15.0):
    t0 = time.time()
    while True:
        p = poplib.POP3_SSL("localhost", port("LAB_POP3S_PORT"), context=tls_context(), timeout=TIMEOUT)
        p.user(user)
        p.pass_(USERS[user])
        count, _ = p.stat()
        for i in range(count, max(0, count - 30), -1):
            if any(token.encode() in l for l in p.top(i, 0)[1]):
                p.quit()
                return f"found in {user}'s POP3 maildrop (TOP {i} of {count}) after {time.time() - t0:.2f}s"
        p.quit()
        if time.time() - t0 > limit:
            raise AssertionError(f"{token} not in {user}'s POP3 maildrop after {limit}s")
        time.sleep(0.1)


def nntp_open(tls=False, starttls=False):
    c = Lines(port("LAB_NNTPS_PORT") if tls else port("LAB_NNTP_PORT"), implicit_tls=tls)
    greeting = c.line()
    assert greeting[:3] in ("200", "201"), greeting
    if starttls:
        assert c.cmd("STARTTLS").startswith("382")
        c.starttls()
    return c


def nntp_authinfo(c, user, password):
    r = c.cmd(f"AUTHINFO USER {user}")
    assert r.startswith("381"), r
    return c.cmd(f"AUTHINFO PASS {password}")


def nntp_group_over(c, group):
    r = c.cmd(f"GROUP {group}").split()
    assert r[0] == "211", r
    count, first, last = int(r[1]), int(r[2]), int(r[3])
    over = []
    if count:
        r = c.cmd(f"OVER {first}-{last}")
        assert r.startswith("224"), r
        over = c.dot_block()
    return count, first, last, over


def c_nntp_read():
    c = nntp_open()
    assert c.cmd("CAPABILITIES").startswith("101")
    caps = c.dot_block()
    joined = "\n".join(caps)
    for need in ("READER", "STARTTLS", "OVER", "HDR", "AUTHINFO USER SASL"):
        assert need in joined, f"CAPABILITIES lacks {need}"
    sasl = next((l for l in caps if l.startswith("SASL ")), "")
    counts = {}
    for group in ENV["LAB_NEWSGROUPS"].split(","):
        counts[group] = nntp_group_over(c, group)[0]
    c.cmd("QUIT")
    c.close()
    t = nntp_open(tls=True)
    n, *_ = nntp_group_over(t, "local.test")
    t.cmd("QUIT")
    t.close()
    return f"anonymous GROUP+OVER {counts}; NNTPS local.test={n}; caps READER STARTTLS OVER HDR, {sasl}"


def c_nntp_post():
    c = nntp_open(starttls=True)
    r = nntp_authinfo(c, ALICE, USERS[ALICE])
    assert r.startswith("281"), r
    mid = f"<lab-check.{time.time_ns()}@ixp-lab.test>"
    article = (f"From: Alice <alice@ixp-lab.test>\r\nNewsgroups: local.test\r\nSubject: lab check\r\n"
               f"Message-ID: {mid}\r\n\r\nposted by lab/check\r\n.")
    r = c.cmd("POST")
    assert r.startswith("340"), r
    c.send(article)
    r = c.line()
    assert r.startswith("240"), r
    count, first, last, over = nntp_group_over(c, "local.test")
    assert any(mid in l for l in over[-5:]), f"{mid} not in OVER"
    c.cmd("QUIT")
    c.close()
    a = nntp_open()
    anon = a.cmd("POST")
    a.close()
    b = nntp_open(tls=True)
    r = nntp_authinfo(b, BOB, USERS[BOB])
    assert r.startswith("281"), r
    bob = b.cmd("POST")
    b.close()
    w = nntp_open()
    wrong = nntp_authinfo(w, ALICE, "wrong")
    w.close()
    assert anon.startswith("440") or anon.startswith("480"), anon
    assert bob.startswith("440"), bob
    assert wrong.startswith("481"), wrong
    return f"alice (STARTTLS, AUTHINFO USER) posted article {last}, in OVER; POST anonymous {anon[:3]}, bob {bob[:3]}; wrong password {wrong[:3]}"


def c_nntp_sasl():
    done = []
    for mech in MECHS:
        c = nntp_open(tls=True)
        respond, verified = sasl_client(mech, ALICE, USERS[ALICE])
        initial = respond(None) if mech == "PLAIN" or mech.startswith("SCRAM") else None
        r = c.cmd(f"AUTHINFO SASL {mech}" + (f" {b64(initial)}" if initial is not None else ""))
        while r.startswith("383"):
            challenge = base64.b64decode(r[4:].strip()) if len(r) > 4 else b""
            r = c.cmd(b64(respond(challenge)))
        if r.startswith("283"):            # success with final server data (SCRAM)
            respond(base64.b64decode(r[4:].strip()))
        assert r[:3] in ("281", "283") and verified(), f"AUTHINFO SASL {mech}: {r}"
        c.cmd("QUIT")
        c.close()
        done.append(mech)
    return f"AUTHINFO SASL {' '.join(done)} as alice over NNTPS"


def c_count(kind, name, mailbox="INBOX"):
    if kind == "imap":
        m = imaplib.IMAP4_SSL("localhost", port("LAB_IMAPS_PORT"), ssl_context=tls_context(), timeout=TIMEOUT)
        m.login(name, USERS[name])
        typ, data = m.status(f'"{mailbox}"', "(MESSAGES)")
        m.logout()
        return re.search(rb"MESSAGES (\d+)", data[0]).group(1).decode() if typ == "OK" else "0"
    c = nntp_open()
    count, first, last, over = nntp_group_over(c, name)
    c.close()
    return str(len(over))


def c_seq(user, mailbox, count):
    """The last `count` messages of the mailbox carry X-Lab-Seq 1..count in UID order."""
    count = int(count)
    m = imaplib.IMAP4_SSL("localhost", port("LAB_IMAPS_PORT"), ssl_context=tls_context(), timeout=TIMEOUT)
    m.login(user, USERS[user])
    typ, data = m.select(f'"{mailbox}"', readonly=True)
    total = int(data[0])
    typ, data = m.fetch(f"{total - count + 1}:{total}", "(UID BODY.PEEK[HEADER.FIELDS (X-LAB-SEQ SUBJECT)])")
    m.logout()
    seqs, subjects = [], []
    for item in data:
        if isinstance(item, tuple):
            seqs.append(int(re.search(rb"X-Lab-Seq: (\d+)", item[1], re.I).group(1)))
            subjects.append(re.search(rb"Subject: (.*?)\r\n", item[1]).group(1).decode())
    assert seqs == list(range(1, count + 1)), f"X-Lab-Seq out of UID order: {seqs[:10]}..."
    assert subjects[0] == f"lab seed 1 of {count}", subjects[0]
    return f"X-Lab-Seq 1..{count} in UID order, subjects '{subjects[0]}' .. '{subjects[-1]}'"


CHECKS = {
    "ports": c_ports, "tls": c_tls, "imap": c_imap, "pop3": c_pop3, "smtp-auth": c_smtp_auth,
    "smtp-policy": c_smtp_policy, "lmtp": c_lmtp, "find-imap": c_find_imap, "find-pop3": c_find_pop3,
    "nntp-read": c_nntp_read, "nntp-post": c_nntp_post, "nntp-sasl": c_nntp_sasl,
    "count": c_count, "seq": c_seq,
}

if __name__ == "__main__":
    try:
        print(CHECKS[sys.argv[1]](*sys.argv[2:]))
    except Exception as e:  # noqa: BLE001 - one line for the PASS/FAIL report
        print(f"{type(e).__name__}: {e}".replace("\n", " ")[:400])
        sys.exit(1)
