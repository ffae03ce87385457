# shellcheck shell=bash
# lab/lib/svc_inn.sh - private INN 2.7: innd takes feeds on $LAB_PORT[feed] (used by seed-news),
# two nnrpd daemons serve readers: $LAB_PORT[nntp] (plain, STARTTLS) and $LAB_PORT[nntps]
# (implicit TLS). All INN tools must run as "news" with INNCONF=$INN_CONF (see inn_tool).
#
# Permissions (readers.conf): anonymous may read; alice may read and post; bob can
# authenticate but stays read-only. AUTHINFO USER/PASS checks $INN_DIR/etc/newsusers (crypt
# hashes via ckpasswd); AUTHINFO SASL uses a Cyrus sasldb whose realm is the short host name.

INN_SASL_DIR=$INN_DIR/sasl2

innd_files()  { echo "$INN_CONF" "$INN_DIR/etc/storage.conf" "$INN_DIR/etc/newsfeeds" "$INN_DIR/etc/incoming.conf"; }
nnrpd_files() { echo "$INN_CONF" "$INN_DIR/etc/readers.conf" "$INN_DIR/etc/newsusers" "$INN_SASL_DIR/INN.conf"; }
innd_pid() { pid_from "$INN_DIR/run/innd.pid"; }
# nnrpd counts as running only when both daemons (one per port) run; prints their PIDs.
nnrpd_pid() {
  local a b
  a=$(pid_from "$INN_DIR/run/nnrpd-${LAB_PORT[nntp]}.pid") || return 1
  b=$(pid_from "$INN_DIR/run/nnrpd-${LAB_PORT[nntps]}.pid") || return 1
  echo "$a $b"
}

innd_configure() {
  local d
  for d in etc db run log http spool spool/articles spool/overview spool/incoming spool/incoming/tmp \
           spool/incoming/bad spool/outgoing spool/archive "${INN_SASL_DIR#"$INN_DIR"/}"; do
    mkdir -p "$INN_DIR/$d"
  done
  # Packaged defaults for the files we do not write ourselves (control.ctl, moderators, ...).
  cp -rn /etc/news/. "$INN_DIR/etc/"
  emit "$INN_CONF" <<CONF
# written by lab/up; private INN instance, used as INNCONF=$INN_CONF
organization:             "ixp-lab"
pathhost:                 lab.localhost
domain:                   localdomain
server:                   127.0.0.1
bindaddress:              127.0.0.1
port:                     ${LAB_PORT[feed]}
mta:                      "/bin/true %s"
mailcmd:                  /bin/true
hismethod:                hisv6
ovmethod:                 tradindexed
enableoverview:           true
storeonxref:              true
wireformat:               true
artcutoff:                0
maxartsize:               10000000
localmaxartsize:          10000000
maxconnections:           200
noreader:                 true
doinnwatch:               false
docnfsstat:               false
nnrpdloadlimit:           0
nicekids:                 0
nicennrpd:                0
status:                   0
timer:                    0
logipaddr:                true
addinjectionpostinghost:  false
tlscapath:                $TLS_DIR
tlscertfile:              $TLS_DIR/server-chain.crt
tlskeyfile:               $INN_DIR/etc/key.pem
pathnews:                 /usr/lib/news
pathbin:                  $INN_BIN
pathcontrol:              /usr/lib/news/bin/control
pathfilter:               /etc/news/filter
pathetc:                  $INN_DIR/etc
pathdb:                   $INN_DIR/db
pathrun:                  $INN_DIR/run
pathlog:                  $INN_DIR/log
pathhttp:                 $INN_DIR/http
pathspool:                $INN_DIR/spool
patharticles:             $INN_DIR/spool/articles
pathoverview:             $INN_DIR/spool/overview
pathincoming:             $INN_DIR/spool/incoming
pathtmp:                  $INN_DIR/spool/incoming/tmp
pathoutgoing:             $INN_DIR/spool/outgoing
patharchive:              $INN_DIR/spool/archive
CONF
  install -o news -g news -m 0600 "$TLS_DIR/server.key" "$INN_DIR/etc/key.pem"
  printf 'method timehash {\n    newsgroups: *\n    class: 0\n}\n' | emit "$INN_DIR/etc/storage.conf"
  # Only local articles; no outgoing feeds.
  printf 'ME:!*/!local::\n' | emit "$INN_DIR/etc/newsfeeds"
  emit "$INN_DIR/etc/incoming.conf" <<'CONF'
streaming:        true
max-connections:  0
peer ME {
  hostname:       "localhost, 127.0.0.1, ::1"
}
CONF
  printf '/remember/:11\n*:A:never:never:never\n' | emit "$INN_DIR/etc/expire.ctl"
  : | emit "$INN_DIR/etc/passwd.nntp"
  local u
  for u in "${LAB_USERS[@]}"; do
    echo "$u:$(openssl passwd -6 -salt "ixplab$u" "${LAB_PASS[$u]}")"
  done | emit "$INN_DIR/etc/newsusers"
  emit "$INN_DIR/etc/readers.conf" <<CONF
# written by lab/up. Later matching access blocks win.
auth "lab" {
    hosts:    "127.0.0.1, ::1, localhost, stdin"
    auth:     "ckpasswd -f $INN_DIR/etc/newsusers"
    default:  "<anonymous>"
}
access "everyone-reads" {
    users:       "*"
    newsgroups:  "*"
    access:      R
}
access "alice-posts" {
    users:       "alice"
    newsgroups:  "*"
    access:      RPA
}
CONF
  # AUTHINFO SASL: nnrpd is Cyrus SASL application "INN"; SASL_CONF_PATH points here.
  printf '%s\n' 'pwcheck_method: auxprop' 'auxprop_plugin: sasldb' "sasldb_path: $INN_DIR/etc/sasldb2" \
    'mech_list: PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256' | emit "$INN_SASL_DIR/INN.conf"
  local realm; realm=$(hostname)
  if [ ! -s "$INN_DIR/etc/sasldb2" ] || [ "$(cat "$INN_DIR/etc/sasldb2.realm" 2>/dev/null)" != "$realm" ]; then
    rm -f "$INN_DIR/etc/sasldb2"
    for u in "${LAB_USERS[@]}"; do
      printf '%s' "${LAB_PASS[$u]}" | saslpasswd2 -f "$INN_DIR/etc/sasldb2" -p -c -u "$realm" "$u"
    done
    echo "$realm" >"$INN_DIR/etc/sasldb2.realm"
  fi
  # Groups and history: only on first setup (innd owns them afterwards).
  if [ ! -s "$INN_DIR/db/active" ]; then
    local g now; now=$(date +%s)
    { printf '%s 0000000000 0000000001 n\n' control control.cancel junk
      for g in "${LAB_GROUPS[@]}"; do printf '%s 0000000000 0000000001 y\n' "$g"; done; } >"$INN_DIR/db/active"
    for g in "${LAB_GROUPS[@]}"; do printf '%s %s lab\n' "$g" "$now"; done >"$INN_DIR/db/active.times"
    printf '%s\t%s\n' local.test "ixp lab: tests" local.bench "ixp lab: benchmarks" >"$INN_DIR/db/newsgroups"
  fi
  # innd owns everything but the (possibly huge) article and overview trees are left alone.
  chown news:news "$INN_DIR" "$INN_DIR/spool" "$INN_DIR/spool/articles" "$INN_DIR/spool/overview"
  chown -R news:news "$INN_DIR/etc" "$INN_DIR/db" "$INN_DIR/run" "$INN_DIR/log" "$INN_DIR/http" \
    "$INN_SASL_DIR" "$INN_DIR/spool/incoming" "$INN_DIR/spool/outgoing" "$INN_DIR/spool/archive"
  chmod 0644 "$INN_DIR/etc/newsusers"
  if [ ! -s "$INN_DIR/db/history.dir" ]; then
    ( cd "$INN_DIR/db" && inn_tool touch history && inn_tool "$INN_BIN/makedbz" -i -o -s 100000 ) \
      || fail "makedbz could not create the INN history database"
  fi
}
nnrpd_configure() { :; }        # done by innd_configure

