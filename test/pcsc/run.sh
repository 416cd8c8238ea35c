#!/usr/bin/env bash
# Runs the PC/SC tests (test/pcsc/) against a real pcscd with the vsmartcard vpcd driver, inside
# a private mount and network namespace (docs/pcsc.md): its own /run/pcscd, so a developer's
# pcscd is left alone, and its own loopback, where vpcd's listener is invisible to others and
# TCP quick ACKs can be turned on (44 ms -> 0.25 ms per APDU). Needs root (or sudo) and the
# Debian packages pcscd and vsmartcard-vpcd.
#
#   test/pcsc/run.sh                 # all PC/SC tests
#   test/pcsc/run.sh -- CMD ARGS...  # any command inside the namespace, pcscd running
#   PAYCARD_SKIP_BUILD=1              # dist/ is fresh: skip `npm run build`
#   PAYCARD_PCSCD_ARGS=-d PAYCARD_PCSCD_LOG=/tmp/pcscd.log  # pcscd's debug log
set -euo pipefail

cd "$(dirname "$0")/../.."

if [[ "${PAYCARD_PCSC_NS:-}" != 1 ]]; then
  for tool in pcscd unshare ip; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool not found (apt-get install pcscd vsmartcard-vpcd iproute2)" >&2; exit 2; }
  done
  [[ -e /etc/reader.conf.d/vpcd ]] || { echo "run.sh: vpcd driver missing (apt-get install vsmartcard-vpcd)" >&2; exit 2; }
  # The CLI tests run the built bin/paycard.js.
  [[ "${PAYCARD_SKIP_BUILD:-}" == 1 ]] || npm run --silent build
  sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo --preserve-env=CI,PATH)
  exec "${sudo[@]}" env PAYCARD_PCSC_NS=1 unshare --mount --net --propagation private bash "$0" "$@"
fi

# Inside the namespaces.
mkdir -p /run/pcscd
mount -t tmpfs -o mode=755 tmpfs /run/pcscd
ip link set lo up
ip route change local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1
ip route change local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1

pcscd --foreground ${PAYCARD_PCSCD_ARGS:-} >"${PAYCARD_PCSCD_LOG:-/dev/null}" 2>&1 &
pcscd_pid=$!
stop_pcscd() {
  kill "$pcscd_pid" 2>/dev/null || true
  wait "$pcscd_pid" 2>/dev/null || true
}
trap stop_pcscd EXIT

for _ in $(seq 1 200); do
  [[ -S /run/pcscd/pcscd.comm ]] && break
  sleep 0.01
done
[[ -S /run/pcscd/pcscd.comm ]] || { echo "run.sh: pcscd did not start:" >&2; exit 1; }

if [[ "${1:-}" == "--" ]]; then
  shift
  "$@"
else
  # One virtual reader is one card slot: test files run one at a time.
  npx vitest run --config test/pcsc/vitest.config.ts "$@"
fi
