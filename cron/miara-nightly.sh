#!/usr/bin/env bash
# Nightly wrapper for `miara run` (used by cron/miara.cron and cron/miara.service).
#
# Environment:
#   MIARA_HOME      the install folder (default: the folder above this script)
#   MIARA_PIPELINE  the pipeline file (default: $MIARA_HOME/Pipelines/nightly.yaml, an example to adapt)
#   MIARA_BIN       the miara binary (default: $MIARA_HOME/bin/miara, else `miara` on PATH)
#   MIARA_LOG       the log file (default: $MIARA_HOME/Outputs/miara-nightly.log)
#   MIARA_LOG_MAX_BYTES  rotate the log above this size (default: 10485760)
#   MIARA_LOG_KEEP  rotated logs kept: .1 (newest) … .N (default: 5)
#
# The run prunes old run folders after publishing when the pipeline file has `keep:`.
# Exit status is miara's (docs/running-nightly.md): 0 done, 1 failed (nothing published), 2 configuration
# error, 3 done but a file's rejected share exceeded max_reject_share, 75 another run holds
# the lock (logged as "already running"; cron mails nothing for it, see below).
# Cron mails what this script writes to standard error: on exit 3 the run's own `miara:` lines,
# which name each file and its rejected share in the pipeline's language (`lang:`). miara gives
# exit 3 once per file version: a file still pending the next nights is named in the log only.
set -uo pipefail

MIARA_HOME="${MIARA_HOME:-$(cd "$(dirname "$0")/.." && pwd)}"
MIARA_PIPELINE="${MIARA_PIPELINE:-$MIARA_HOME/Pipelines/nightly.yaml}"
MIARA_LOG="${MIARA_LOG:-$MIARA_HOME/Outputs/miara-nightly.log}"
if [[ -z "${MIARA_BIN:-}" ]]; then
    if [[ -x "$MIARA_HOME/bin/miara" ]]; then MIARA_BIN="$MIARA_HOME/bin/miara"; else MIARA_BIN="miara"; fi
fi

cd "$MIARA_HOME" || { echo "miara-nightly: cannot cd to $MIARA_HOME" >&2; exit 1; }
mkdir -p "$(dirname "$MIARA_LOG")"
if [[ ! -f "$MIARA_PIPELINE" ]]; then
    echo "miara-nightly: no pipeline file $MIARA_PIPELINE (set MIARA_PIPELINE; an example is Pipelines/nightly.yaml)" >&2
    exit 2
fi

# Log rotation: miara-nightly.log → .1 → .2 … → .$MIARA_LOG_KEEP (the oldest is dropped).
rotate_log() {
    local max="${MIARA_LOG_MAX_BYTES:-10485760}" keep="${MIARA_LOG_KEEP:-5}" i
    [[ -f "$MIARA_LOG" ]] || return 0
    (( $(stat -c %s "$MIARA_LOG") > max )) || return 0
    rm -f "$MIARA_LOG.$keep"
    for (( i = keep - 1; i >= 1; i-- )); do
        [[ -f "$MIARA_LOG.$i" ]] && mv -f "$MIARA_LOG.$i" "$MIARA_LOG.$((i + 1))"
    done
    mv -f "$MIARA_LOG" "$MIARA_LOG.1"
}
rotate_log
# Keep the numeric locale C: libxlsxwriter writes numbers with the locale's decimal mark.
export LC_ALL=C.UTF-8

log() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >>"$MIARA_LOG"; }

# The run's standard error goes to the log as it comes and into a file for the mail.
errors="$(mktemp "${TMPDIR:-/tmp}/miara-nightly.XXXXXX")" || { echo "miara-nightly: cannot create a temporary file" >&2; exit 1; }
trap 'rm -f "$errors"' EXIT
# The run's `miara: …` lines without the timestamp miara puts before each line in a log.
run_lines() { sed -n -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z //; /^miara: /p' "$errors"; }

log "start: $MIARA_BIN run --pipeline $MIARA_PIPELINE"
{ "$MIARA_BIN" run --pipeline "$MIARA_PIPELINE" 2>&1 1>&3 3>&- | tee -a "$MIARA_LOG" >"$errors"; status=${PIPESTATUS[0]}; } 3>>"$MIARA_LOG"
case $status in
    0)  log "done" ;;
    3)  log "done, but a file's rejected share exceeded max_reject_share (see manifest.json: files_over_reject_share)"
        { run_lines; echo "log: $MIARA_LOG"; } >&2 ;;
    75) log "already running: another miara run holds the lock; nothing done" ;;
    2)  log "configuration error (exit 2)"; echo "miara: configuration error; see $MIARA_LOG" >&2 ;;
    *)  log "failed (exit $status); nothing published"; echo "miara: run failed (exit $status); see $MIARA_LOG" >&2 ;;
esac
exit $status
