#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server for the test suite.
#   eval "$(scripts/throwaway-postgres.sh start)"   -> exports DATABASE_URL, PG_THROWAWAY_DIR
#   scripts/throwaway-postgres.sh stop "$PG_THROWAWAY_DIR"
# Needs root (it runs the server as the postgres user) and installs Debian's
# postgresql package when no server binaries are found.
set -euo pipefail
PORT="${PG_THROWAWAY_PORT:-54329}"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

case "${1:-}" in
  start)
    if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
      echo "Installing PostgreSQL..." >&2
      apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    fi
    BIN="$(pg_bin)"
    DIR="$(mktemp -d /tmp/mobinnov-pg.XXXXXX)"
    chown postgres:postgres "$DIR"
    su postgres -s /bin/sh -c "$BIN/initdb -D '$DIR/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >"$DIR/initdb.log" 2>&1
    su postgres -s /bin/sh -c "$BIN/pg_ctl -D '$DIR/data' -l '$DIR/log' -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >&2
    echo "export PG_THROWAWAY_DIR='$DIR'"
    echo "export DATABASE_URL='postgres://postgres@127.0.0.1:$PORT/mobinnov'"
    ;;
  stop)
    DIR="${2:?directory}"
    BIN="$(pg_bin)"
    su postgres -s /bin/sh -c "$BIN/pg_ctl -D '$DIR/data' -m fast -w stop" >&2 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
