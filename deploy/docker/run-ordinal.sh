#!/bin/sh
# Entry point for StatefulSet pods (deploy/k8s, ADR 051): GUILDHALL_WORKER_ID = BASE + ordinal,
# where the ordinal is the trailing number of the pod's host name (auth-service-2 -> 2) and BASE
# is the service's block of 64 ids (64 * (port - 8080)). A StatefulSet never runs two pods with
# the same ordinal at once, so no two live processes share a snowflake worker id.
#
#   run-ordinal.sh BASE
set -eu
base="${1:?usage: run-ordinal.sh BASE}"
host="${HOSTNAME:-$(cat /proc/sys/kernel/hostname)}"
ordinal="${host##*-}"
case "$ordinal" in
  ''|*[!0-9]*) echo "run-ordinal.sh: host name '$host' ends in no StatefulSet ordinal" >&2; exit 64 ;;
esac
if [ "$ordinal" -ge 64 ]; then
  echo "run-ordinal.sh: ordinal $ordinal is outside this service's 64 worker ids; cap replicas at 64" >&2
  exit 64
fi
GUILDHALL_WORKER_ID=$((base + ordinal))
export GUILDHALL_WORKER_ID
shift
exec "$(dirname "$0")/run.sh" "$@"
