package dev.capydb.authsync.internal.mirroring;

import static dev.capydb.authsync.internal.common.Outcome.CHANGED;
import static dev.capydb.authsync.internal.common.Outcome.CHANGED_WHILE_DELETED;
import static dev.capydb.authsync.internal.common.Outcome.DUPLICATE;
import static dev.capydb.authsync.internal.common.Outcome.INSERTED;
import static dev.capydb.authsync.internal.common.Outcome.NOT_MIRRORED;
import static dev.capydb.authsync.internal.common.Outcome.UNCHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.Organization;
import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The statements of one group-commit transaction on H2, table by table: what each write does to its
 * row, and what it answers. The same statements run on PostgreSQL and MariaDB in the integration tests.
 */
class MirrorTransactionTest {

    private static final Instant T1 = Instant.parse("2025-01-15T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-01-16T10:00:00Z");
    private static final Instant T3 = Instant.parse("2025-01-17T10:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2025-02-01T00:00:00Z");

    private final H2Mirror h2 = new H2Mirror();
    private final AtomicInteger keys = new AtomicInteger();

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void aCreatedUserFillsEveryColumn() throws SQLException {
        User user = new User("usr_1", "ada@example.com", "Ada", "Lovelace", "ada", "https://i/a.png", T1, T2, T3,
                "{\"id\":\"usr_1\",\"plugin\":true}");
        assertEquals(List.of(CHANGED), apply(write(NormalizedEvent.of("user.created", Kind.CREATED, user, null, null))));

        Map<String, Object> row = user("usr_1");
        assertEquals("ada@example.com", row.get("email"));
        assertEquals("Ada", row.get("first_name"));
        assertEquals("Lovelace", row.get("last_name"));
        assertEquals("ada", row.get("username"));
        assertEquals("https://i/a.png", row.get("image_url"));
        assertEquals(T1, row.get("created_at"));
        assertEquals(T2, row.get("updated_at"));
        assertEquals(T3, row.get("last_sign_in_at"));
        assertEquals(T2, row.get("source_updated_at"));
        assertEquals("test", row.get("provider"));
        assertNull(row.get("deleted_at"));
        assertEquals("{\"id\":\"usr_1\",\"plugin\":true}", row.get("raw"));
    }

