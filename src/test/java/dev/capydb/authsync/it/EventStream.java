package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capydb.authsync.WebhookSignatures;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Users' histories as seed 002's sender (Banata Auth) emits them: each user is created, updated
 * {@code updates} times and, for every third user, deleted, with a session event between; every
 * event has its own {@code Webhook-Id}, and the source time grows by a minute per event. A retry is
 * the same event with the same id, signed anew.
 */
final class EventStream {

    static final String PROVIDER = "banata";
    static final String SECRET = "whsec_it-event-stream-secret";
    /** The receiver setting that enables {@link #PROVIDER} with {@link #SECRET}. */
    static final Map<String, String> SETTINGS = Map.of("capydb.auth.banata.secret", SECRET);

    private static final Instant START = Instant.parse("2025-01-15T10:00:00Z");

    record Event(String deliveryId, String userId, String body) {

        HttpResponse<String> deliverTo(URL base) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return Webhooks.deliver(base, PROVIDER, bytes,
                    WebhookSignatures.banata(SECRET, bytes, deliveryId, Instant.now()));
        }
    }

    private EventStream() {
    }

    /** A {@code user.updated} of {@code id}, its email {@code <label>@example.com}, with its own delivery id. */
    static Event userUpdated(String id, String label, Instant createdAt, Instant updatedAt) {
        return new Event("msg_" + label + "_" + id, id, "{\"event\":\"user.updated\",\"timestamp\":\"" + updatedAt
                + "\",\"data\":{\"id\":\"" + id + "\",\"email\":\"" + label + "@example.com\",\"createdAt\":\""
                + createdAt + "\",\"updatedAt\":\"" + updatedAt + "\"}}");
    }

    /** 0 … n-1 in random order. */
    static List<Integer> shuffledVersions(int n) {
        List<Integer> versions = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(versions);
        return versions;
    }

    /** The histories of users {@code <prefix>0 … <prefix>n-1}, each in source order, the users' events interleaved. */
    static List<Event> histories(String prefix, int users, int updates) {
        List<List<Event>> perUser = new ArrayList<>();
        for (int k = 0; k < users; k++) {
            perUser.add(history(prefix + k, k, updates));
        }
        List<Event> interleaved = new ArrayList<>();
        while (perUser.stream().anyMatch(h -> !h.isEmpty())) {
            for (List<Event> history : perUser) {
                if (!history.isEmpty()) {
                    interleaved.add(history.remove(0));
                }
            }
        }
        return interleaved;
    }

    private static List<Event> history(String id, int k, int updates) {
        List<Event> events = new ArrayList<>();
        Instant created = START.plusSeconds(k);
        events.add(userEvent("user.created", id, k, 0, created, created));
        for (int v = 1; v <= updates; v++) {
            events.add(userEvent("user.updated", id, k, v, created, created.plusSeconds(60L * v)));
            if (v == 1) {
                events.add(event("{\"event\":\"session.created\",\"timestamp\":\"" + created.plusSeconds(90)
                        + "\",\"data\":{\"id\":\"ses_" + id + "\",\"userId\":\"" + id + "\"}}", id));
            }
        }
        if (k % 3 == 0) {
            events.add(event("{\"event\":\"user.deleted\",\"timestamp\":\"" + created.plusSeconds(60L * (updates + 1))
                    + "\",\"data\":{\"id\":\"" + id + "\"}}", id));
        }
        return events;
    }

    /** Everything but the id is the same for user {@code k} under any prefix, so histories compare. */
    private static Event userEvent(String name, String id, int k, int version, Instant createdAt, Instant at) {
        return event("{\"event\":\"" + name + "\",\"timestamp\":\"" + at + "\",\"data\":{\"id\":\"" + id
                + "\",\"email\":\"user" + k + ".v" + version + "@example.com\",\"name\":\"User" + k + " v" + version
                + "\",\"image\":\"https://img.example/" + version + ".png\",\"createdAt\":\"" + createdAt
                + "\",\"updatedAt\":\"" + at + "\"}}", id);
    }

    private static Event event(String body, String userId) {
        return new Event("msg_" + UUID.randomUUID(), userId, body);
    }

    /**
     * Each event sent to both nodes at once: all deliveries in the order {@code seed} shuffles them,
     * by {@code senders} concurrent senders. Every answer must be 200.
     *
     * @return how many deliveries were answered with each status ({@code mirrored}, {@code duplicate}, …)
     */
    static Map<String, Long> deliverToBoth(List<Event> events, URL node1, URL node2, int senders, long seed) {
        List<Map.Entry<Event, URL>> deliveries = new ArrayList<>();
        for (Event event : events) {
            deliveries.add(Map.entry(event, node1));
            deliveries.add(Map.entry(event, node2));
        }
        Collections.shuffle(deliveries, new Random(seed));
        return Webhooks.concurrently(senders, deliveries, delivery -> {
            HttpResponse<String> response = delivery.getKey().deliverTo(delivery.getValue());
            assertEquals(200, response.statusCode(), () -> "seed " + seed + ": " + response.body());
            return Webhooks.json(response.body()).getString("status");
        }).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
