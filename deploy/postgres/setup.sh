#!/usr/bin/env bash
# PostgreSQL for RightResponse from Debian's packages: install if missing, start the
# cluster, create the role and database `rightresponse` with a password generated here
# and kept in ~/.config/rightresponse/postgres.env, copied to .run/postgres.env (both mode
# 600, never committed). Idempotent: a second run reuses the stored password. The role is
# the machine's, so every checkout on the machine shares one password: a second clone's
# setup must not change it under a suite running in the first. Prints the database URL
# on stdout (last line).
#
# It also creates the role `rightresponse_audit` (password AUDIT_POSTGRES_PASSWORD, URL
# AUDIT_DATABASE_URL, kept in the same files): the role audit runs as in production. The
# owner runs `rightresponse audit grant` once (the migration: tables, then privileges),
# after which that role may only INSERT and SELECT the audit chain.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
RUN_DIR=${RR_RUN_DIR:-.run}
ENV_FILE="$RUN_DIR/postgres.env"
SHARED_FILE="${RR_POSTGRES_ENV_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/rightresponse}/postgres.env"
PORT=${RR_POSTGRES_PORT:-5432}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sudo -u postgres sh -c "$*"; fi
}

if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

read -r version cluster _ < <(pg_lsclusters -h | head -1)
if ! pg_lsclusters -h | head -1 | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start || service postgresql start
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$PORT"

mkdir -p "$RUN_DIR" "$(dirname "$SHARED_FILE")"
if [ -f "$SHARED_FILE" ]; then
  # shellcheck disable=SC1090
  . "$SHARED_FILE"
elif [ -f "$ENV_FILE" ]; then
  # shellcheck disable=SC1090
  . "$ENV_FILE"
else
  POSTGRES_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
fi
# A file written by an older setup has no audit role password yet: make one (it is the
# audit role's alone, so changing it never locks out a suite using the owner role).
if [ -z "${AUDIT_POSTGRES_PASSWORD:-}" ] && [ -f "$ENV_FILE" ]; then
  AUDIT_POSTGRES_PASSWORD=$(sed -n 's/^AUDIT_POSTGRES_PASSWORD=//p' "$ENV_FILE")
fi
if [ -z "${AUDIT_POSTGRES_PASSWORD:-}" ]; then
  AUDIT_POSTGRES_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
fi
umask 077
for file in "$SHARED_FILE" "$ENV_FILE"; do
  cat > "$file" <<ENV
POSTGRES_PASSWORD=$POSTGRES_PASSWORD
RR_DATABASE_URL=postgresql://rightresponse:$POSTGRES_PASSWORD@127.0.0.1:$PORT/rightresponse
AUDIT_POSTGRES_PASSWORD=$AUDIT_POSTGRES_PASSWORD
AUDIT_DATABASE_URL=postgresql://rightresponse_audit:$AUDIT_POSTGRES_PASSWORD@127.0.0.1:$PORT/rightresponse
ENV
  chmod 600 "$file"
done

as_postgres "psql -q -v ON_ERROR_STOP=1 -p $PORT" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rightresponse') THEN
    CREATE ROLE rightresponse LOGIN;
  END IF;
END \$\$;
ALTER ROLE rightresponse WITH LOGIN PASSWORD '$POSTGRES_PASSWORD';
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rightresponse_audit') THEN
    CREATE ROLE rightresponse_audit LOGIN;
  END IF;
END \$\$;
ALTER ROLE rightresponse_audit WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$AUDIT_POSTGRES_PASSWORD';
SQL
if ! as_postgres "psql -tA -p $PORT -c \"SELECT 1 FROM pg_database WHERE datname='rightresponse'\"" | grep -q 1; then
  as_postgres "createdb -p $PORT -O rightresponse rightresponse"
fi
echo "postgresql://rightresponse:$POSTGRES_PASSWORD@127.0.0.1:$PORT/rightresponse"
