#!/usr/bin/env bash
# n8n's own gate, here: the analysis of @n8n/scan-community-package (what n8n runs before it
# verifies a community package) on the packed tarball and on the source. `npm run scan`.
#
#   scripts/scan/run.sh                     # builds and packs a private copy of the tree
#   scripts/scan/run.sh path/to/pkg.tgz     # scans that tarball instead (source: this tree)
#
# The tarball is also checked for what must not ship: declaration files and a second
# package.json (the scanner's rules would read them as credentials or as the manifest).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
source scripts/lib/pack.sh

SCANNER="$(bash scripts/scan/install.sh)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/insightly-scan.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

TARBALL="${1:-}"
if [[ -z "$TARBALL" ]]; then
	TARBALL="$(pack_private_copy "$WORK")"
fi
TARBALL="$(cd "$(dirname "$TARBALL")" && pwd)/$(basename "$TARBALL")"

unwanted="$(tar -tzf "$TARBALL" | grep -E '^package/(.*\.d\.ts|dist/package\.json)$' || true)"
if [[ -n "$unwanted" ]]; then
	echo "scan: $(basename "$TARBALL") ships $(wc -l <<<"$unwanted") declaration file(s) or a second package.json, e.g.:" >&2
	head -5 <<<"$unwanted" >&2
	exit 1
fi
mkdir -p "$WORK/extracted"
tar -xzf "$TARBALL" -C "$WORK/extracted" --strip-components=1
echo "scan: $(basename "$TARBALL"), $(tar -tzf "$TARBALL" | wc -l) files"
node scripts/scan/analyze.mjs "$SCANNER" "$WORK/extracted" "$ROOT"
