#!/usr/bin/env bash
# `make bench`: serve the app with production settings under gunicorn on 127.0.0.1, seed the
# benchmark dataset, drive load with wrk from bench/report.py, print one table and write
# bench/results.json. Stops everything it started, however it ends.
#
#   make bench                          SQLite, in a temporary file
#   BENCH_DB=postgresql make bench      a throwaway PostgreSQL 15 cluster (scripts/with-postgres.sh)
#   DATABASE_URL=postgres://... make bench   an existing database the bench may fill with rows
#
# BENCH_DURATION (10) and BENCH_SCALE_DURATION (6) are seconds of wrk per page; BENCH_SCALE=0
# skips the 20,000-policy pass. GUNICORN_* variables reach gunicorn.conf.py. BENCH_NOISY_ONLY=1
# runs only the noisy-neighbour pass (one member floods the preview, another loads the dashboard)
# and prints it, without touching bench/results.json; BENCH_NOISY_DURATION (10) is its seconds.
# BENCH_PUBLISH_DAY_ONLY=1 likewise runs only the publish-day pass (2,000 colleagues behind one
# address open the staff page, 500 download the PDF, all confirm) and prints it.
# BENCH_MASTER_UPDATE_ONLY=1 likewise runs only the master update pass (a consultant's new master
# version proposed to 1,000 derived policies while another user loads the dashboard).
# BENCH_PAGES_ONLY=1 likewise measures only /healthz, the logged-in floor, the dashboard, the
# step and the review page (their CPU against /healthz's) and prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

if [[ ${BENCH_DB:-sqlite} == postgresql && -z ${DATABASE_URL:-} ]]; then
  bash scripts/system-deps.sh postgresql-15
  # with-postgres.sh sets DATABASE_URL, runs this script again and stops the cluster after.
  exec bash scripts/with-postgres.sh bash bench/run.sh
fi
bash scripts/system-deps.sh wrk

started=$SECONDS
tmp=$(mktemp -d /tmp/policybuilder-bench.XXXXXX)
gunicorn_pid=""

stop_gunicorn() {
  [[ -n $gunicorn_pid ]] || return 0
  if kill -0 "$gunicorn_pid" 2>/dev/null; then
    kill -TERM "$gunicorn_pid" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 "$gunicorn_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$gunicorn_pid" 2>/dev/null || true
  fi
  wait "$gunicorn_pid" 2>/dev/null || true
  gunicorn_pid=""
}
cleanup() {
  stop_gunicorn
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DJANGO_SETTINGS_MODULE=policybuilder.settings
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_INSECURE_LOCAL_HTTP=1
export DJANGO_SECURE_SSL_REDIRECT=0
# Fair use: the rate limits stay on (the noisy-neighbour pass measures them), but the account
# whose preview and PDF passes are timed one after the other is exempt; the flooder is not.
export DJANGO_RATELIMIT_EXEMPT_USERNAMES=bench-editor
# The bench's consultant logs in with a password only.
export DJANGO_REQUIRE_MFA_FOR_STAFF_ROLES=0
export DATABASE_URL=${DATABASE_URL:-sqlite:///$tmp/bench.sqlite3}
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export BIND=127.0.0.1:$port
export DJANGO_SITE_URL=http://$BIND

echo "== Preparing the database (${DATABASE_URL%%:*}) and static files"
"$PY" manage.py migrate --noinput --verbosity 0
"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py seed_bench --output "$tmp/info.json"

echo "== Starting gunicorn on http://$BIND"
"$PY" -m gunicorn policybuilder.wsgi -c gunicorn.conf.py >"$tmp/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 150); do
  if ! kill -0 "$gunicorn_pid" 2>/dev/null; then
    cat "$tmp/gunicorn.log" >&2
    echo "gunicorn did not start" >&2
    exit 1
  fi
  if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "http://$BIND/healthz" 2>/dev/null; then
    break
  fi
  sleep 0.2
done

scale_flag=()
[[ ${BENCH_SCALE:-1} == 0 ]] && scale_flag=(--no-scale)
[[ ${BENCH_NOISY_ONLY:-0} == 1 ]] && scale_flag+=(--noisy-only)
[[ ${BENCH_PUBLISH_DAY_ONLY:-0} == 1 ]] && scale_flag+=(--publish-day-only)
[[ ${BENCH_MASTER_UPDATE_ONLY:-0} == 1 ]] && scale_flag+=(--master-update-only)
[[ ${BENCH_PAGES_ONLY:-0} == 1 ]] && scale_flag+=(--pages-only)
status=0
"$PY" bench/report.py --base-url "http://$BIND" --info "$tmp/info.json" \
  --master-pid "$gunicorn_pid" --results bench/results.json "${scale_flag[@]}" || status=$?
if grep -E "Traceback|\[ERROR\]|WORKER TIMEOUT" "$tmp/gunicorn.log" >/dev/null; then
  echo "== gunicorn reported errors:" >&2
  grep -E -A3 "Traceback|\[ERROR\]|WORKER TIMEOUT" "$tmp/gunicorn.log" | tail -40 >&2
  status=1
fi
stop_gunicorn

wall=$((SECONDS - started))
if [[ -f bench/results.json && ${BENCH_NOISY_ONLY:-0} != 1 && ${BENCH_PUBLISH_DAY_ONLY:-0} != 1 &&
  ${BENCH_MASTER_UPDATE_ONLY:-0} != 1 && ${BENCH_PAGES_ONLY:-0} != 1 ]]; then
  "$PY" - "$wall" <<'EOF'
import json, sys
from pathlib import Path
path = Path("bench/results.json")
results = json.loads(path.read_text())
results["bench_wall_seconds"] = int(sys.argv[1])
path.write_text(json.dumps(results, indent=2) + "\n")
EOF
fi
echo "== make bench took ${wall} s (gunicorn stopped)"
exit $status
