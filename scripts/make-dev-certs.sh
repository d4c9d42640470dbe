#!/usr/bin/env bash
# Makes a local CA and, signed by it, a server certificate for 127.0.0.1/localhost and a client
# certificate, for trying TLS and mutual TLS on one machine. Not for production: the CA key sits
# next to the certificates. Usage: scripts/make-dev-certs.sh [directory] [client name]
# (defaults: .dev-certs, dev-client). Prints the settings that use them.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:-.dev-certs}
client=${2:-dev-client}
mkdir -p "$dir"
cd "$dir"

# EC P-256 keys: small and fast, supported by every gRPC client.
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

key ca.key
openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=PaymentCore Dev CA" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem

issue() { # name subject extensions
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days 30 -extfile <(printf '%s\n' "$3") -out "$1.pem" 2>/dev/null
  rm "$1.csr"
}

issue server "/CN=localhost" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost"
issue client "/CN=$client" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
chmod 600 ./*.key

fingerprint=$(openssl x509 -in client.pem -noout -fingerprint -sha256 | cut -d= -f2)
cat <<SETTINGS
Made in $PWD: ca.pem (CA), server.pem/server.key, client.pem/client.key (CN=$client).
Run PaymentCore with TLS and mutual TLS:
  dotnet run --project src/PaymentCore -- \\
    --Grpc:Url=https://127.0.0.1:50051 --Grpc:Certificate:Path=$PWD/server.pem --Grpc:Certificate:KeyPath=$PWD/server.key \\
    --Grpc:ClientCa:Path=$PWD/ca.pem \\
    --Authentication:Certificates:0:Name=$client --Authentication:Certificates:0:Subject=CN=$client \\
    --Authentication:Certificates:0:Scopes:0=recharge:read --Authentication:Certificates:0:Scopes:1=recharge:write
  (or pin the certificate: --Authentication:Certificates:0:Thumbprint=$fingerprint)
Call it:
  grpcurl -cacert $PWD/ca.pem -cert $PWD/client.pem -key $PWD/client.key 127.0.0.1:50051 list
SETTINGS
