#!/usr/bin/env bash
# A tour of cnet on the example network, in a throwaway database.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CNET_DB="${CNET_DB:-$(mktemp -d)/demo.db}"
echo "# Loading the example network into $CNET_DB"
bash "$here/network.sh" >/dev/null
step() { printf '\n$ %s\n' "$*"; "$@"; }
step cnet show bones
step cnet list --tag northwind
step cnet search robots
step cnet show "jim@meridianhealth.example" --json --explain
step cnet db status
step cnet degree christine-chapel
step cnet degree jim-castellano leonard-okafor
step cnet path lucia-romero -k 2
step cnet network
step cnet list --degree 2
