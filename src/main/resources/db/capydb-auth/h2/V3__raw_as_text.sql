-- raw holds the JSON text. H2's JSON type hands JDBC readers bytes, which EclipseLink (Payara's JPA
-- provider) turns into hex rather than text; a character column reads as the text everywhere.
-- (PostgreSQL keeps jsonb: every driver reads it as text.)
ALTER TABLE capydb_auth.users ALTER COLUMN raw SET DATA TYPE CHARACTER LARGE OBJECT;
