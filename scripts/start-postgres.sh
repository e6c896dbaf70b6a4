#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a free local port and print its SQLAlchemy URL.
#
#   url=$(scripts/start-postgres.sh)            # starts; prints postgresql+psycopg://postgres@127.0.0.1:PORT/riskmap_test
#   scripts/start-postgres.sh --stop            # stops the cluster started last (and removes its folder)
#
# Needs the Debian `postgresql` package (apt-get install -y postgresql). Runs the server as the
# `postgres` user (PostgreSQL refuses to run as root); authentication is `trust` on 127.0.0.1
# only, so use it for tests, never for data. Progress goes to stderr; stdout is only the URL.
set -euo pipefail

state_file="${TMPDIR:-/tmp}/riskmap-postgres.dir"

bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "${bin_dir}" || ! -x "${bin_dir}/initdb" ]]; then
    echo "start-postgres: PostgreSQL server binaries not found; install them: apt-get install -y postgresql" >&2
    exit 1
fi

as_postgres() {
    if [[ "$(id -un)" == "postgres" ]]; then
        "$@"
    else
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

if [[ "${1:-}" == "--stop" ]]; then
    if [[ -f "${state_file}" ]]; then
        data_dir=$(cat "${state_file}")
        as_postgres "${bin_dir}/pg_ctl" -D "${data_dir}/data" -m immediate stop >&2 || true
        rm -rf "${data_dir}" "${state_file}"
    fi
    exit 0
fi

data_dir=$(mktemp -d "${TMPDIR:-/tmp}/riskmap-pg.XXXXXX")
chown postgres:postgres "${data_dir}" 2>/dev/null || true
chmod 700 "${data_dir}"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_postgres "${bin_dir}/initdb" -D "${data_dir}/data" -U postgres -A trust -E UTF8 --no-locale >&2
as_postgres "${bin_dir}/pg_ctl" -D "${data_dir}/data" -l "${data_dir}/server.log" -w -t 60 \
    -o "-p ${port} -k ${data_dir} -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
as_postgres "${bin_dir}/createdb" -h 127.0.0.1 -p "${port}" -U postgres riskmap_test >&2
echo "${data_dir}" > "${state_file}"
echo "postgresql+psycopg://postgres@127.0.0.1:${port}/riskmap_test"
