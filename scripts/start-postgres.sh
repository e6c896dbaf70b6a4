#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a free local port for the store tests.
#
#   eval "$(scripts/start-postgres.sh)"      # exports RISKMAP_TEST_POSTGRES_URL and RISKMAP_TEST_POSTGRES_DIR
#   scripts/start-postgres.sh --url          # prints only the URL: postgresql+psycopg://postgres@127.0.0.1:PORT/riskmap_test
#   scripts/start-postgres.sh --stop [DIR]   # stops the cluster in DIR (default: the one started last) and removes it
#
# Needs the Debian `postgresql` package (apt-get install -y postgresql). As root the server runs
# as the `postgres` user (PostgreSQL refuses to run as root), otherwise as the current user.
# Authentication is `trust` on 127.0.0.1 only: for tests, never for data. Progress goes to stderr.
set -euo pipefail

state_file="${TMPDIR:-/tmp}/riskmap-postgres.dir"

bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "${bin_dir}" || ! -x "${bin_dir}/initdb" ]]; then
    echo "start-postgres: PostgreSQL server binaries not found; install them: apt-get install -y postgresql" >&2
    exit 1
fi

as_server_user() {
    if [[ "$(id -u)" == "0" ]]; then
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

if [[ "${1:-}" == "--stop" ]]; then
    data_dir="${2:-}"
    if [[ -z "${data_dir}" && -f "${state_file}" ]]; then
        data_dir=$(cat "${state_file}")
    fi
    if [[ -n "${data_dir}" && -d "${data_dir}/data" ]]; then
        as_server_user "${bin_dir}/pg_ctl" -D "${data_dir}/data" -m immediate stop >&2 || true
        rm -rf "${data_dir}"
    fi
    rm -f "${state_file}"
    exit 0
fi

data_dir=$(mktemp -d "${TMPDIR:-/tmp}/riskmap-pg.XXXXXX")
if [[ "$(id -u)" == "0" ]]; then
    chown postgres:postgres "${data_dir}"
fi
chmod 700 "${data_dir}"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_server_user "${bin_dir}/initdb" -D "${data_dir}/data" -U postgres -A trust -E UTF8 --no-locale >&2
as_server_user "${bin_dir}/pg_ctl" -D "${data_dir}/data" -l "${data_dir}/server.log" -w -t 60 \
    -o "-p ${port} -k ${data_dir} -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
as_server_user "${bin_dir}/createdb" -h 127.0.0.1 -p "${port}" -U postgres riskmap_test >&2
echo "${data_dir}" > "${state_file}"

url="postgresql+psycopg://postgres@127.0.0.1:${port}/riskmap_test"
if [[ "${1:-}" == "--url" ]]; then
    echo "${url}"
else
    echo "export RISKMAP_TEST_POSTGRES_URL='${url}'"
    echo "export RISKMAP_TEST_POSTGRES_DIR='${data_dir}'"
fi
