#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store contract tests.
#
#   eval "$(scripts/postgres.sh start)"   # starts it (or finds it running) and exports D365XERO_TEST_POSTGRES
#   scripts/postgres.sh env               # prints the export line of the running server
#   scripts/postgres.sh stop              # stops it and removes its data
#
# Debian's PostgreSQL binaries are installed with apt-get when missing. The data lives in a temp
# folder owned by the postgres user (initdb refuses root); the server listens on 127.0.0.1 only,
# with trust auth, on the first free port from 55432 (PG_PORT overrides the start). Only the
# export line goes to stdout; everything else goes to stderr. One server per work tree: its
# whereabouts are kept in .pg/ (ignored by git) at the root of the work tree.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state_dir="$root/.pg"
state_file="$state_dir/server"
database="d365xero_test"
first_port="${PG_PORT:-55432}"

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_postgres() {
  log "PostgreSQL binaries not found; installing them with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q postgresql-15 >&2; then
    as_root apt-get update -q >&2
    as_root apt-get install -y -q postgresql-15 >&2 || as_root apt-get install -y -q postgresql >&2
  fi
}

# Runs a PostgreSQL program as the user that owns the data: postgres when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port="$first_port"
  while port_taken "$port"; do
    port=$((port + 1))
    if [ "$port" -gt $((first_port + 100)) ]; then
      log "no free port in ${first_port}..$((first_port + 100))"
      return 1
    fi
  done
  echo "$port"
}

export_line() {
  echo "export D365XERO_TEST_POSTGRES='Host=127.0.0.1;Port=$1;Username=postgres;Database=$database'"
}

# Reads the state of this work tree's server into $bin, $tmp and $port; false when there is none.
load_state() {
  [ -f "$state_file" ] || return 1
  # shellcheck disable=SC1090
  . "$state_file"
  [ -n "${bin:-}" ] && [ -n "${tmp:-}" ] && [ -n "${port:-}" ]
}

running() {
  load_state && [ -d "$tmp/data" ] && as_owner "$bin/pg_ctl" status -D "$tmp/data" >/dev/null 2>&1 \
    && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"
}

remove_server() {
  if load_state; then
    if [ -d "$tmp/data" ]; then
      as_owner "$bin/pg_ctl" stop -D "$tmp/data" -m fast -w >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
  fi
  rm -f "$state_file"
}

start() {
  if running; then
    export_line "$port"
    return 0
  fi
  # A stale state (machine restarted, temp cleaned): start over.
  remove_server

  bin="$(find_bin)" || { install_postgres; bin="$(find_bin)"; } || { log "no PostgreSQL binaries after install"; exit 1; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    log "user postgres is missing (it comes with Debian's postgresql-common)"
    exit 1
  fi
  port="$(free_port)"
  # /tmp rather than $TMPDIR: the postgres user must be able to reach it.
  tmp="$(mktemp -d /tmp/d365xero-pg.XXXXXX)"
  chmod 755 "$tmp"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$tmp"; fi
  mkdir -p "$state_dir"
  printf 'bin=%q\ntmp=%q\nport=%q\n' "$bin" "$tmp" "$port" >"$state_file"

  log "initdb in $tmp/data"
  as_owner "$bin/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --no-locale >"$tmp/initdb.log" 2>&1 \
    || { cat "$tmp/initdb.log" >&2; remove_server; exit 1; }
  log "starting on 127.0.0.1:$port"
  if ! as_owner "$bin/pg_ctl" start -D "$tmp/data" -w -t 60 -l "$tmp/server.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$tmp -c fsync=off -c max_connections=200" >/dev/null; then
    cat "$tmp/server.log" >&2 || true
    remove_server
    exit 1
  fi
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
  export_line "$port"
}

case "${1:-}" in
  start) start ;;
  env)
    if running; then export_line "$port"; else log "not running; use: eval \"\$(scripts/postgres.sh start)\""; exit 1; fi ;;
  stop)
    remove_server
    log "stopped" ;;
  *)
    echo "usage: scripts/postgres.sh start|stop|env" >&2
    exit 2 ;;
esac
