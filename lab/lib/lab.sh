# shellcheck shell=bash disable=SC2034  # (defines variables for the scripts that source it)
# lab/lib/lab.sh - sourced by every lab/* script: locations, fixed ports, accounts, logging and
# the process/port helpers. Nothing here changes the system; it only defines things.
#
# How lab processes are recognised: every daemon we start runs with IXP_LAB_INSTANCE=<LAB_DIR>
# in its environment (Postfix is told to pass it on to its children). Dovecot overwrites its
# environment with process titles, so its processes are known by title (see marked_pids).
# `down` and the stale-process sweep only ever signal PIDs recognised that way.

LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)     # the lab/ directory itself
LAB_DIR=${LAB_DIR:-/tmp/ixp-lab}
LAB_DIR=${LAB_DIR%/}
[[ $LAB_DIR == /* ]] || LAB_DIR=$PWD/$LAB_DIR
export LAB_DIR
LAB_MARK="IXP_LAB_INSTANCE=$LAB_DIR"

# ---------------------------------------------------------------- fixed facts (tests rely on them)
LAB_HOST=127.0.0.1
declare -A LAB_PORT=(
  [imap]=10143 [imaps]=10993 [pop3]=10110 [pop3s]=10995 [lmtp]=10024
  [submission]=10587 [smtps]=10465 [mx]=10026 [sink]=10025
  [nntp]=10119 [nntps]=10563 [feed]=11119
)
# which service owns which ports (start order = this order; stop order = reverse)
LAB_SERVICES=(dovecot postfix sink innd nnrpd)
declare -A LAB_SERVICE_PORTS=(
  [dovecot]="imap imaps pop3 pop3s lmtp"
  [postfix]="submission smtps mx"
  [sink]="sink"
  [innd]="feed"
  [nnrpd]="nntp nntps"
)
LAB_USERS=(alice bob carol dave erin frank)
declare -A LAB_PASS=([alice]=alice-pw [bob]=bob-pw [carol]=carol-pw [dave]=dave-pw [erin]=erin-pw [frank]=frank-pw)
LAB_MAIL_DOMAIN=localhost
LAB_GROUPS=(local.test local.bench)
LAB_OS_USER=mail                 # owner of all mail files (Debian's uid 8); no accounts are created

# ---------------------------------------------------------------- layout under LAB_DIR
TLS_DIR=$LAB_DIR/tls
STATE_DIR=$LAB_DIR/state         # pid files of daemons without their own, config fingerprints
LOG_DIR=$LAB_DIR/log
DOVECOT_DIR=$LAB_DIR/dovecot
DOVECOT_CONF=$DOVECOT_DIR/dovecot.conf
MAIL_ROOT=$LAB_DIR/mail
POSTFIX_DIR=$LAB_DIR/postfix
POSTFIX_CONF=$POSTFIX_DIR/conf
INN_DIR=$LAB_DIR/inn
INN_CONF=$INN_DIR/etc/inn.conf
INN_BIN=/usr/lib/news/bin

LAB_PY=/usr/bin/python3
[ -x "$LAB_PY" ] || LAB_PY=$(command -v python3 || echo python3)

# ---------------------------------------------------------------- logging, timing
say()  { printf 'lab: %s\n' "$*" >&2; }
fail() { printf 'lab: ERROR: %s\n' "$*" >&2; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || fail "run me as root (the lab installs packages and switches users)"; }
clock() { date +%s.%N; }
secs()  { awk -v a="$1" -v b="${2:-$(date +%s.%N)}" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------- files
# emit FILE: stdin becomes FILE, but FILE is only replaced when the content differs. Stable
# mtimes matter: Postfix takes about a second longer to start right after main.cf changed.
emit() {
  local file=$1 tmp
  tmp=$(mktemp "$file.XXXXXX")
  cat >"$tmp"
  if [ -f "$file" ] && cmp -s "$tmp" "$file"; then rm -f "$tmp"; return 0; fi
  chmod 0644 "$tmp"
  mv -f "$tmp" "$file"
}

# ---------------------------------------------------------------- processes
# is_running PID: exists and is not a zombie (PID 1 in this sandbox reaps orphans lazily).
# Shell builtins only: this runs for every process in /proc when looking for ours.
is_running() {
  local pid=${1:-} key value
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  while read -r key value; do
    [ "$key" = State: ] || continue
    [[ $value != Z* && $value != X* ]]; return
  done 2>/dev/null <"/proc/$pid/status"
  return 1
}
# pid_from FILE: the PID stored in FILE if that process is alive, else nothing (status 1).
pid_from() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(tr -cd '0-9' < "$1")
  is_running "$pid" && echo "$pid"
}
# marked_pids [EXE_PREFIX...]: live PIDs carrying our marker (optionally only those whose
# executable starts with one of the prefixes).
marked_pids() {
  local d pid exe pre vars
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    [ "$pid" = "$$" ] && continue
    mapfile -d "" -t vars 2>/dev/null <"$d/environ" || continue
    if [[ " ${vars[*]} " != *" $LAB_MARK "* ]]; then
      # Dovecot writes its process titles over the environment block, so its processes are
      # recognised by title instead: "dovecot -c <our conf>" and "dovecot-ixp-lab/<service>".
      mapfile -d "" -t vars 2>/dev/null <"$d/cmdline" || continue
      [[ " ${vars[*]} " == *" -c $DOVECOT_CONF "* || ${vars[0]:-} == dovecot-ixp-lab/* ]] || continue
    fi
    is_running "$pid" || continue
    if [ $# -gt 0 ]; then
      exe=$(readlink "$d/exe" 2>/dev/null) || continue
      for pre in "$@"; do [[ $exe == "$pre"* ]] && { echo "$pid"; break; }; done
    else
      echo "$pid"
    fi
  done
  return 0
}
# wait_exit TIMEOUT_S PID...: 0 once none of the PIDs runs any more.
wait_exit() {
  local limit=$(( $1 * 10 )) n=0 p busy; shift
  while :; do
    busy=0; for p in "$@"; do is_running "$p" && { busy=1; break; }; done
    [ "$busy" = 0 ] && return 0
    n=$((n + 1)); [ "$n" -ge "$limit" ] && return 1
    sleep 0.1
  done
}
# terminate PID...: TERM, up to 5 s grace, then KILL.
terminate() {
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  wait_exit 5 "$@" && return 0
  kill -KILL "$@" 2>/dev/null || true
  wait_exit 2 "$@" || true
}
# sweep EXE_PREFIX...: stop leftovers of a crashed instance (marked processes of that program).
sweep() {
  local pids
  pids=$(marked_pids "$@" | tr '\n' ' ')
  [ -n "${pids// /}" ] || return 0
  say "stopping leftover processes of a dead instance: $pids"
  # shellcheck disable=SC2086
  terminate $pids
}
# Environment every daemon starts with: nothing inherited from the caller except our marker.
daemon_env() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TZ=UTC "$LAB_MARK" "$@"; }
as_news() { setpriv --reuid=news --regid=news --init-groups "$@"; }
inn_tool() { as_news env INNCONF="$INN_CONF" "$@"; }          # INN tool against our instance
lab_doveadm() { doveadm -c "$DOVECOT_CONF" "$@"; }

# ---------------------------------------------------------------- ports
# listening_ports: every TCP port in LISTEN state on 127.0.0.1 or a wildcard address (v4 or v6).
listening_ports() {
  local hex
  awk 'FNR > 1 && $4 == "0A" {
         split($2, a, ":")
         if (a[1] == "0100007F" || a[1] ~ /^0+$/ || a[1] == "00000000000000000000000001000000") print a[2]
       }' /proc/net/tcp /proc/net/tcp6 2>/dev/null |
    while read -r hex; do echo $((16#$hex)); done | sort -un
}
port_open() { listening_ports | grep -qx "$1"; }
# wait_listen TIMEOUT_S PORT...: 0 once every port listens.
wait_listen() {
  local limit=$(( $1 * 20 )) n=0 p missing; shift
  while :; do
    missing=""
    local open; open=$(listening_ports)
    for p in "$@"; do grep -qx "$p" <<<"$open" || missing="$missing $p"; done
    [ -z "$missing" ] && return 0
    n=$((n + 1)); [ "$n" -ge "$limit" ] && { echo "${missing# }"; return 1; }
    sleep 0.05
  done
}
# service_ports SERVICE: its port numbers.
service_ports() { local k; for k in ${LAB_SERVICE_PORTS[$1]}; do echo "${LAB_PORT[$k]}"; done; }
