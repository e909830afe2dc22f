#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: `scripts/test-postgres.sh node --test dist/test/*.test.js`.
# It starts a fresh cluster in /tmp on a free loopback port from the PostgreSQL binaries on the machine
# (installing Debian's `postgresql` package when there are none and we are root), exports
# VPCLITE_TEST_STORE=postgres and VPCLITE_TEST_PG_URL for the command, stops the server and removes its files
# afterwards whatever happens, and exits with the command's status.
#
# The server is tuned for tests, not for keeping data: fsync and synchronous_commit are off (a kill -9 of
# vpclite still loses nothing, the server keeps running; only a crash of the machine would).
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BIN=$(find_bin)
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "test-postgres: no PostgreSQL binaries under /usr/lib/postgresql/*/bin; install the 'postgresql' package" >&2
    exit 1
  fi
  echo "test-postgres: installing PostgreSQL (apt-get install postgresql)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  BIN=$(find_bin)
  if [[ -z "$BIN" ]]; then
    echo "test-postgres: installing PostgreSQL gave no binaries under /usr/lib/postgresql/*/bin" >&2
    exit 1
  fi
fi

# initdb and postgres refuse to run as root: run them as an unprivileged user.
AS=()
if [[ $(id -u) -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then RUN_USER=postgres; else RUN_USER=nobody; fi
  AS=(runuser -u "$RUN_USER" --)
fi

DIR=$(mktemp -d /tmp/vpclite-pg.XXXXXX)
chmod 755 "$DIR"
[[ ${#AS[@]} -gt 0 ]] && chown "$RUN_USER" "$DIR"

PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

stop() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log" 2>&1 || {
  cat "$DIR/initdb.log" >&2
  exit 1
}
OPTIONS="-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200 -c fsync=off"
OPTIONS+=" -c synchronous_commit=off -c full_page_writes=off"
# Extra server options from the caller, e.g. VPCLITE_PG_OPTIONS='-c max_pred_locks_per_transaction=256' to try
# a tuning that docs/scaling.md discusses.
OPTIONS+=" ${VPCLITE_PG_OPTIONS:-}"
if ! "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -o "$OPTIONS" -l "$DIR/server.log" -w -t 60 start >/dev/null; then
  cat "$DIR/server.log" >&2
  exit 1
fi
echo "test-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2

export VPCLITE_TEST_STORE=postgres
export VPCLITE_TEST_PG_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
set +e
"$@"
STATUS=$?
set -e
exit $STATUS
