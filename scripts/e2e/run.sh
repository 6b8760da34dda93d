#!/usr/bin/env bash
# The end-to-end suite: the packed package installed into real n8n 2.x and 1.x, as users do.
#
#   scripts/e2e/run.sh                         # both versions, every test file
#   N8N_E2E_VERSIONS=2 scripts/e2e/run.sh      # one version
#   scripts/e2e/run.sh -t "credential test"    # extra arguments go to jest
#
# Steps: install n8n into the cache (instant once done), build and `npm pack` once, then for each
# version run test/e2e with its own jest config; each version gets one n8n user folder for the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/pack.sh

VERSIONS="${N8N_E2E_VERSIONS:-2,1}"
VERSIONS="${VERSIONS//,/ }"
T0=$SECONDS
log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ "$VERSIONS" == "2 1" || "$VERSIONS" == "1 2" ]]; then
	bash scripts/e2e/install-n8n.sh all
else
	for v in $VERSIONS; do bash scripts/e2e/install-n8n.sh "$v"; done
fi
log "n8n ready after $((SECONDS - T0))s"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/insightly-e2e-run.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export E2E_TARBALL
E2E_TARBALL="$(pack_private_copy "$WORK")"
# The files n8n loads must be in it (package.json#n8n lists them).
for entry in $(node -e 'const n = require("./package.json").n8n; console.log([...n.credentials, ...n.nodes].join(" "))'); do
	tar -tzf "$E2E_TARBALL" "package/$entry" >/dev/null 2>&1 || { echo "npm pack left out $entry" >&2; exit 1; }
done
log "packed $(basename "$E2E_TARBALL")"

status=0
summary=()
for v in $VERSIONS; do
	t=$SECONDS
	export E2E_RUN_DIR="$WORK/run-$v" N8N_E2E_VERSION="$v"
	mkdir -p "$E2E_RUN_DIR"
	log "n8n $v.x: running test/e2e"
	if npx jest -c test/e2e/jest.config.js "$@"; then
		summary+=("n8n $v.x: passed in $((SECONDS - t))s")
	else
		status=1
		summary+=("n8n $v.x: FAILED in $((SECONDS - t))s")
	fi
done
for line in "${summary[@]}"; do log "$line"; done
log "total $((SECONDS - T0))s"
exit $status
