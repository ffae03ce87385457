# shellcheck shell=bash
# lab/lib/svc_dovecot.sh - private Dovecot: IMAP/IMAPS, POP3/POP3S (with APOP), LMTP for
# Postfix, and the SASL socket Postfix authenticates against. Nothing in /etc/dovecot is used.

dovecot_files() { echo "$DOVECOT_CONF" "$DOVECOT_DIR/passwd"; }
dovecot_pid() { pid_from "$DOVECOT_DIR/run/master.pid"; }

dovecot_configure() {
  local u
  mkdir -p "$DOVECOT_DIR/run" "$DOVECOT_DIR/state"
  install -d -o "$LAB_OS_USER" -g "$LAB_OS_USER" -m 0750 "$MAIL_ROOT"
  for u in "${LAB_USERS[@]}"; do install -d -o "$LAB_OS_USER" -g "$LAB_OS_USER" -m 0700 "$MAIL_ROOT/$u"; done
  # {PLAIN} passwords: needed for CRAM-MD5, SCRAM and APOP (all derive from the clear text).
  for u in "${LAB_USERS[@]}"; do echo "$u:{PLAIN}${LAB_PASS[$u]}"; done | emit "$DOVECOT_DIR/passwd"
  chown root:dovecot "$DOVECOT_DIR/passwd"; chmod 0640 "$DOVECOT_DIR/passwd"
  local uid gid dh=""
  uid=$(id -u "$LAB_OS_USER"); gid=$(id -g "$LAB_OS_USER")
  [ -s /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"
  emit "$DOVECOT_CONF" <<CONF
# written by lab/up; private instance: dovecot -c $DOVECOT_CONF
instance_name = ixp-lab
base_dir = $DOVECOT_DIR/run
state_dir = $DOVECOT_DIR/state
log_path = $LOG_DIR/dovecot.log
import_environment = TZ LANG IXP_LAB_INSTANCE
protocols = imap pop3 lmtp
listen = 127.0.0.1
verbose_proctitle = yes
auth_verbose = yes

ssl = yes
ssl_cert = <$TLS_DIR/server.crt
ssl_key = <$TLS_DIR/server.key
ssl_min_protocol = TLSv1.2
$dh

# Clear-text logins are accepted without TLS on purpose: tests cover both ways.
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256 apop
auth_username_format = %Ln
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $DOVECOT_DIR/passwd
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$MAIL_ROOT/%n
}
first_valid_uid = $uid
first_valid_gid = $gid

mail_location = maildir:~/Maildir
mail_plugins = zlib quota
mail_max_userip_connections = 1000
# QUOTA (RFC 9208) so clients' GETQUOTA/GETQUOTAROOT meet a real server; the limit never bites in tests.
plugin {
  quota = count:User quota
  quota_rule = *:storage=100G
  quota_vsizes = yes
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    auto = subscribe
    special_use = \\Drafts
  }
  mailbox Sent {
    auto = subscribe
    special_use = \\Sent
  }
  mailbox Trash {
    auto = subscribe
    special_use = \\Trash
  }
  mailbox Junk {
    auto = subscribe
    special_use = \\Junk
  }
}

protocol imap {
  mail_plugins = \$mail_plugins imap_zlib imap_quota
  mail_max_userip_connections = 1000
}
protocol pop3 {
  pop3_uidl_format = %08Xu%08Xv
  mail_max_userip_connections = 1000
}
protocol lmtp {
  postmaster_address = postmaster@localhost
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${LAB_PORT[imap]}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${LAB_PORT[imaps]}
    ssl = yes
  }
  service_count = 0
  process_min_avail = 1
  client_limit = 1000
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${LAB_PORT[pop3]}
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = ${LAB_PORT[pop3s]}
    ssl = yes
  }
  service_count = 0
  process_min_avail = 1
  client_limit = 1000
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${LAB_PORT[lmtp]}
  }
}
service imap {
  process_limit = 1024
}
service pop3 {
  process_limit = 1024
}
service auth {
  client_limit = 2500
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
# A failed login would otherwise slow every following login from 127.0.0.1 (auth penalty).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
CONF
  doveconf -c "$DOVECOT_CONF" -n >/dev/null 2>"$LOG_DIR/doveconf.err" \
    || { cat "$LOG_DIR/doveconf.err" >&2; fail "generated dovecot.conf is invalid"; }
}

dovecot_start() {
  # A killed master may linger as a zombie for seconds here; Dovecot would take its pid file
  # for a running instance. We only get here when dovecot_pid found nothing alive.
  rm -f "$DOVECOT_DIR/run/master.pid"
  daemon_env dovecot -c "$DOVECOT_CONF" </dev/null >>"$LOG_DIR/dovecot.out" 2>&1 \
    || { tail -n 5 "$LOG_DIR/dovecot.log" "$LOG_DIR/dovecot.out" >&2 2>/dev/null; fail "dovecot did not start"; }
}
dovecot_reload() { lab_doveadm reload; }
dovecot_stop() {
  local pid; pid=$(dovecot_pid) || return 0
  terminate "$pid"
}
dovecot_leftovers() { sweep /usr/sbin/dovecot /usr/lib/dovecot/; }
