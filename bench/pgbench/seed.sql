-- Empties the mirror's tables and inserts :seeded users (ids pgb-1 .. pgb-<seeded>) for delivery.sql
-- to update, shaped like the load generator's users. psql -v seeded=10000 -f seed.sql capydb_bench
TRUNCATE capydb_auth.users, capydb_auth.deliveries;
INSERT INTO capydb_auth.users (id, email, first_name, last_name, username, image_url, created_at,
    updated_at, last_sign_in_at, raw, source_updated_at)
SELECT 'pgb-' || n, 'ada.lovelace.' || n || '@example.com', 'Ada', 'Lovelace', 'ada_lovelace_' || n,
    'https://avatars.example.com/u/pgb-' || n || '/profile.png?size=256&v=1',
    '2025-01-15T10:30:00.001Z', '2025-01-15T10:30:00.001Z', NULL,
    CAST('{"id":"pgb-' || n || '","name":"Ada Lovelace","email":"ada.lovelace.' || n
        || '@example.com","emailVerified":false,"image":"https://avatars.example.com/u/pgb-' || n
        || '/profile.png?size=256&v=1","createdAt":"2025-01-15T10:30:00.001Z","updatedAt":"2025-01-15T10:30:00.001Z",'
        || '"username":"ada_lovelace_' || n || '","displayUsername":"Ada_Lovelace","role":"user","banned":false,'
        || '"banReason":null,"banExpires":null,"twoFactorEnabled":false,"lang":"en-GB"}' AS jsonb),
    '2025-01-15T10:30:00.001Z'
FROM generate_series(1, :seeded) AS n;
VACUUM ANALYZE capydb_auth.users;
VACUUM ANALYZE capydb_auth.deliveries;
CHECKPOINT;
