#!/bin/sh
# Runs once, when the PostgreSQL container first initialises its data (docker-entrypoint-initdb.d). Creates the
# app's runtime login role in the group fast_track_runtime (ADR 031); POSTGRES_USER owns the schema and runs the
# migrations, and the migrations grant the group what the app may do.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$FAST_TRACK_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE fast_track_runtime NOLOGIN;
CREATE ROLE fasttrack_app LOGIN PASSWORD :'app_password' IN ROLE fast_track_runtime;
SQL
