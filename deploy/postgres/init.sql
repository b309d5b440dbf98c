-- One database per service, each with btree_gist (booking's no-double-booking exclusion constraint
-- and availability's range checks need it). Run by psql: by the postgres image's entrypoint
-- (docker-compose.yml) and by deploy/local/postgres.sh. Idempotent: \gexec only creates what is missing,
-- since CREATE DATABASE has no IF NOT EXISTS.

SELECT format('CREATE DATABASE %I', name)
FROM unnest(ARRAY['directory', 'availability', 'booking', 'notifications', 'calendar_sync']) AS name
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = name)
\gexec

\connect directory
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect availability
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect booking
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect notifications
CREATE EXTENSION IF NOT EXISTS btree_gist;
\connect calendar_sync
CREATE EXTENSION IF NOT EXISTS btree_gist;
