-- The source time of the change a row reflects (the user's updatedAt, else the envelope timestamp):
-- an older event must not overwrite a newer one, however late it arrives.
ALTER TABLE capydb_auth.users ADD COLUMN source_updated_at timestamptz;
UPDATE capydb_auth.users SET source_updated_at = updated_at;

-- Every delivery applied, so a redelivery changes nothing; pruned after the retention period.
CREATE TABLE capydb_auth.deliveries (
    provider    text        NOT NULL,
    delivery_id text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (provider, delivery_id)
);

CREATE INDEX deliveries_received_at_idx ON capydb_auth.deliveries (received_at);
