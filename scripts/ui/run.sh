#!/usr/bin/env bash
# The editor tests: the packed package in real n8n, clicked through in Debian's Chromium
# (driven by playwright-core; no browser download).
#
#   scripts/ui/run.sh                     # n8n 2.x (every scenario) then 1.x (issue #16 points)
#   UI_VERSIONS=2 scripts/ui/run.sh       # one version
#   UI_ONLY='Owner|trigger' scripts/ui/run.sh   # only the scenarios whose name matches
#   scripts/ui/run.sh --screenshots       # also refresh the README pictures in docs/images/
#
# Screenshots of every step, and for a failure what was on screen (PNG + HTML + error), go to
# test/ui/artifacts/n8n-<major>/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/pack.sh

T0=$SECONDS
log() { printf '[ui %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

SCREENSHOTS=0
for arg in "$@"; do
	case "$arg" in
	--screenshots) SCREENSHOTS=1 ;;
	*) echo "usage: $0 [--screenshots]" >&2; exit 2 ;;
	esac
done

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM_PATH" ]]; then
	log "installing Debian's chromium with apt-get"
	SUDO=""
	[[ $(id -u) -eq 0 ]] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH

VERSIONS="${UI_VERSIONS:-2,1}"
if [[ "$VERSIONS" == *1* && "$VERSIONS" == *2* ]]; then
	bash scripts/e2e/install-n8n.sh all
else
	bash scripts/e2e/install-n8n.sh "${VERSIONS//,/}"
fi
log "n8n ready after $((SECONDS - T0))s"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/insightly-ui-run.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export E2E_TARBALL
E2E_TARBALL="$(pack_private_copy "$WORK")"
export E2E_RUN_DIR="$WORK/run"
mkdir -p "$E2E_RUN_DIR"
log "packed $(basename "$E2E_TARBALL")"

status=0
UI_VERSIONS="$VERSIONS" npx tsx test/ui/run.ts || status=$?
if [[ $status -eq 0 && $SCREENSHOTS -eq 1 ]]; then
	npx tsx test/ui/pictures.ts
fi
log "total $((SECONDS - T0))s"
exit $status
