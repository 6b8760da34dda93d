#!/usr/bin/env bash
# Installs @n8n/scan-community-package, the analysis n8n runs before it verifies a community
# package, into a cache folder outside the git tree (it brings its own eslint and typescript,
# which must not meet the repository's). Prints the folder that holds its node_modules.
#
#   scripts/scan/install.sh          # the pinned version (SCAN_VERSION overrides it)
#
# Cache: ${N8N_E2E_CACHE:-~/.cache/n8n-nodes-insightly-e2e}/scanner-<version>, with a
# `.complete` marker: a cached run costs nothing. Delete the folder to reinstall.
set -euo pipefail

SCAN_VERSION="${SCAN_VERSION:-0.32.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-insightly-e2e}"
DIR="$CACHE/scanner-$SCAN_VERSION"

mkdir -p "$CACHE"
exec 9>"$CACHE/.scanner.lock"
flock 9
if [[ ! -f "$DIR/.complete" || "$(cat "$DIR/.complete")" != "$SCAN_VERSION" ]]; then
	printf '[scan %s] installing @n8n/scan-community-package@%s into %s\n' "$(date +%H:%M:%S)" "$SCAN_VERSION" "$DIR" >&2
	rm -rf "$DIR" && mkdir -p "$DIR"
	printf '{ "private": true, "dependencies": { "@n8n/scan-community-package": "%s" } }\n' "$SCAN_VERSION" >"$DIR/package.json"
	# --ignore-scripts: nothing of it needs an install script.
	(cd "$DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
	[[ -f "$DIR/node_modules/@n8n/scan-community-package/scanner/scanner.mjs" ]]
	echo "$SCAN_VERSION" >"$DIR/.complete"
fi
echo "$DIR"
