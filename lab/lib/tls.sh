# shellcheck shell=bash
# lab/lib/tls.sh - the lab's throwaway PKI in $TLS_DIR:
#   ca.crt / ca.key          self-signed CA "ixp-lab throwaway CA" (10 years)
#   server.crt / server.key  CN=localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1 (825 days)
#   server-chain.crt         server + CA (INN wants the chain in one file)
#   truststore.p12           PKCS12 with the CA, password "changeit" (when keytool exists)
# Kept across `up`s; renewed when missing or when the server cert expires within a day.

tls_valid() {
  [ -s "$TLS_DIR/ca.crt" ] && [ -s "$TLS_DIR/server.crt" ] && [ -s "$TLS_DIR/server.key" ] \
    && [ -s "$TLS_DIR/server-chain.crt" ] \
    && openssl x509 -in "$TLS_DIR/server.crt" -noout -checkend 86400 >/dev/null 2>&1 \
    && openssl verify -CAfile "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt" >/dev/null 2>&1
}

make_tls() {
  mkdir -p "$TLS_DIR"; chmod 0755 "$TLS_DIR"
  if ! tls_valid; then
    say "creating a throwaway CA and a localhost server certificate in $TLS_DIR"
    local work; work=$(mktemp -d "$TLS_DIR/.new.XXXXXX")
    cat >"$work/openssl.cnf" <<'CNF'
[req]
prompt = no
distinguished_name = subject
[subject]
O = ixp-lab
CN = ixp-lab throwaway CA
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
CNF
    ( umask 077; set -e
      openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 -config "$work/openssl.cnf" \
        -extensions ca_ext -keyout "$work/ca.key" -out "$work/ca.crt"
      openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/O=ixp-lab/CN=localhost" \
        -keyout "$work/server.key" -out "$work/server.csr"
      openssl x509 -req -sha256 -days 825 -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
        -set_serial "0x$(openssl rand -hex 12)" -extfile "$work/openssl.cnf" -extensions server_ext \
        -out "$work/server.crt" ) >"$work/openssl.log" 2>&1 \
      || { cat "$work/openssl.log" >&2; fail "openssl could not create the lab certificates"; }
    cat "$work/server.crt" "$work/ca.crt" >"$work/server-chain.crt"
    chmod 0644 "$work/ca.crt" "$work/server.crt" "$work/server-chain.crt"
    chmod 0600 "$work/ca.key" "$work/server.key"
    for f in ca.key ca.crt server.key server.crt server-chain.crt; do mv -f "$work/$f" "$TLS_DIR/$f"; done
    rm -rf "$work" "$TLS_DIR/truststore.p12"
  fi
  if [ ! -s "$TLS_DIR/truststore.p12" ] && command -v keytool >/dev/null 2>&1; then
    keytool -importcert -noprompt -alias ixp-lab-ca -file "$TLS_DIR/ca.crt" -storetype PKCS12 \
      -keystore "$TLS_DIR/truststore.p12" -storepass changeit >/dev/null 2>&1 \
      || say "keytool failed: no truststore.p12 (tests can use ca.crt)"
    [ -f "$TLS_DIR/truststore.p12" ] && chmod 0644 "$TLS_DIR/truststore.p12"
  fi
  return 0
}
