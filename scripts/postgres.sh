#!/usr/bin/env bash
# A PostgreSQL server of the tests' own: `scripts/postgres.sh CMD…` creates a cluster in a
# temporary directory, starts it on a free loopback port, runs CMD with
# SANDBOX_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT, then stops the server and
# removes the directory, whether CMD passed or not. PG_DURABLE=1 keeps fsync on (benchmarks).
set -euo pipefail
bin=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -1 || true)
[ -x "$bin/initdb" ] || { echo "postgres.sh: no PostgreSQL server binaries (scripts/setup.sh installs them)" >&2; exit 1; }
dir=$(mktemp -d /tmp/sandbox-pg.XXXXXX)
# initdb refuses root: the cluster belongs to the postgres user then
owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres "$dir"
stop() {
  owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
durable=off; [ -z "${PG_DURABLE:-}" ] || durable=on
# a free port: tried until one binds (another process may take a port between check and start)
port=
for p in $(shuf -i 20000-60000 -n 10); do
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
  if owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -c port=$p -c unix_socket_directories=$dir -c max_connections=300 -c fsync=$durable -c synchronous_commit=$durable" \
    start >/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "postgres.sh: the server did not start:" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
export SANDBOX_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port"
echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync $durable)"
"$@"
