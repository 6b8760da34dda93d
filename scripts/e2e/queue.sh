#!/usr/bin/env bash
# The queue-mode end-to-end suite: the packed package in n8n 2.x run as teams scale it out, one
# main instance and two `n8n worker` processes on Redis and Postgres.
#
#   scripts/e2e/queue.sh                   # everything
#   scripts/e2e/queue.sh -t "webhook"      # extra arguments go to jest
#
# Steps: Debian's redis-server and postgresql installed with apt-get when missing (the servers
# themselves are started by the test on free ports, data in a temporary folder, and stopped at
# the end), n8n 2.x installed into the cache (instant once done), the package built and packed
# in a private copy of the tree, then test/e2e-queue with its own jest config.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/pack.sh

T0=$SECONDS
log() { printf '[e2e-queue %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
if ! command -v redis-server >/dev/null || ! have_postgres; then
	log "installing redis-server and postgresql with apt-get"
	SUDO=()
	if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
	"${SUDO[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
		redis-server postgresql >/dev/null
fi
# The packages' own services are not needed (the test runs private servers); leave them alone.
command -v redis-server >/dev/null && have_postgres || { log "redis-server or postgres missing"; exit 1; }

bash scripts/e2e/install-n8n.sh 2
log "n8n ready after $((SECONDS - T0))s"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/insightly-e2e-queue-run.XXXXXX")"
# Servers the test started are its children and stopped by it; should jest die first, the pids
# it wrote are stopped here (postgres with SIGINT, its fast shutdown).
export QUEUE_E2E_PIDFILE="$WORK/servers.pid"
cleanup() {
	if [[ -f "$QUEUE_E2E_PIDFILE" ]]; then
		while read -r pid; do
			# Only a server of ours still running under that pid (pids are reused).
			case "$(ps -o comm= -p "$pid" 2>/dev/null)" in
			redis-server* | postgres*) kill -INT "$pid" 2>/dev/null || true ;;
			esac
		done <"$QUEUE_E2E_PIDFILE"
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

# Build and pack a private copy of the working tree (as scripts/e2e/run.sh does), unless
# E2E_TARBALL already names a packed package.
if [[ -n "${E2E_TARBALL:-}" ]]; then
	log "using $E2E_TARBALL"
else
	export E2E_TARBALL
	E2E_TARBALL="$(pack_private_copy "$WORK")"
	log "packed $(basename "$E2E_TARBALL")"
fi

export E2E_RUN_DIR="$WORK/run" N8N_E2E_VERSION=2
mkdir -p "$E2E_RUN_DIR"
status=0
npx jest -c test/e2e-queue/jest.config.js "$@" || status=$?
if [[ $status -ne 0 && -d "$E2E_RUN_DIR/logs" ]]; then
	for file in "$E2E_RUN_DIR"/logs/*.log; do
		log "last lines of $(basename "$file")"
		tail -n 40 "$file" >&2
	done
fi
log "queue mode: $([[ $status -eq 0 ]] && echo passed || echo FAILED) in $((SECONDS - T0))s"
exit $status
