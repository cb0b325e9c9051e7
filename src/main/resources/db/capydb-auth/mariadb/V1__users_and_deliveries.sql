-- The tables of PostgreSQL's V1 to V3 in one migration, in MariaDB's types:
-- * a binary collation without padding, so ids and keys compare byte for byte as on PostgreSQL
--   ('usr_a', 'USR_A' and 'usr_a ' are three users), in utf8mb4, so every character is stored;
-- * DATETIME(6) holding UTC (TIMESTAMP would end in 2038), microseconds as PostgreSQL keeps;
-- * raw as JSON (LONGTEXT checked by JSON_VALID): the provider's JSON text as it was sent.
-- An id is at most 255 characters and a delivery key 512: the primary keys' limit of 3072 bytes.

-- The mirror of the provider's users; its shape is the same for every provider.
-- source_updated_at: the source time of the change a row reflects (the user's updatedAt, else the
-- envelope timestamp): an older event must not overwrite a newer one, however late it arrives.
CREATE TABLE capydb_auth.users (
    id                VARCHAR(255) NOT NULL PRIMARY KEY,
    email             TEXT,
    first_name        TEXT,
    last_name         TEXT,
    username          TEXT,
    image_url         TEXT,
    created_at        DATETIME(6),
    updated_at        DATETIME(6),
    last_sign_in_at   DATETIME(6),
    deleted_at        DATETIME(6),
    raw               JSON NOT NULL,
    source_updated_at DATETIME(6),
    INDEX users_email_idx (email(255))
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

-- Every delivery applied, so a redelivery changes nothing; pruned after the retention period.
CREATE TABLE capydb_auth.deliveries (
    provider    VARCHAR(64)  NOT NULL,
    delivery_id VARCHAR(512) NOT NULL,
    received_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (provider, delivery_id),
    INDEX deliveries_received_at_idx (received_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
