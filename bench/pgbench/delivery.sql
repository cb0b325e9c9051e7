-- pgbench custom script: capydb-auth-sync's per-delivery transaction on PostgreSQL, without HTTP,
-- JSON parsing or HMAC: the database's ceiling for the receiver's write path.
--
--   psql -v seeded=10000 -f bench/pgbench/seed.sql capydb_bench
--   pgbench -n -M prepared -c C -j 2 -T SECONDS -D seeded=10000 -f bench/pgbench/delivery.sql capydb_bench
--
-- One transaction per delivery with the receiver's statements (SqlDialect.POSTGRESQL): record the
-- delivery, then upsert the user with CAST(... AS jsonb) of a ~500-byte user object (built from the
-- variables, so parsed on every execution, as the receiver's parameter is). The receiver upserts only
-- when the delivery was new; here every key is random (71 characters, shaped like the receiver's
-- sha256:<hex> keys), so it always is. Half the transactions create a new user, half update one of
-- the :seeded users seed.sql inserted, like the load generator's create + update per user.
--
-- pgbench takes every ":name" in a statement, even inside a string literal, for a variable, so the
-- literals below write the colon of "10:30" as E'\x3a' and put a space in ": false" / ": null".
\set create random(0, 1)
\set key random(1, 9000000000000000000)
\if :create
\set n :seeded + random(1, 9000000000000000)
\else
\set n random(1, :seeded)
\endif
-- updatedAt: 2025-01-15T10:30:00.001Z for a create, a day later for an update (variables are numbers)
\set day 6 - :create
BEGIN;
INSERT INTO capydb_auth.deliveries (provider, delivery_id, received_at)
VALUES ('better-auth', 'sha256:' || md5(CAST(:key AS text)) || md5(CAST(:n AS text)), now())
ON CONFLICT (provider, delivery_id) DO NOTHING;
INSERT INTO capydb_auth.users AS u (id, email, first_name, last_name, username, image_url,
    created_at, updated_at, last_sign_in_at, raw, source_updated_at)
VALUES ('pgb-' || CAST(:n AS text), 'katherine.' || CAST(:n AS text) || '@mail.example.org', 'Katherine',
    'Ada Thompson', 'katherine_lovelace_' || CAST(:n AS text),
    'https://avatars.example.com/u/pgb-' || CAST(:n AS text) || '/profile.png?size=256&v=2',
    CAST(E'2025-01-15T10\x3a30\x3a00.001Z' AS timestamptz),
    CAST('2025-01-1' || CAST(:day AS text) || E'T10\x3a30\x3a00.001Z' AS timestamptz),
    NULL,
    CAST('{"id":"pgb-' || CAST(:n AS text) || '","name":"Katherine Ada Thompson","email":"katherine.'
        || CAST(:n AS text) || '@mail.example.org","emailVerified": true,"image":"https://avatars.example.com/u/pgb-'
        || CAST(:n AS text) || E'/profile.png?size=256&v=2","createdAt":"2025-01-15T10\x3a30\x3a00.001Z",'
        || '"updatedAt":"2025-01-1' || CAST(:day AS text) || E'T10\x3a30\x3a00.001Z","username":"katherine_lovelace_'
        || CAST(:n AS text) || '","displayUsername":"Katherine_Lovelace","role":"user","banned": false,'
        || '"banReason": null,"banExpires": null,"twoFactorEnabled": false,"lang":"fr-FR"}' AS jsonb),
    CAST('2025-01-1' || CAST(:day AS text) || E'T10\x3a30\x3a00.001Z' AS timestamptz))
ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
    last_name = EXCLUDED.last_name, username = EXCLUDED.username, image_url = EXCLUDED.image_url,
    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
    last_sign_in_at = EXCLUDED.last_sign_in_at, raw = EXCLUDED.raw,
    source_updated_at = EXCLUDED.source_updated_at
WHERE u.deleted_at IS NULL AND (EXCLUDED.source_updated_at IS NULL OR u.source_updated_at IS NULL
    OR EXCLUDED.source_updated_at >= u.source_updated_at);
END;