    @Test
    void anOlderEventLeavesANewerRowAsItIs() throws SQLException {
        apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "new@example.com", T2)));
        assertEquals(List.of(UNCHANGED), apply(write(userEvent("user.updated", Kind.UPDATED, "usr_1", "old@example.com", T1))));
        assertEquals(List.of(CHANGED), apply(write(userEvent("user.updated", Kind.UPDATED, "usr_1", "newer@example.com", T3))));
        assertEquals("newer@example.com", user("usr_1").get("email"));
    }

    @Test
    void aRedeliveryChangesNothing() throws SQLException {
        MirrorWrite created = write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T1));
        assertEquals(List.of(CHANGED, DUPLICATE), apply(created, created), "the same key twice in one batch");
        MirrorWrite changed = new MirrorWrite("test", created.key(), RECEIVED,
                userEvent("user.updated", Kind.UPDATED, "usr_1", "b@example.com", T2), null);
        assertEquals(List.of(DUPLICATE), apply(changed), "the same key in a later batch");
        assertEquals("a@example.com", user("usr_1").get("email"));
        assertEquals(1, h2.query("SELECT * FROM capydb_auth.deliveries").size());
    }

    @Test
    void theKeyIsTheProvidersOwn() throws SQLException {
        MirrorWrite created = write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T1));
        MirrorWrite sameKeyOtherProvider = new MirrorWrite("other", created.key(), RECEIVED,
                userEvent("user.updated", Kind.UPDATED, "usr_1", "b@example.com", T2), null);
        assertEquals(List.of(CHANGED, CHANGED), apply(created, sameKeyOtherProvider));
        assertEquals("other", user("usr_1").get("provider"));
    }

    @Test
    void aDeletedUserStaysDeleted() throws SQLException {
        apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T1)));
        assertEquals(List.of(CHANGED), apply(write(deletion("usr_1", T2))));
        Map<String, Object> deleted = user("usr_1");
        assertEquals(T2, deleted.get("deleted_at"));
        assertEquals("a@example.com", deleted.get("email"), "soft delete keeps the row");

        assertEquals(List.of(UNCHANGED), apply(write(userEvent("user.updated", Kind.UPDATED, "usr_1", "b@example.com", T3))));
        assertEquals(List.of(UNCHANGED), apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "c@example.com", T3))));
        assertEquals(List.of(UNCHANGED), apply(write(deletion("usr_1", T3))), "deleted once");
        assertEquals(T2, user("usr_1").get("deleted_at"));
        assertEquals("a@example.com", user("usr_1").get("email"));
    }

    @Test
    void anEventFromBeforeTheDeletionThatArrivesAfterItStillApplies() throws SQLException {
        apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T1)));
        apply(write(deletion("usr_1", T3)));
        assertEquals(List.of(CHANGED_WHILE_DELETED),
                apply(write(userEvent("user.updated", Kind.UPDATED, "usr_1", "b@example.com", T2))));
        Map<String, Object> row = user("usr_1");
        assertEquals("b@example.com", row.get("email"));
        assertEquals(T3, row.get("deleted_at"));
    }

    @Test
    void aDeletionOfAnUnknownUserKeepsALateCreateOut() throws SQLException {
        assertEquals(List.of(CHANGED), apply(write(deletion("usr_1", T2))));
        assertNotNull(user("usr_1").get("deleted_at"));
        assertEquals(List.of(UNCHANGED), apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T3))));
        assertNull(user("usr_1").get("email"));
    }

    @Test
    void aSnapshotTellsANewObjectFromAKnownOne() throws SQLException {
        NormalizedEvent snapshot = userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T2).asSnapshot();
        MirrorWrite first = write(snapshot);
        assertEquals(List.of(INSERTED), apply(first));
        assertEquals(List.of(DUPLICATE), apply(first), "a second backfill finds its key");
        assertEquals(List.of(UNCHANGED), apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "old@example.com", T1)
                .asSnapshot())));
        assertEquals(List.of(CHANGED), apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "new@example.com", T3)
                .asSnapshot())));
        assertEquals("new@example.com", user("usr_1").get("email"));
    }

    @Test
    void anEventWithoutASourceTimeAppliesToALiveRowOnly() throws SQLException {
        apply(write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T2)));
        assertEquals(List.of(CHANGED), apply(write(userEvent("user.updated", Kind.UPDATED, "usr_1", "b@example.com", null))));
        assertEquals("b@example.com", user("usr_1").get("email"));
        apply(write(deletion("usr_1", T3)));
        assertEquals(List.of(UNCHANGED), apply(write(userEvent("user.updated", Kind.UPDATED, "usr_1", "c@example.com", null))));
    }

    @Test
    void theEventsOfOneRowInOneBatchTakeEffectInTheirOrder() throws SQLException {
        assertEquals(List.of(CHANGED, CHANGED, UNCHANGED, CHANGED), apply(
                write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T1)),
                write(userEvent("user.updated", Kind.UPDATED, "usr_1", "b@example.com", T3)),
                write(userEvent("user.updated", Kind.UPDATED, "usr_1", "stale@example.com", T2)),
                write(userEvent("user.created", Kind.CREATED, "usr_2", "other@example.com", T1))));
        assertEquals("b@example.com", user("usr_1").get("email"));
        assertEquals("other@example.com", user("usr_2").get("email"));
    }

    @Test
    void anEventTheTablesDoNotHoldIsRecordedAndWritesNothing() throws SQLException {
        MirrorWrite session = write(NormalizedEvent.notMirrored("session.created", "evt_1", T1));
        assertEquals(List.of(NOT_MIRRORED), apply(session));
        assertEquals(List.of(DUPLICATE), apply(session));
        assertEquals(0, h2.query("SELECT * FROM capydb_auth.users").size());
    }

    @Test
    void aFailedBatchLeavesNeitherKeyNorChange() throws SQLException {
        MirrorWrite valid = write(userEvent("user.created", Kind.CREATED, "usr_1", "a@example.com", T1));
        MirrorWrite unstorable = write(NormalizedEvent.of("user.created", Kind.CREATED,
                new User("usr_2", null, null, null, null, null, null, T1, null, "{not json"), null, null));
        try (Connection connection = h2.connect()) {
            connection.setAutoCommit(false);
            assertThrows(SQLException.class,
                    () -> MirrorTransaction.write(connection, h2.database().dialect(), List.of(valid, unstorable)));
            connection.rollback();
        }
        assertEquals(0, h2.query("SELECT * FROM capydb_auth.users").size());
        assertEquals(0, h2.query("SELECT * FROM capydb_auth.deliveries").size());
        assertEquals(List.of(CHANGED), apply(valid), "the valid write can be applied again");
    }

    @Test
    void aDeletedOrganizationStaysDeleted() throws SQLException {
        assertEquals(List.of(CHANGED), apply(write(organizationEvent("organization.created", Kind.CREATED, "Acme", T1))));
        Map<String, Object> row = h2.row("SELECT * FROM capydb_auth.organizations WHERE id = 'org_1'");
        assertEquals("Acme", row.get("name"));
        assertEquals("acme", row.get("slug"));
        assertEquals("https://i/o.png", row.get("image_url"));
        assertEquals(T1, row.get("created_at"));

        assertEquals(List.of(UNCHANGED), apply(write(organizationEvent("organization.updated", Kind.UPDATED, "Old",
                T1.minusSeconds(60)))), "older than the row");
        assertEquals(List.of(CHANGED), apply(write(organizationEvent("organization.updated", Kind.UPDATED, "Acme Inc",
                null))), "without updatedAt or a time of its own, placed at its createdAt: as new as the row");
        assertEquals(List.of(CHANGED), apply(write(organizationEvent("organization.deleted", Kind.DELETED, "Acme", T2))));
        assertEquals(List.of(UNCHANGED), apply(write(organizationEvent("organization.created", Kind.CREATED, "Back", T3))));
        Map<String, Object> deleted = h2.row("SELECT * FROM capydb_auth.organizations WHERE id = 'org_1'");
        assertEquals(T2, deleted.get("deleted_at"));
        assertEquals("Acme Inc", deleted.get("name"));
    }

    @Test
    void aRemovedMemberComesBackWithANewerEvent() throws SQLException {
        assertEquals(List.of(CHANGED), apply(write(memberEvent("member.added", Kind.CREATED, "owner", T1))));
        assertEquals(List.of(CHANGED), apply(write(memberEvent("member.removed", Kind.DELETED, "owner", T2))));
        assertEquals(T2, membership().get("deleted_at"));
        assertEquals(List.of(UNCHANGED), apply(write(memberEvent("member.added", Kind.CREATED, "admin", T2))),
                "at the same source time the removal wins");
        assertEquals(List.of(CHANGED), apply(write(memberEvent("member.added", Kind.CREATED, "admin", T3))));
        Map<String, Object> back = membership();
        assertNull(back.get("deleted_at"));
        assertEquals("admin", back.get("role"));
    }

    @Test
    void aMembershipEventWithoutARoleKeepsTheRole() throws SQLException {
        apply(write(memberEvent("member.added", Kind.CREATED, "owner", T1)));
        assertEquals(List.of(CHANGED), apply(write(memberEvent("member.role_updated", Kind.UPDATED, null, T2))));
        assertEquals("owner", membership().get("role"));
        assertEquals(List.of(UNCHANGED), apply(write(memberEvent("member.role_updated", Kind.UPDATED, "admin", T1))),
                "an older event");
        assertEquals(List.of(INSERTED), apply(write(NormalizedEvent.of("member.added", Kind.CREATED,
                new Membership("org_2", "usr_1", "member", T1, null, "{}"), null, null).asSnapshot())));
    }

    private List<Outcome> apply(MirrorWrite... batch) throws SQLException {
        try (Connection connection = h2.connect()) {
            connection.setAutoCommit(false);
            List<Outcome> outcomes = MirrorTransaction.write(connection, h2.database().dialect(), List.of(batch));
            connection.commit();
            return outcomes;
        }
    }

    private MirrorWrite write(NormalizedEvent event) {
        Instant deletedAt = event.occurredAt() != null ? event.occurredAt() : RECEIVED;
        return new MirrorWrite("test", "key-" + keys.incrementAndGet(), RECEIVED, event, deletedAt);
    }

    private Map<String, Object> user(String id) {
        return h2.row("SELECT u.*, CAST(raw AS VARCHAR) AS raw FROM capydb_auth.users u WHERE id = ?", id);
    }

    private Map<String, Object> membership() {
        return h2.row("SELECT * FROM capydb_auth.memberships WHERE organization_id = 'org_1' AND user_id = 'usr_1'");
    }

    /** A user event whose source time is its {@code updatedAt}. */
    private static NormalizedEvent userEvent(String name, Kind kind, String id, String email, Instant updatedAt) {
        return NormalizedEvent.of(name, kind, new User(id, email, null, null, null, null, T1, updatedAt, null,
                "{\"id\":\"" + id + "\"}"), null, null);
    }

    private static NormalizedEvent deletion(String id, Instant at) {
        return NormalizedEvent.of("user.deleted", Kind.DELETED,
                new User(id, null, null, null, null, null, null, null, null, "{\"id\":\"" + id + "\"}"), null, at);
    }

    /** An organization event placed at {@code at} (its envelope's time), or at its createdAt without one. */
    private static NormalizedEvent organizationEvent(String name, Kind kind, String organizationName, Instant at) {
        return NormalizedEvent.of(name, kind, new Organization("org_1", organizationName, "acme", "https://i/o.png", T1,
                null, "{\"id\":\"org_1\"}"), null, at);
    }

    private static NormalizedEvent memberEvent(String name, Kind kind, String role, Instant at) {
        return NormalizedEvent.of(name, kind, new Membership("org_1", "usr_1", role, T1, null, "{}"), null, at);
    }
}
