package dev.capydb.authsync.internal.mirroring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Kind;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Subject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a reconciliation records of its source, and the rows of the mirror it finds missing from it, on
 * H2: only the live rows of its provider (and, where it is the only one, those written before rows
 * recorded their provider), none written since the run started, in key order, page by page.
 */
class SeenObjectsTest {

    private static final Instant T1 = Instant.parse("2025-01-15T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-01-16T10:00:00Z");
    private static final Instant BEFORE = Instant.parse("2025-01-20T00:00:00Z");
    private static final SeenObjects.Rows CLERK = new SeenObjects.Rows("clerk", false);

    private final H2Mirror h2 = new H2Mirror();
    private final SeenObjects seen = h2.seenObjects();

    @BeforeEach
    void mirror() throws SQLException {
        try (Connection connection = h2.connect()) {
            connection.setAutoCommit(false);
            MirrorTransaction.write(connection, h2.database().dialect(), List.of(
                    write("clerk", user("usr_1", T1)), write("clerk", user("usr_2", T1)), write("clerk", user("usr_3", T1)),
                    write("other", user("usr_4", T1)), write("clerk", user("usr_5", T1)),
                    write("clerk", user("usr_6", BEFORE.plusSeconds(1))),
                    write("clerk", member("org_1", "usr_1")), write("clerk", member("org_1", "usr_2")),
                    write("clerk", member("org_2", "usr_1"))));
            MirrorTransaction.write(connection, h2.database().dialect(), List.of(write("clerk",
                    NormalizedEvent.of("user.deleted", Kind.DELETED, user("usr_5", T2).user(), null, T2))));
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO capydb_auth.users (id, raw) VALUES ('usr_7', '{}' FORMAT JSON)");
            }
            connection.commit();
        }
    }

    @AfterEach
    void drop() throws SQLException {
        h2.close();
    }

    @Test
    void theRowsNotFoundAreTheLiveRowsOfTheProviderWrittenBeforeTheRun() throws SQLException {
        seen.seen("run_1", List.of(user("usr_1", T1), member("org_1", "usr_1")));
        seen.seen("run_1", List.of(user("usr_1", T1)));
        assertEquals(2, seen.absentRows("run_1", Subject.USER, CLERK, BEFORE), "usr_2 and usr_3");
        assertEquals(3, seen.absentRows("run_1", Subject.USER, new SeenObjects.Rows("clerk", true), BEFORE),
                "and usr_7, which no provider is recorded for");
        assertEquals(2, seen.absentRows("run_1", Subject.MEMBERSHIP, CLERK, BEFORE));
        assertEquals(3, seen.absentRows("run_2", Subject.MEMBERSHIP, CLERK, BEFORE), "another run saw nothing");
        assertEquals(4, seen.liveRows(Subject.USER, CLERK), "usr_5 is deleted");
    }

    @Test
    void theRowsNotFoundComePageByPageInKeyOrderAsTheirDeletions() throws SQLException {
        seen.seen("run_1", List.of(member("org_1", "usr_2")));
        List<NormalizedEvent> first = seen.absentPage("run_1", Subject.MEMBERSHIP, CLERK, BEFORE, null, 1, T2);
        assertEquals(List.of("org_1/usr_1"), keys(first));
        NormalizedEvent deletion = first.get(0);
        assertEquals(Kind.DELETED, deletion.kind());
        assertEquals("{\"organizationId\":\"org_1\",\"userId\":\"usr_1\"}", deletion.membership().raw());
        assertEquals(List.of("org_2/usr_1"),
                keys(seen.absentPage("run_1", Subject.MEMBERSHIP, CLERK, BEFORE, deletion, 1, T2)));
        assertEquals(List.of(), keys(seen.absentPage("run_1", Subject.MEMBERSHIP, CLERK, BEFORE,
                member("org_2", "usr_1"), 1, T2)));
        assertEquals(List.of("usr_1", "usr_2", "usr_3"),
                keys(seen.absentPage("run_1", Subject.USER, CLERK, BEFORE, null, 10, T2)));
    }

    @Test
    void aRunThatEndsForgetsWhatItSaw() throws SQLException {
        seen.seen("run_1", List.of(user("usr_1", T1), user("usr_2", T1)));
        seen.seen("run_2", List.of(user("usr_1", T1)));
        assertEquals(1, seen.absentRows("run_1", Subject.USER, CLERK, BEFORE));
        seen.forget("run_1");
        assertEquals(3, seen.absentRows("run_1", Subject.USER, CLERK, BEFORE));
        assertEquals(2, seen.absentRows("run_2", Subject.USER, CLERK, BEFORE), "another run's are kept");
    }

    private static List<String> keys(List<NormalizedEvent> deletions) {
        return deletions.stream().map(event -> event.user() != null ? event.user().id()
                : event.membership().organizationId() + "/" + event.membership().userId()).toList();
    }

    private static NormalizedEvent user(String id, Instant updatedAt) {
        return NormalizedEvent.of("user.created", Kind.CREATED,
                new User(id, null, null, null, null, null, null, updatedAt, null, "{\"id\":\"" + id + "\"}"), null, null);
    }

    private static NormalizedEvent member(String organization, String user) {
        return NormalizedEvent.of("member.added", Kind.CREATED, new Membership(organization, user, "member", T1, null,
                "{\"organizationId\":\"" + organization + "\",\"userId\":\"" + user + "\"}"), null, null);
    }

    private static MirrorWrite write(String provider, NormalizedEvent event) {
        return new MirrorWrite(provider, provider + ":" + event.name() + ":" + event.subjectId(), T2, event, event.occurredAt());
    }
}
