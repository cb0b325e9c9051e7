-- The mirror of the provider's users; its shape is the same for every provider.
CREATE TABLE capydb_auth.users (
    id              text PRIMARY KEY,
    email           text,
    first_name      text,
    last_name       text,
    username        text,
    image_url       text,
    created_at      timestamptz,
    updated_at      timestamptz,
    last_sign_in_at timestamptz,
    deleted_at      timestamptz,
    raw             jsonb NOT NULL
);

CREATE INDEX users_email_idx ON capydb_auth.users (email);
