package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.Organization;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Kind;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Subject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Organization and membership events of every provider that sends them, in their real shapes:
 * which table they write, what the row holds, and the source time that orders them.
 */
class OrganizationEventsTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant CREATED = Instant.parse("2025-02-01T09:00:00Z");

    @ParameterizedTest
    @CsvSource({"organization.created, CREATED", "organization.updated, UPDATED", "organization.deleted, DELETED"})
    void banatasOrganizationEventsWriteTheOrganizationsRow(String name, Kind kind) throws Exception {
        NormalizedEvent event = new BanataNormalizer().normalize(Json.object("""
                {"event":"%s","timestamp":"2025-03-01T12:00:00Z","data":{"id":"org_1","name":"Acme","slug":"acme",
                 "logo":"https://logo/acme.png","createdAt":"2025-02-01T09:00:00Z","updatedAt":"2025-03-01T11:00:00Z",
                 "metadata":{"plan":"team"},"requireMfa":false}}""".formatted(name)));
        assertEquals(kind, event.kind());
        assertEquals(Subject.ORGANIZATION, event.subject());
        assertEquals(new Organization("org_1", "Acme", "acme", "https://logo/acme.png", CREATED,
                Instant.parse("2025-03-01T11:00:00Z"), event.organization().raw()), event.organization());
        assertEquals("team", Json.object(event.organization().raw()).getJsonObject("metadata").getString("plan"));
        assertEquals(Instant.parse("2025-03-01T11:00:00Z"), event.sourceTime(), "the object's updatedAt first");
    }

    @ParameterizedTest
    @CsvSource({"member.added, CREATED", "member.role_updated, UPDATED", "member.removed, DELETED"})
    void standardWebhooksSendersUseBanatasNamesForMembers(String name, Kind kind) throws Exception {
        NormalizedEvent event = new StandardWebhooksNormalizer().normalize(Json.object("""
                {"type":"%s","timestamp":"2025-03-01T12:00:00Z","data":{"id":"mem_1","organizationId":"org_1",
                 "userId":"usr_1","role":"admin","createdAt":"2025-02-01T09:00:00Z"}}""".formatted(name)));
        assertEquals(kind, event.kind());
        assertEquals(new Membership("org_1", "usr_1", "admin", CREATED, null, event.membership().raw()),
                event.membership());
        assertEquals(T, event.sourceTime(), "no updatedAt: the envelope's timestamp");
    }

    @Test
    void betterAuthsCapyDbFormCarriesTheOrganizationPluginsObjectsUnderTheirModelsNames() throws Exception {
        BetterAuthNormalizer normalizer = new BetterAuthNormalizer();
        NormalizedEvent organization = normalizer.normalize(Json.object("""
                {"event":"organization.created","organization":{"id":"org_1","name":"Acme","slug":"acme","logo":null,
                 "createdAt":"2025-02-01T09:00:00Z","metadata":null}}"""));
        assertEquals(Kind.CREATED, organization.kind());
        assertEquals("acme", organization.organization().slug());
        assertNull(organization.organization().updatedAt());
        assertEquals(CREATED, organization.sourceTime(), "neither updatedAt nor a timestamp: its createdAt");

        NormalizedEvent member = normalizer.normalize(Json.object("""
                {"event":"member.role_updated","timestamp":"2025-03-01T12:00:00Z","data":{"id":"mem_1",
                 "organizationId":"org_1","userId":"usr_1","role":"admin,member","createdAt":"2025-02-01T09:00:00Z"}}"""));
        assertEquals(Kind.UPDATED, member.kind());
        assertEquals("admin,member", member.membership().role(), "Better Auth's several roles, as it joins them");
        assertEquals(T, member.sourceTime());
    }

    @Test
    void clerksOrganizationDeletionCarriesOnlyTheId() throws Exception {
        NormalizedEvent event = new ClerkNormalizer().normalize(Json.object("""
                {"data":{"deleted":true,"id":"org_29w9IfBrPmcpi0IeBVaKtA7R94W","object":"organization"},
                 "event_attributes":{"http_request":{"client_ip":"","user_agent":""}},"object":"event",
                 "timestamp":1661861640000,"type":"organization.deleted"}"""));
        assertEquals(Kind.DELETED, event.kind());
        assertEquals("org_29w9IfBrPmcpi0IeBVaKtA7R94W", event.organization().id());
        assertNull(event.organization().name());
        assertEquals(Instant.ofEpochMilli(1661861640000L), event.sourceTime());
    }

    @Test
    void clerksMembershipNamesItsOrganizationAndItsUser() throws Exception {
        NormalizedEvent event = new ClerkNormalizer().normalize(Json.object("""
                {"data":{"created_at":1654013847054,"id":"orgmem_29wAbjiJs6aZuPq7AzmkW9dwmyl","object":"organization_membership",
                 "organization":{"created_at":1654013202977,"id":"org_29w9IfBrPmcpi0IeBVaKtA7R94W","name":"Acme Inc",
                 "object":"organization","slug":"acme-inc","updated_at":1654013567994},
                 "public_user_data":{"first_name":null,"identifier":"example@example.org","last_name":null,
                 "user_id":"user_29wACSk1DjeUCwsS6SbbgIgilMy"},"role":"org:admin","updated_at":1654013847054},
                 "object":"event","timestamp":1654013900000,"type":"organizationMembership.deleted"}"""));
        assertEquals(Kind.DELETED, event.kind());
        assertEquals(new Membership("org_29w9IfBrPmcpi0IeBVaKtA7R94W", "user_29wACSk1DjeUCwsS6SbbgIgilMy",
                "org:admin", Instant.ofEpochMilli(1654013847054L), Instant.ofEpochMilli(1654013847054L),
                event.membership().raw()), event.membership());
        assertEquals(Instant.ofEpochMilli(1654013900000L), event.sourceTime(),
                "a removal is placed at the event's time, after the membership's last change");
    }

    @Test
    void aMembershipNeedsItsOrganizationAndItsUser() {
        assertThrows(InvalidPayloadException.class, () -> new BanataNormalizer().normalize(Json.object(
                "{\"event\":\"member.added\",\"data\":{\"organizationId\":\"org_1\",\"role\":\"admin\"}}")));
        assertThrows(InvalidPayloadException.class, () -> new BanataNormalizer().normalize(Json.object(
                "{\"event\":\"member.added\",\"data\":{\"userId\":\"usr_1\",\"organizationId\":\" \"}}")));
        InvalidPayloadException noOrganization = assertThrows(InvalidPayloadException.class,
                () -> new ClerkNormalizer().normalize(Json.object("{\"type\":\"organizationMembership.created\","
                        + "\"data\":{\"id\":\"orgmem_1\",\"public_user_data\":{\"user_id\":\"u\"}}}")));
        assertTrue(noOrganization.getMessage().contains("data.organization"), noOrganization.getMessage());
        assertThrows(InvalidPayloadException.class, () -> new ClerkNormalizer().normalize(Json.object(
                "{\"type\":\"organization.created\",\"data\":{\"name\":\"No Id\"}}")));
    }

    @Test
    void twoMembershipsReadAlikeOnlyWhenTheyAreTheSame() throws Exception {
        assertTrue(!membership("a/b", "c").subjectId().equals(membership("a", "b/c").subjectId()));
        assertEquals(membership("a", "b").subjectId(), membership("a", "b").subjectId());
    }

    private static NormalizedEvent membership(String organization, String user) throws Exception {
        return new BanataNormalizer().normalize(Json.object("{\"event\":\"member.added\",\"data\":{\"organizationId\":\""
                + organization + "\",\"userId\":\"" + user + "\"}}"));
    }
}
