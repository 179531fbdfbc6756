#!/usr/bin/env bash
# Run a web server command with the background-task worker beside it (`make run`, `make serve`):
#
#   bash scripts/with-worker.sh .venv/bin/python manage.py runserver 127.0.0.1:8000
#
# The worker is `manage.py db_worker`: it runs the tasks queued in the database (e-mail). Ctrl+C
# stops both; so does SIGTERM to this script, and so does either of them ending on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

worker="" server=""
stop() {
  trap - EXIT INT TERM
  for pid in $server $worker; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $server $worker; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop EXIT
trap 'exit 130' INT TERM

"$PY" manage.py db_worker --queue-name default &
worker=$!
"$@" &
server=$!
echo "Task worker: pid $worker; web server: pid $server"
# Whichever ends first ends the other (via the EXIT trap).
wait -n "$worker" "$server" || true
