#!/usr/bin/env bash
# Serve Policy Builder as in production, on loopback: gunicorn with DEBUG off, static files
# collected and served by whitenoise (compressed, hashed names), persistent database connections,
# and the background-task worker beside it.
# Every variable below can be set beforehand; see docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

export DJANGO_SETTINGS_MODULE=policybuilder.settings
export DJANGO_DEBUG=${DJANGO_DEBUG:-0}
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
# Plain http on loopback: no redirect to https, and cookies a browser sends without TLS.
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}
export DJANGO_INSECURE_LOCAL_HTTP=${DJANGO_INSECURE_LOCAL_HTTP:-1}
export BIND=${BIND:-127.0.0.1:8000}
# The address links in e-mails start with.
export DJANGO_SITE_URL=${DJANGO_SITE_URL:-http://$BIND}
if [[ -z ${DJANGO_SECRET_KEY:-} ]]; then
  DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
  export DJANGO_SECRET_KEY
  echo "DJANGO_SECRET_KEY is not set: generated one for this run (sessions end when it stops)."
fi

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput --verbosity 0
echo "Policy Builder (production settings) at http://$BIND (stop with Ctrl+C)"
# gunicorn for the pages, and the task worker (manage.py db_worker) that sends the e-mail; on
# several machines run one or more workers anywhere that reaches the same database.
exec bash scripts/with-worker.sh "$PY" -m gunicorn policybuilder.wsgi -c gunicorn.conf.py
