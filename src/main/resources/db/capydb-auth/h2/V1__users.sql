-- The mirror of the provider's users; its shape is the same for every provider.
CREATE TABLE capydb_auth.users (
    id              CHARACTER VARYING PRIMARY KEY,
    email           CHARACTER VARYING,
    first_name      CHARACTER VARYING,
    last_name       CHARACTER VARYING,
    username        CHARACTER VARYING,
    image_url       CHARACTER VARYING,
    created_at      TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE,
    last_sign_in_at TIMESTAMP WITH TIME ZONE,
    deleted_at      TIMESTAMP WITH TIME ZONE,
    raw             JSON NOT NULL
);

CREATE INDEX users_email_idx ON capydb_auth.users (email);
