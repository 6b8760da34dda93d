# Sourced, from the repository root, by the scripts that test the package as users get it
# (scripts/e2e/run.sh, scripts/e2e/queue.sh, scripts/ui/run.sh, scripts/scan/run.sh).

# pack_private_copy WORK: builds and packs a private copy of the working tree (tracked and
# untracked, not ignored files) in WORK and prints the tarball's path. A copy, not the
# repository's dist/: another build running in the repository (rimraf dist) cannot change the
# package half-way. The build's output goes to WORK/build.log, shown when it fails.
pack_private_copy() {
	local work="$1"
	local pkg="$work/package"
	mkdir -p "$pkg"
	git ls-files -z -co --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$pkg"
	ln -s "$PWD/node_modules" "$pkg/node_modules"
	(cd "$pkg" && npm run build) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; return 1; }
	local name
	name="$(cd "$pkg" && npm pack --json --pack-destination "$work" 2>/dev/null |
		node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8"))[0].filename)')"
	echo "$work/$name"
}
