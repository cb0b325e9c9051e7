package dev.capydb.authsync.internal.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.events.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BetterAuthNormalizerTest {

    private final BetterAuthNormalizer normalizer = new BetterAuthNormalizer();

    @Test
    void theRefusalNamesTheMissingMemberAndItsAlias() {
        // The sender reads this in the 400's message.
        assertEquals("event (or type) is required", assertThrows(InvalidPayloadException.class,
                () -> normalizer.normalize(json("{\"user\":{\"id\":\"usr_1\"}}"))).getMessage());
        assertEquals("user (or data) is required for user.created", assertThrows(InvalidPayloadException.class,
                () -> normalizer.normalize(json("{\"event\":\"user.created\"}"))).getMessage());
        assertEquals("data is required for user.created", assertThrows(InvalidPayloadException.class,
                () -> new BanataNormalizer().normalize(json("{\"event\":\"user.created\"}"))).getMessage());
    }

    @Test
    void mapsEveryColumnOfTheSeedTable() throws Exception {
        NormalizedEvent event = normalizer.normalize(json("""
                {"event":"user.created","user":{"id":"usr_abc","email":"a@example.com","name":"Ada Lovelace",
                 "username":"ada","image":"https://img.example/ada.png","emailVerified":true,
                 "createdAt":"2025-01-15T10:30:00.000Z","updatedAt":"2025-01-16T08:00:00+01:00"}}"""));
        assertEquals("user.created", event.name());
        assertEquals(NormalizedEvent.Kind.CREATED, event.kind());
        User user = event.user();
        assertEquals("usr_abc", user.id());
        assertEquals("a@example.com", user.email());
        assertEquals("Ada", user.firstName());
        assertEquals("Lovelace", user.lastName());
        assertEquals("ada", user.username());
        assertEquals("https://img.example/ada.png", user.imageUrl());
        assertEquals(Instant.parse("2025-01-15T10:30:00Z"), user.createdAt());
        assertEquals(Instant.parse("2025-01-16T07:00:00Z"), user.updatedAt());
        assertNull(user.lastSignInAt());
        assertEquals(json(user.raw()), json("""
                {"id":"usr_abc","email":"a@example.com","name":"Ada Lovelace","username":"ada",
                 "image":"https://img.example/ada.png","emailVerified":true,
                 "createdAt":"2025-01-15T10:30:00.000Z","updatedAt":"2025-01-16T08:00:00+01:00"}"""));
    }

    @Test
    void acceptsTypeForEventAndDataForUser() throws Exception {
        NormalizedEvent event = normalizer.normalize(json("{\"type\":\"user.updated\",\"data\":{\"id\":\"u1\"}}"));
        assertEquals(NormalizedEvent.Kind.UPDATED, event.kind());
        assertEquals("u1", event.user().id());
    }

    @Test
    void thePluginEnvelopeGivesTheEventIdAndTimeAndTheUserGivesTheSourceTime() throws Exception {
        NormalizedEvent event = normalizer.normalize(json("""
                {"id":"evt_1","type":"user.updated","timestamp":"2025-01-17T10:30:00Z",
                 "data":{"id":"u1","updatedAt":"2025-01-16T10:30:00Z"}}"""));
        assertEquals("evt_1", event.eventId());
        assertEquals(Instant.parse("2025-01-17T10:30:00Z"), event.occurredAt());
        assertEquals(Instant.parse("2025-01-16T10:30:00Z"), event.sourceTime());
    }

    @Test
    void withoutTheUsersUpdatedAtTheEnvelopeTimeOrdersTheEvent() throws Exception {
        NormalizedEvent event = normalizer.normalize(json("""
                {"id":7,"event":"user.deleted","timestamp":"2025-01-17T10:30:00Z","data":{"id":"u1"}}"""));
        assertNull(event.eventId(), "only a string is an event id");
        assertEquals(Instant.parse("2025-01-17T10:30:00Z"), event.sourceTime());
        NormalizedEvent bare = normalizer.normalize(json("{\"event\":\"user.updated\",\"user\":{\"id\":\"u1\"}}"));
        assertNull(bare.sourceTime());
    }

    @Test
    void aDeletionNeedsOnlyTheId() throws Exception {
        NormalizedEvent event = normalizer.normalize(json("{\"event\":\"user.deleted\",\"user\":{\"id\":\"u1\"}}"));
        assertEquals(NormalizedEvent.Kind.DELETED, event.kind());
        assertEquals(new User("u1", null, null, null, null, null, null, null, null, "{\"id\":\"u1\"}"),
                event.user());
    }

    @Test
    void absentAndNullFieldsBecomeNull() throws Exception {
        User user = normalizer.normalize(json("""
                {"event":"user.created","user":{"id":"u1","email":null,"name":null,"image":null,
                 "createdAt":null,"future":{"nested":[1,2,3]}}}""")).user();
        assertEquals(new User("u1", null, null, null, null, null, null, null, null, user.raw()), user);
        assertEquals(json(user.raw()).getJsonObject("future"), json("{\"nested\":[1,2,3]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"session.created", "account.linked", "user.banned", "something.else"})
    void otherEventsAreAcknowledgedButNotMirrored(String name) throws Exception {
        NormalizedEvent event = normalizer.normalize(json("{\"event\":\"" + name + "\",\"data\":{\"token\":\"t\"}}"));
        assertEquals(NormalizedEvent.notMirrored(name, null, null), event);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"event\":\"\"}",
        "{\"event\":42,\"user\":{\"id\":\"u\"}}",
        "{\"event\":\"user.created\"}",
        "{\"event\":\"user.created\",\"user\":null}",
        "{\"event\":\"user.created\",\"user\":[]}",
        "{\"event\":\"user.created\",\"user\":{}}",
        "{\"event\":\"user.created\",\"user\":{\"id\":\"\"}}",
        "{\"event\":\"user.created\",\"timestamp\":\"yesterday\",\"user\":{\"id\":\"u\"}}",
        "{\"event\":\"session.created\",\"timestamp\":1736937000}",
        "{\"event\":\"user.created\",\"user\":{\"id\":7}}",
        "{\"event\":\"user.deleted\",\"user\":{\"name\":\"x\"}}",
        "{\"event\":\"user.created\",\"user\":{\"id\":\"u\",\"email\":[\"a@b\"]}}",
        "{\"event\":\"user.created\",\"user\":{\"id\":\"u\",\"createdAt\":\"yesterday\"}}",
        "{\"event\":\"user.created\",\"user\":{\"id\":\"u\",\"updatedAt\":1736937000000}}",
    })
    void refusesPayloadsWithoutEventOrUserIdOrWithWrongTypes(String body) {
        assertThrows(InvalidPayloadException.class, () -> normalizer.normalize(json(body)));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
