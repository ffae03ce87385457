# shellcheck shell=bash
# lab/lib/packages.sh - make sure the Debian packages the lab runs on are installed.
# Package scripts are never allowed to start the global daemons (policy-rc.d 101 while we
# install); the lab runs its own private instances instead. apt output: /tmp/ixp-lab-apt.log.

LAB_PACKAGES=(
  postfix dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd   # mail servers
  inn2 sasl2-bin libsasl2-modules                                    # news server + SASL for nnrpd
  swaks libio-socket-ssl-perl libnet-ssleay-perl                     # SMTP client used by check
  openssl ca-certificates python3 util-linux                         # certs, probes, setpriv
)
APT_LOG=/tmp/ixp-lab-apt.log

pkg_installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }

missing_packages() { local p; for p in "${LAB_PACKAGES[@]}"; do pkg_installed "$p" || echo "$p"; done; }

# apt lists count as fresh when every configured source has a Packages index younger than 12 h.
apt_lists_fresh() {
  local lists=/var/lib/apt/lists
  compgen -G "$lists/*_Packages*" >/dev/null || return 1
  [ -z "$(find "$lists" -maxdepth 1 -name '*_Packages*' -mmin +720 -print -quit)" ]
}

apt_run() { # apt-get ARGS... with output to the log
  DEBIAN_FRONTEND=noninteractive apt-get -q "$@" >>"$APT_LOG" 2>&1
}

install_lab_packages() {
  local missing made_policy=0
  mapfile -t missing < <(missing_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]} (log: $APT_LOG)"
  : >"$APT_LOG"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# ixp lab: no service starts during package installation\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    made_policy=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  # Postfix's default instance gets a harmless "Local only" main.cf (inn2's postinst runs
  # newaliases, which needs one). It is never started; ours lives in $POSTFIX_DIR.
  debconf-set-selections <<'SEL'
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string localhost
SEL
  apt_lists_fresh || apt_run update || say "apt-get update failed; trying the lists we have"
  local opts=(-y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  if ! apt_run install "${opts[@]}" "${missing[@]}"; then
    # inn2's postinst stops when INN cannot work out a domain (host name without a dot, as
    # here: "vm"). Give the packaged inn.conf a domain and let dpkg finish configuring.
    if [ -f /etc/news/inn.conf ] && ! grep -q '^domain:' /etc/news/inn.conf \
       && [[ $(hostname -f 2>/dev/null || hostname) != *.* ]]; then
      say "host name has no domain; adding 'domain: localdomain' to /etc/news/inn.conf for inn2's postinst"
      printf '\n# added by ixp lab/up: this host name has no domain part\ndomain: localdomain\n' >>/etc/news/inn.conf
    fi
    apt_run -y install -f || true
    DEBIAN_FRONTEND=noninteractive dpkg --configure -a >>"$APT_LOG" 2>&1 || true
    mapfile -t missing < <(missing_packages)
    if [ "${#missing[@]}" -gt 0 ]; then
      # maybe the lists were stale (404s): refresh and retry once
      apt_run update || true
      apt_run install "${opts[@]}" "${missing[@]}" || true
    fi
  fi
  mapfile -t missing < <(missing_packages)
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  if [ "${#missing[@]}" -gt 0 ]; then
    tail -n 25 "$APT_LOG" >&2
    fail "could not install: ${missing[*]} (see $APT_LOG)"
  fi
}
