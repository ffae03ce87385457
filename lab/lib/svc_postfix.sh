# shellcheck shell=bash
# lab/lib/svc_postfix.sh - private Postfix (postfix -c $POSTFIX_CONF): submission with STARTTLS
# and SMTPS, both AUTH-only via Dovecot SASL; an "MX" port without AUTH for local recipients.
# alice@localhost and bob@localhost go to Dovecot over LMTP; any other domain is discarded.

postfix_files() { echo "$POSTFIX_CONF/main.cf" "$POSTFIX_CONF/master.cf"; }
postfix_pid() { pid_from "$POSTFIX_DIR/queue/pid/master.pid"; }
postfix_cmd() { daemon_env postfix -c "$POSTFIX_CONF" "$@"; }

postfix_configure() {
  mkdir -p "$POSTFIX_CONF" "$POSTFIX_DIR/queue" "$POSTFIX_DIR/data"
  chown root:root "$POSTFIX_CONF" "$POSTFIX_DIR/queue"
  chown postfix:postfix "$POSTFIX_DIR/data"
  local u map=""
  for u in "${LAB_USERS[@]}"; do map="$map $u@$LAB_MAIL_DOMAIN=$u,"; done
  emit "$POSTFIX_CONF/main.cf" <<CONF
# written by lab/up; private instance, /etc/postfix/main.cf is not used
compatibility_level = 3.6
config_directory = $POSTFIX_CONF
queue_directory = $POSTFIX_DIR/queue
data_directory = $POSTFIX_DIR/data
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
syslog_name = ixp-lab-postfix
maillog_file = $LOG_DIR/postfix.log
maillog_file_prefixes = $LOG_DIR
import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C $LAB_MARK

inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = localhost
mydomain = localdomain
myorigin = localhost
mydestination =
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP ixp-lab
biff = no
append_dot_mydomain = no
alias_maps =
alias_database =
local_recipient_maps =

# Delivery: the two lab users via LMTP to Dovecot; everything else vanishes.
virtual_mailbox_domains = $LAB_MAIL_DOMAIN
virtual_mailbox_maps = inline:{${map%,} }
virtual_transport = lmtp:inet:127.0.0.1:${LAB_PORT[lmtp]}
default_transport = discard:the ixp lab has no outside world
relay_transport = discard:the ixp lab has no outside world

# Fast and permissive for tests and benchmarks.
message_size_limit = 104857600
mailbox_size_limit = 0
in_flow_delay = 0
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 100
smtpd_hard_error_limit = 1000
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
default_process_limit = 200

smtpd_tls_security_level = may
smtpd_tls_cert_file = $TLS_DIR/server.crt
smtpd_tls_key_file = $TLS_DIR/server.key
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_received_header = yes
smtpd_tls_session_cache_database =
smtpd_tls_auth_only = no
smtp_tls_security_level = none

smtpd_sasl_type = dovecot
smtpd_sasl_path = $DOVECOT_DIR/run/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_sasl_security_options = noanonymous
# APOP is a POP3-only mechanism of Dovecot; never offer it in EHLO.
smtpd_sasl_mechanism_filter = !apop, static:all
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
CONF
  local auth="-o smtpd_sasl_auth_enable=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject -o smtpd_relay_restrictions=permit_sasl_authenticated,reject"
  emit "$POSTFIX_CONF/master.cf" <<CONF
# written by lab/up; nothing is chrooted
# service                          type  private unpriv chroot wakeup maxproc command
127.0.0.1:${LAB_PORT[submission]}  inet  n       -      n      -      -       smtpd -o syslog_name=ixp-lab-postfix/submission $auth
127.0.0.1:${LAB_PORT[smtps]}       inet  n       -      n      -      -       smtpd -o syslog_name=ixp-lab-postfix/smtps -o smtpd_tls_wrappermode=yes $auth
127.0.0.1:${LAB_PORT[mx]}          inet  n       -      n      -      -       smtpd -o syslog_name=ixp-lab-postfix/mx -o smtpd_sasl_auth_enable=no -o mynetworks= -o smtpd_relay_restrictions=reject_unauth_destination
pickup     unix  n  -  n  60    1  pickup
cleanup    unix  n  -  n  -     0  cleanup
qmgr       unix  n  -  n  300   1  qmgr
tlsmgr     unix  -  -  n  1000? 1  tlsmgr
rewrite    unix  -  -  n  -     -  trivial-rewrite
bounce     unix  -  -  n  -     0  bounce
defer      unix  -  -  n  -     0  bounce
trace      unix  -  -  n  -     0  bounce
verify     unix  -  -  n  -     1  verify
flush      unix  n  -  n  1000? 0  flush
proxymap   unix  -  -  n  -     -  proxymap
proxywrite unix  -  -  n  -     1  proxymap
smtp       unix  -  -  n  -     -  smtp
relay      unix  -  -  n  -     -  smtp
showq      unix  n  -  n  -     -  showq
error      unix  -  -  n  -     -  error
retry      unix  -  -  n  -     -  error
discard    unix  -  -  n  -     -  discard
lmtp       unix  -  -  n  -     -  lmtp
anvil      unix  -  -  n  -     1  anvil
scache     unix  -  -  n  -     1  scache
postlog    unix-dgram n - n -   1  postlogd
CONF
}

postfix_start() {
  # `postfix start` creates the queue directories and checks permissions (~1 s); once the
  # queue exists, Postfix's own quick-start flag skips that on later starts.
  [ -d "$POSTFIX_DIR/queue/active" ] && [ -d "$POSTFIX_DIR/queue/public" ] && touch "$POSTFIX_DIR/queue/quick-start"
  postfix_cmd start >>"$LOG_DIR/postfix.out" 2>&1 \
    || { tail -n 15 "$LOG_DIR/postfix.out" >&2; fail "postfix did not start"; }
}
postfix_reload() { postfix_cmd reload >>"$LOG_DIR/postfix.out" 2>&1; }
postfix_stop() {
  local pid; pid=$(postfix_pid) || return 0
  postfix_cmd stop >>"$LOG_DIR/postfix.out" 2>&1 || true
  wait_exit 5 "$pid" || terminate "$pid"
}
postfix_leftovers() { sweep /usr/lib/postfix/sbin/ /usr/sbin/postfix /usr/sbin/postdrop; }
