#!/usr/bin/env bash
# Sourced by .ci/run before the build: starts a throwaway PostgreSQL cluster for the store tests and exports its JDBC
# URL as BACKPROP_TEST_POSTGRES_URL. Installs Debian's postgresql when it is missing. The cluster lives in a fresh
# directory under /tmp (the postgres user may not reach the checkout) and is stopped, and removed, when .ci/run exits.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

pg_dir=$(mktemp -d /tmp/backprop-pg.XXXXXX)
pg_as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$pg_dir"
  pg_as=(runuser -u postgres --)
fi
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync >"$pg_dir/initdb.log"

pg_port=
for _ in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 40000))
  if "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start \
       -o "-p $candidate -k $pg_dir -c listen_addresses=localhost -c fsync=off" >/dev/null; then
    pg_port=$candidate
    break
  fi
done
if [ -z "$pg_port" ]; then
  echo "PostgreSQL did not start; its log:" >&2
  cat "$pg_dir/server.log" >&2
  exit 1
fi
export BACKPROP_TEST_POSTGRES_URL="jdbc:postgresql://localhost:$pg_port/postgres?user=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') for the store tests at $BACKPROP_TEST_POSTGRES_URL"

# Stops the cluster once the shell that sourced this script has exited (its own EXIT trap stays free for other uses).
parent=$$
(
  while kill -0 "$parent" 2>/dev/null; do sleep 1; done
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop
  rm -rf "$pg_dir"
) >/dev/null 2>&1 </dev/null &