innd_start() {
  rm -f "$INN_DIR/run/control" "$INN_DIR/run/nntpin" "$INN_DIR/run/"LOCK* "$INN_DIR/run/innd.pid"
  ( cd "$INN_DIR/run" && daemon_env INNCONF="$INN_CONF" setpriv --reuid=news --regid=news --init-groups \
      "$INN_BIN/innd" ) >>"$LOG_DIR/innd.out" 2>&1 \
    || { tail -n 5 "$LOG_DIR/innd.out" "$INN_DIR/log/news.err" >&2 2>/dev/null; fail "innd did not start"; }
}
# innd answers ctlinnd only a moment after its port opens; seed-news needs ctlinnd.
innd_ready() {
  local _
  for _ in $(seq 1 100); do inn_tool "$INN_BIN/ctlinnd" -t 2 mode >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}
innd_reload() { innd_stop; innd_start; }
innd_stop() {
  local pid; pid=$(innd_pid) || return 0
  inn_tool "$INN_BIN/ctlinnd" -t 5 shutdown "lab down" >/dev/null 2>&1 || true
  wait_exit 5 "$pid" || terminate "$pid"
}
innd_leftovers() { sweep "$INN_BIN/innd"; }

nnrpd_start() {
  local port flag
  for port in "${LAB_PORT[nntp]}" "${LAB_PORT[nntps]}"; do
    pid_from "$INN_DIR/run/nnrpd-$port.pid" >/dev/null && continue
    rm -f "$INN_DIR/run/nnrpd-$port.pid"
    flag=(); [ "$port" = "${LAB_PORT[nntps]}" ] && flag=(-S)
    ( cd "$INN_DIR/run" && daemon_env INNCONF="$INN_CONF" SASL_CONF_PATH="$INN_SASL_DIR" \
        setpriv --reuid=news --regid=news --init-groups \
        "$INN_BIN/nnrpd" -D -b 127.0.0.1 -p "$port" -n "${flag[@]}" ) >>"$LOG_DIR/nnrpd.out" 2>&1 \
      || { tail -n 5 "$LOG_DIR/nnrpd.out" >&2; fail "nnrpd on port $port did not start"; }
  done
}
nnrpd_reload() { nnrpd_stop; nnrpd_start; }
nnrpd_stop() {
  local pids; pids=$(marked_pids "$INN_BIN/nnrpd" | tr '\n' ' ')
  # shellcheck disable=SC2086
  [ -z "${pids// /}" ] || terminate $pids
  rm -f "$INN_DIR/run/nnrpd-${LAB_PORT[nntp]}.pid" "$INN_DIR/run/nnrpd-${LAB_PORT[nntps]}.pid"
}
nnrpd_leftovers() { sweep "$INN_BIN/nnrpd"; }
