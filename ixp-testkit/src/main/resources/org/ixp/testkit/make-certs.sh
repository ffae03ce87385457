#!/bin/sh
# Regenerates the test certificates used by org.ixp.testkit.TestCertificate.
# Run from this directory:  sh make-certs.sh      (requires OpenSSL 3.x)
#
# All keys are RSA 2048, all signatures SHA-256. Every keystore is PKCS12 with
# password "ixp-testkit" (TestCertificate.PASSWORD); the key entry alias is
# "server" (the CA keystore uses alias "ca"). Dates are fixed (not "now") so the
# files behave the same on any machine whose clock is between 2020 and 2120:
#
#   ca.pem          test CA certificate (PEM) that clients trust; 2020-01-01 .. 2120-01-01
#   ca.p12          the CA key + certificate (kept only so new leaves can be minted later)
#   localhost.p12   CA-signed, CN=localhost, SAN DNS:localhost, IP:127.0.0.1; 2020-01-01 .. 2120-01-01
#   expired.p12     CA-signed, CN=localhost, SAN DNS:localhost, IP:127.0.0.1; 2020-01-01 .. 2020-01-02
#   wronghost.p12   CA-signed, CN=wrong.example, SAN DNS:wrong.example only;   2020-01-01 .. 2120-01-01
#   selfsigned.p12  self-signed (NOT by the CA), CN=localhost, SAN DNS:localhost, IP:127.0.0.1;
#                   2020-01-01 .. 2120-01-01
#
# 'openssl ca' is used throughout because OpenSSL 3.0's 'req -x509' / 'x509 -req'
# cannot set explicit start/end dates.
set -eu
PASS=ixp-testkit
FROM=20200101000000Z
UNTIL=21200101000000Z
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/db"
: > "$WORK/db/index.txt"

cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = testca
[ testca ]
database        = $WORK/db/index.txt
new_certs_dir   = $WORK/db
rand_serial     = yes
default_md      = sha256
policy          = anything
copy_extensions = none
unique_subject  = no
email_in_dn     = no
preserve        = yes
[ anything ]
organizationName = optional
commonName       = supplied
[ ext_ca ]
basicConstraints       = critical,CA:TRUE
keyUsage               = critical,keyCertSign,cRLSign
subjectKeyIdentifier   = hash
[ ext_localhost ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature,keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
[ ext_wronghost ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature,keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:wrong.example
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
[ ext_selfsigned ]
basicConstraints       = critical,CA:FALSE
keyUsage               = critical,digitalSignature,keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier   = hash
CNF

# csr NAME SUBJECT : new RSA key + certificate request
csr() {
  openssl req -new -newkey rsa:2048 -nodes -keyout "$WORK/$1.key" -out "$WORK/$1.csr" -subj "$2"
}
# issue NAME EXT START END [signing options...] : certificate from NAME.csr
issue() {
  name=$1; ext=$2; start=$3; end=$4; shift 4
  openssl ca -batch -config "$WORK/ca.cnf" -extensions "$ext" -notext \
    -startdate "$start" -enddate "$end" -in "$WORK/$name.csr" -out "$WORK/$name.crt" "$@"
}
# p12 NAME ALIAS [extra export options...] : PKCS12 keystore NAME.p12
p12() {
  name=$1; alias=$2; shift 2
  openssl pkcs12 -export -name "$alias" -inkey "$WORK/$name.key" -in "$WORK/$name.crt" \
    -out "$name.p12" -passout pass:$PASS "$@"
}

# --- CA -----------------------------------------------------------------------
csr ca "/O=ixp testkit/CN=ixp testkit CA"
issue ca ext_ca $FROM $UNTIL -selfsign -keyfile "$WORK/ca.key"
cp "$WORK/ca.crt" ca.pem
p12 ca ca
CA="-cert ca.pem -keyfile $WORK/ca.key"

# --- CA-signed leaves -----------------------------------------------------------
csr localhost "/O=ixp testkit/CN=localhost"
issue localhost ext_localhost $FROM $UNTIL $CA
p12 localhost server -certfile ca.pem

csr expired "/O=ixp testkit/CN=localhost"
issue expired ext_localhost $FROM 20200102000000Z $CA
p12 expired server -certfile ca.pem

csr wronghost "/O=ixp testkit/CN=wrong.example"
issue wronghost ext_wronghost $FROM $UNTIL $CA
p12 wronghost server -certfile ca.pem

# --- self-signed (not from the CA) ---------------------------------------------
csr selfsigned "/O=ixp testkit/CN=localhost"
issue selfsigned ext_selfsigned $FROM $UNTIL -selfsign -keyfile "$WORK/selfsigned.key"
p12 selfsigned server

chmod 644 ./*.p12 ca.pem
echo "certificates written to $(pwd)"
