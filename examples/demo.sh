#!/usr/bin/env bash
# A tour of cnet on the example network, in a throwaway database and policy folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
export CNET_DB="${CNET_DB:-$tmp/demo.db}"
export CNET_POLICY="${CNET_POLICY:-$tmp/policy.toml}"   # none there: the built-in default policy applies
echo "# Loading the example network into $CNET_DB"
bash "$here/network.sh" >/dev/null 2>&1
# Each command is printed as it would be typed, so a line can be pasted back into a shell.
quoted() {
  local a words=()
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:@%+=,-]+$ ]]; then words+=("$a")
    elif [[ $a != *[\"\$\`\\!]* ]]; then words+=("\"$a\"")
    else words+=("$(printf '%q' "$a")"); fi
  done
  printf '%s' "${words[*]}"
}
step() { printf '\n$ %s\n' "$(quoted "$@")"; "$@"; }
step cnet show bones
step cnet list --tag northwind
step cnet search robots
step cnet degree christine-chapel
step cnet path lucia-romero -k 2
step cnet network
step cnet check connect raj-patel || true
step cnet intro bones jim --reason "Leonard saw Meridian's posting for a staff physician and would like to hear about the role from Jim directly"
step cnet audit
