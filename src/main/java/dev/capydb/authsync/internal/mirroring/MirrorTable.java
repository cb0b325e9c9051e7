package dev.capydb.authsync.internal.mirroring;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.Organization;
import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The mirror's tables: each one's key and typed columns, and the values an event holds for them.
 * Besides these, every table has {@code deleted_at}, {@code raw} (the provider's object) and
 * {@code source_updated_at} (the source time of the change the row reflects). The last typed column,
 * {@code provider}, says which provider wrote the row, for a reconciliation to compare only its own. The write path is the
 * same for all three; they differ only in what a deletion means.
 */
enum MirrorTable {

    /** A deleted user stays deleted: no event clears {@code deleted_at}. */
    USERS("users", NormalizedEvent.Subject.USER, true,
            List.of(Column.text("id")),
            List.of(Column.text("email"), Column.text("first_name"), Column.text("last_name"), Column.text("username"),
                    Column.text("image_url"), Column.time("created_at"), Column.time("updated_at"),
                    Column.time("last_sign_in_at"), Column.text("provider"))),

    /** A deleted organization stays deleted, like a user. */
    ORGANIZATIONS("organizations", NormalizedEvent.Subject.ORGANIZATION, true,
            List.of(Column.text("id")),
            List.of(Column.text("name"), Column.text("slug"), Column.text("image_url"), Column.time("created_at"),
                    Column.time("updated_at"), Column.text("provider"))),

    /**
     * A removed member can come back: the row takes any event newer than its source time, a removal
     * setting {@code deleted_at} and any other event clearing it; at the same source time a removal
     * wins. An event without a source time applies only to a live row.
     */
    MEMBERSHIPS("memberships", NormalizedEvent.Subject.MEMBERSHIP, false,
            List.of(Column.text("organization_id"), Column.text("user_id")),
            List.of(Column.text("role"), Column.time("created_at"), Column.time("updated_at"), Column.text("provider")));

    /** A typed column: text, or a timestamp (bound as the dialect binds instants). */
    record Column(String name, boolean timestamp) {

        static Column text(String name) {
            return new Column(name, false);
        }

        static Column time(String name) {
            return new Column(name, true);
        }
    }

    /** The table's name in the {@code capydb_auth} schema. */
    final String table;
    final NormalizedEvent.Subject subject;
    /** Whether a deleted row stays deleted whatever comes after. */
    final boolean deletionIsFinal;
    final List<Column> key;
    /** The typed columns after the key, in the order {@link #values} gives them. */
    final List<Column> columns;

    MirrorTable(String table, NormalizedEvent.Subject subject, boolean deletionIsFinal, List<Column> key,
            List<Column> columns) {
        this.table = table;
        this.subject = subject;
        this.deletionIsFinal = deletionIsFinal;
        this.key = key;
        this.columns = columns;
    }

    /** The table an event writes to. */
    static MirrorTable of(NormalizedEvent event) {
        NormalizedEvent.Subject subject = event.subject();
        return Arrays.stream(values()).filter(table -> table.subject == subject).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(event.name() + " writes no table"));
    }

    /** The row's key, in the order of {@link #key}. */
    List<String> keyOf(NormalizedEvent event) {
        return switch (this) {
            case USERS -> List.of(event.user().id());
            case ORGANIZATIONS -> List.of(event.organization().id());
            case MEMBERSHIPS -> List.of(event.membership().organizationId(), event.membership().userId());
        };
    }

    /**
     * The typed columns' values ({@link String} or {@link Instant}, or {@code null}), in the order of
     * {@link #columns}: the object's, then the id of the {@code provider} that wrote it.
     */
    List<Object> values(NormalizedEvent event, String provider) {
        List<Object> values = new ArrayList<>(objectValues(event));
        values.add(provider);
        return values;
    }

    private List<Object> objectValues(NormalizedEvent event) {
        return switch (this) {
            case USERS -> {
                User user = event.user();
                yield nullable(user.email(), user.firstName(), user.lastName(), user.username(), user.imageUrl(),
                        user.createdAt(), user.updatedAt(), user.lastSignInAt());
            }
            case ORGANIZATIONS -> {
                Organization organization = event.organization();
                yield nullable(organization.name(), organization.slug(), organization.imageUrl(),
                        organization.createdAt(), organization.updatedAt());
            }
            case MEMBERSHIPS -> {
                Membership membership = event.membership();
                yield nullable(membership.role(), membership.createdAt(), membership.updatedAt());
            }
        };
    }

    /** The provider's object as JSON text. */
    String raw(NormalizedEvent event) {
        return switch (this) {
            case USERS -> event.user().raw();
            case ORGANIZATIONS -> event.organization().raw();
            case MEMBERSHIPS -> event.membership().raw();
        };
    }

    /**
     * The deletion of the row {@code key} that holds {@code raw}, at {@code at}: what a reconciliation
     * writes for an object its source no longer has.
     */
    NormalizedEvent deletion(List<String> key, String raw, Instant at) {
        return switch (this) {
            case USERS -> NormalizedEvent.of("user.deleted", NormalizedEvent.Kind.DELETED,
                    new User(key.get(0), null, null, null, null, null, null, null, null, raw), null, at);
            case ORGANIZATIONS -> NormalizedEvent.of("organization.deleted", NormalizedEvent.Kind.DELETED,
                    new Organization(key.get(0), null, null, null, null, null, raw), null, at);
            case MEMBERSHIPS -> NormalizedEvent.of("membership.deleted", NormalizedEvent.Kind.DELETED,
                    new Membership(key.get(0), key.get(1), null, null, null, raw), null, at);
        };
    }

    /** The table of {@code subject}. */
    static MirrorTable of(NormalizedEvent.Subject subject) {
        return Arrays.stream(values()).filter(table -> table.subject == subject).findFirst().orElseThrow();
    }

    /** Every column name in statement order: key, typed columns, then {@code extra}. */
    List<String> names(String... extra) {
        return Stream.of(key.stream().map(Column::name), columns.stream().map(Column::name), Arrays.stream(extra))
                .flatMap(s -> s).toList();
    }

    private static List<Object> nullable(Object... values) {
        return Arrays.asList(values);
    }
}
