# shellcheck shell=bash
# lab/lib/svc_sink.sh - Postfix's smtp-sink on $LAB_PORT[sink]: accepts and discards every
# message (PIPELINING, 8BITMIME, DSN, ENHANCEDSTATUSCODES, AUTH that accepts anything).
# A fast target for SMTP client benchmarks; it never delivers.

sink_files() { :; }
sink_pid() { pid_from "$STATE_DIR/smtp-sink.pid"; }
sink_configure() { :; }
sink_start() {
  # -u: drop to postfix; -h: hostname; -C/-F: no XCLIENT/XFORWARD; -m: max concurrent sessions
  daemon_env setsid /usr/sbin/smtp-sink -u postfix -h localhost -C -F -m 1000 \
    "127.0.0.1:${LAB_PORT[sink]}" 1024 </dev/null >>"$LOG_DIR/smtp-sink.log" 2>&1 &
  local pid=""
  for _ in $(seq 1 50); do
    pid=$(marked_pids /usr/sbin/smtp-sink | head -n 1)
    [ -n "$pid" ] && break
    sleep 0.05
  done
  [ -n "$pid" ] || fail "smtp-sink did not start (see $LOG_DIR/smtp-sink.log)"
  echo "$pid" >"$STATE_DIR/smtp-sink.pid"
}
sink_reload() { sink_stop; sink_start; }
sink_stop() {
  local pid; pid=$(sink_pid) || { rm -f "$STATE_DIR/smtp-sink.pid"; return 0; }
  terminate "$pid"; rm -f "$STATE_DIR/smtp-sink.pid"
}
sink_leftovers() { sweep /usr/sbin/smtp-sink; }
