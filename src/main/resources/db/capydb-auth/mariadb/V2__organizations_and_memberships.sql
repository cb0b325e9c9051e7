-- The mirror of the provider's organizations and of who belongs to them, beside the users, in the
-- same shape for every provider and in V1's types (binary collation without padding, DATETIME(6) in
-- UTC, raw as JSON). No foreign keys between the three tables: events arrive in any order (a
-- membership before its organization or its user), and each row is right on its own. The two ids
-- of a membership's key are at most 255 characters each: 2,040 bytes, under the 3,072 of a key.
CREATE TABLE capydb_auth.organizations (
    id                VARCHAR(255) NOT NULL PRIMARY KEY,
    name              TEXT,
    slug              TEXT,
    image_url         TEXT,
    created_at        DATETIME(6),
    updated_at        DATETIME(6),
    deleted_at        DATETIME(6),
    raw               JSON NOT NULL,
    source_updated_at DATETIME(6),
    INDEX organizations_slug_idx (slug(255))
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

-- A user's organizations by the index; the primary key serves an organization's members.
CREATE TABLE capydb_auth.memberships (
    organization_id   VARCHAR(255) NOT NULL,
    user_id           VARCHAR(255) NOT NULL,
    role              TEXT,
    created_at        DATETIME(6),
    updated_at        DATETIME(6),
    deleted_at        DATETIME(6),
    raw               JSON NOT NULL,
    source_updated_at DATETIME(6),
    PRIMARY KEY (organization_id, user_id),
    INDEX memberships_user_id_idx (user_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
