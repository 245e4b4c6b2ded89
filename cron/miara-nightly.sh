#!/usr/bin/env bash
# Nightly wrapper for `miara run` (used by cron/miara.cron and cron/miara.service).
#
# Environment:
#   MIARA_HOME      the install folder (default: the folder above this script)
#   MIARA_PIPELINE  the pipeline file (default: $MIARA_HOME/Pipelines/nightly.yaml)
#   MIARA_BIN       the miara binary (default: $MIARA_HOME/bin/miara, else `miara` on PATH)
#   MIARA_LOG       the log file (default: $MIARA_HOME/Outputs/miara-nightly.log)
#
# Exit status is miara's (SPEC 10): 0 done, 1 failed (nothing published), 2 configuration
# error, 3 done but a file's rejected share exceeded max_reject_share, 75 another run holds
# the lock (logged as "already running"; cron mails nothing for it, see below).
set -uo pipefail

MIARA_HOME="${MIARA_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
MIARA_PIPELINE="${MIARA_PIPELINE:-$MIARA_HOME/Pipelines/nightly.yaml}"
MIARA_LOG="${MIARA_LOG:-$MIARA_HOME/Outputs/miara-nightly.log}"
if [[ -z "${MIARA_BIN:-}" ]]; then
    if [[ -x "$MIARA_HOME/bin/miara" ]]; then MIARA_BIN="$MIARA_HOME/bin/miara"; else MIARA_BIN="miara"; fi
fi

cd "$MIARA_HOME" || { echo "miara-nightly: cannot cd to $MIARA_HOME" >&2; exit 1; }
mkdir -p "$(dirname "$MIARA_LOG")"
# Keep the numeric locale C: libxlsxwriter writes numbers with the locale's decimal mark.
export LC_ALL=C.UTF-8

log() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >>"$MIARA_LOG"; }

log "start: $MIARA_BIN run --pipeline $MIARA_PIPELINE"
"$MIARA_BIN" run --pipeline "$MIARA_PIPELINE" >>"$MIARA_LOG" 2>&1
status=$?
case $status in
    0)  log "done" ;;
    3)  log "done, but some file's rejected share exceeded max_reject_share (see manifest.json: files_over_reject_share)"
        echo "miara: outputs written, but some file's rejected share exceeded max_reject_share; see $MIARA_LOG" >&2 ;;
    75) log "already running: another miara run holds the lock; nothing done" ;;
    2)  log "configuration error (exit 2)"; echo "miara: configuration error; see $MIARA_LOG" >&2 ;;
    *)  log "failed (exit $status); nothing published"; echo "miara: run failed (exit $status); see $MIARA_LOG" >&2 ;;
esac
exit $status
