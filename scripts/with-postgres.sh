#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a throwaway PostgreSQL 15 cluster, started in a
# temporary folder on a free port as the `postgres` user, and stopped again however it ends.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $PGBIN/initdb ]]; then
  echo "PostgreSQL 15 server binaries not found in $PGBIN (apt-get install -y postgresql-15)" >&2
  exit 1
fi
tmp=$(mktemp -d /tmp/policybuilder-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}
if [[ $(id -u) -eq 0 ]]; then chown postgres "$tmp"; fi
stop() {
  as_postgres "$PGBIN/pg_ctl -D $tmp/data -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT
# C.UTF-8 whatever the caller's locale: upper() folds every letter, as Django's case-insensitive
# look-ups need, and text sorts by code point, as it does on SQLite.
as_postgres "$PGBIN/initdb -D $tmp/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null
if ! as_postgres "$PGBIN/pg_ctl -D $tmp/data -l $tmp/log -o '-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off' -w start" >/dev/null; then
  cat "$tmp/log" >&2 || true
  exit 1
fi
echo "PostgreSQL 15 on 127.0.0.1:$port"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
