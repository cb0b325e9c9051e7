-- The mirror of the provider's organizations and of who belongs to them, beside the users, in the
-- same shape for every provider. No foreign keys between the three tables: events arrive in any
-- order (a membership before its organization or its user), and each row is right on its own.
-- raw holds the JSON text, as in users since V3.
CREATE TABLE capydb_auth.organizations (
    id                CHARACTER VARYING PRIMARY KEY,
    name              CHARACTER VARYING,
    slug              CHARACTER VARYING,
    image_url         CHARACTER VARYING,
    created_at        TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE,
    deleted_at        TIMESTAMP WITH TIME ZONE,
    raw               CHARACTER LARGE OBJECT NOT NULL,
    source_updated_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX organizations_slug_idx ON capydb_auth.organizations (slug);

CREATE TABLE capydb_auth.memberships (
    organization_id   CHARACTER VARYING NOT NULL,
    user_id           CHARACTER VARYING NOT NULL,
    role              CHARACTER VARYING,
    created_at        TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE,
    deleted_at        TIMESTAMP WITH TIME ZONE,
    raw               CHARACTER LARGE OBJECT NOT NULL,
    source_updated_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (organization_id, user_id)
);

-- A user's organizations; the primary key serves an organization's members.
CREATE INDEX memberships_user_id_idx ON capydb_auth.memberships (user_id);
