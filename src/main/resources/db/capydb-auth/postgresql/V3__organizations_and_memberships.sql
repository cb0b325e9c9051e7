-- The mirror of the provider's organizations and of who belongs to them, beside the users, in the
-- same shape for every provider. No foreign keys between the three tables: events arrive in any
-- order (a membership before its organization or its user), and each row is right on its own.
CREATE TABLE capydb_auth.organizations (
    id                text PRIMARY KEY,
    name              text,
    slug              text,
    image_url         text,
    created_at        timestamptz,
    updated_at        timestamptz,
    deleted_at        timestamptz,
    raw               jsonb NOT NULL,
    source_updated_at timestamptz
);

CREATE INDEX organizations_slug_idx ON capydb_auth.organizations (slug);

CREATE TABLE capydb_auth.memberships (
    organization_id   text NOT NULL,
    user_id           text NOT NULL,
    role              text,
    created_at        timestamptz,
    updated_at        timestamptz,
    deleted_at        timestamptz,
    raw               jsonb NOT NULL,
    source_updated_at timestamptz,
    PRIMARY KEY (organization_id, user_id)
);

-- A user's organizations; the primary key serves an organization's members.
CREATE INDEX memberships_user_id_idx ON capydb_auth.memberships (user_id);
