#!/usr/bin/env bash
# Installs verdaccio, a private npm registry, into the e2e cache folder (outside the git tree):
# the community-package e2e (test/e2e/communityInstall.e2e.test.ts) publishes the packed package
# to it on 127.0.0.1 and has n8n install it from there, as n8n's Install button does from npm.
#
#   scripts/e2e/install-registry.sh       # prints the verdaccio entry point
#
# verdaccio 6.8.0 runs on Node 18+ (6.10 wants Node 22); npm `overrides` pin node-fetch 2.7.0,
# which it needs. Cache: ${N8N_E2E_CACHE:-~/.cache/n8n-nodes-insightly-e2e}/verdaccio-<version>,
# with a `.complete` marker: a cached run costs nothing.
set -euo pipefail

VERDACCIO_VERSION="${VERDACCIO_VERSION:-6.8.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-insightly-e2e}"
DIR="$CACHE/verdaccio-$VERDACCIO_VERSION"
BIN="$DIR/node_modules/verdaccio/bin/verdaccio"

mkdir -p "$CACHE"
exec 9>"$CACHE/.verdaccio.lock"
flock 9
if [[ ! -f "$DIR/.complete" || "$(cat "$DIR/.complete")" != "$VERDACCIO_VERSION" ]]; then
	printf '[install-registry %s] installing verdaccio %s into %s\n' "$(date +%H:%M:%S)" "$VERDACCIO_VERSION" "$DIR" >&2
	rm -rf "$DIR" && mkdir -p "$DIR"
	printf '{ "private": true, "dependencies": { "verdaccio": "%s" }, "overrides": { "node-fetch": "2.7.0" } }\n' \
		"$VERDACCIO_VERSION" >"$DIR/package.json"
	(cd "$DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
	node "$BIN" --version >/dev/null
	echo "$VERDACCIO_VERSION" >"$DIR/.complete"
fi
echo "$BIN"
