package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.WebhookSignatures;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus scrape endpoint at {@code /capydb-auth/metrics}: refused without its bearer token,
 * and counting exactly one for one delivery of each outcome and each rejection reason, the 503 of a
 * database cut through a TCP proxy included.
 */
@ServerTest
@Tag("operations")
@ServerSetup(MetricsIT.ThroughProxy.class)
class MetricsIT {

    private static final TcpProxy PROXY = ProxiedDataSource.proxy(ThroughProxy.class);
    private static final String TOKEN = "metrics-it-token-7f3a";
    private static final int MAX_BODY_BYTES = 8192;

    static final class ThroughProxy extends ProxiedDataSource {
        ThroughProxy() {
            super("CapydbMetricsIT", 4);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Clerk stays without a secret: a delivery to it is counted as an unconfigured provider.
        Map<String, String> settings = new HashMap<>(EventStream.SETTINGS);
        settings.put("capydb.auth.metrics.token", TOKEN);
        settings.put("capydb.auth.max-body-bytes", Integer.toString(MAX_BODY_BYTES));
        return new ThroughProxy().receiverWar("metrics-it", settings);
    }

    @ArquillianResource
    URL base;

    @Test
    void theEndpointIsRefusedWithoutItsToken() {
        HttpResponse<String> none = scrape();
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("Bearer realm=\"capydb-auth-metrics\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("unauthorized", Webhooks.json(none.body()).getString("error"));
        assertEquals(401, scrape("Authorization", "Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, scrape("Authorization", "Bearer " + TOKEN.substring(1)).statusCode());
        assertEquals(401, scrape("Authorization", "Basic " + TOKEN).statusCode());

        HttpResponse<String> metrics = scrape("Authorization", "Bearer " + TOKEN);
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        // Registered before anything arrived, so dashboards see zeros rather than no series.
        for (String object : List.of("user", "organization", "membership", "none")) {
            assertTrue(metrics.body().contains("capydb_auth_deliveries_total{object=\"" + object
                    + "\",outcome=\"mirrored\",provider=\"banata\"}"), metrics.body());
        }
        assertFalse(metrics.body().contains(TOKEN));
        assertFalse(metrics.body().contains(EventStream.SECRET));
    }

    @Test
    void oneDeliveryOfEachOutcomeAndEachRejectionCountsOne() {
        String run = Long.toHexString(System.nanoTime());
        List<EventStream.Event> history = EventStream.histories("metrics-" + run + "-", 1, 1);
        EventStream.Event created = history.get(0);
        EventStream.Event session = history.get(2);
        EventStream.Event stale = EventStream.userUpdated(created.userId(), "stale", Instant.parse("2025-01-15T10:00:00Z"),
                Instant.parse("2024-01-01T00:00:00Z"));
        Metrics before = metrics();

        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("user mirrored", created.deliverTo(base));
        answers.put("user duplicate", created.deliverTo(base));
        answers.put("none not_mirrored", session.deliverTo(base));
        answers.put("user unchanged", stale.deliverTo(base));
        answers.put("membership mirrored", banataOk("{\"event\":\"member.added\",\"timestamp\":\"2025-01-15T10:00:00Z\","
                + "\"data\":{\"organizationId\":\"org_" + run + "\",\"userId\":\"" + created.userId() + "\"}}"));
        answers.forEach((objectAndOutcome, answer) -> {
            assertEquals(200, answer.statusCode(), objectAndOutcome + ": " + answer.body());
            assertEquals(objectAndOutcome.split(" ")[1], Webhooks.json(answer.body()).getString("status"));
        });

        Map<String, Integer> rejections = new LinkedHashMap<>();
        rejections.put("banata invalid_signature", banata(created.body(), "whsec_not-the-secret", Instant.now(), "application/json"));
        rejections.put("banata stale_timestamp",
                banata(created.body(), EventStream.SECRET, Instant.now().minus(Duration.ofHours(1)), "application/json"));
        rejections.put("banata body_too_large", banata("{\"pad\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}",
                EventStream.SECRET, Instant.now(), "application/json"));
        rejections.put("banata unsupported_media_type", banata(created.body(), EventStream.SECRET, Instant.now(), "text/plain"));
        rejections.put("banata invalid_payload", banata("[1]", EventStream.SECRET, Instant.now(), "application/json"));
        rejections.put("banata unstorable_payload", banata(created.body().replace("\"name\":\"", "\"name\":\"a\\u0000"),
                EventStream.SECRET, Instant.now(), "application/json"));
        rejections.put("banata method_not_allowed", Webhooks.get(Webhooks.resolve(base, "capydb-auth/webhooks/banata")).statusCode());
        rejections.put("clerk unconfigured_provider", post("capydb-auth/webhooks/clerk"));
        rejections.put("unknown unknown_provider", post("capydb-auth/webhooks/no-such-provider-" + run));
        PROXY.cut();
        try {
            EventStream.Event cut = EventStream.histories("metrics-cut-" + run + "-", 1, 0).get(0);
            rejections.put("banata unavailable", cut.deliverTo(base).statusCode());
        } finally {
            PROXY.restore();
        }
        assertEquals(List.of(401, 401, 413, 415, 400, 400, 405, 404, 404, 503), List.copyOf(rejections.values()));

        Metrics after = metrics();
        for (String objectAndOutcome : answers.keySet()) {
            String[] objectOutcome = objectAndOutcome.split(" ");
            assertEquals(1, after.delta(before, "capydb_auth_deliveries_total", "object", objectOutcome[0],
                    "outcome", objectOutcome[1], "provider", "banata"), objectAndOutcome);
        }
        for (String rejection : rejections.keySet()) {
            String[] providerAndReason = rejection.split(" ");
            assertEquals(1, after.delta(before, "capydb_auth_rejections_total",
                    "provider", providerAndReason[0], "reason", providerAndReason[1]), rejection);
        }
        assertEquals(5, after.delta(before, "capydb_auth_delivery_duration_seconds_count", "provider", "banata"),
                "the latency of each accepted delivery");
        assertEquals(5, after.delta(before, "capydb_auth_delivery_duration_seconds_bucket", "provider", "banata", "le", "+Inf"));
        assertEquals(5, after.delta(before, "capydb_auth_delivery_duration_seconds_bucket", "provider", "banata", "le", "10.0"),
                "each within the 10 s bucket");
        // One transaction each, sent one after another: the five accepted, the unstorable one, the cut one.
        assertEquals(7, after.delta(before, "capydb_auth_batch_size_count"));
        assertEquals(7, after.delta(before, "capydb_auth_batch_size_sum"));
        assertEquals(7, after.delta(before, "capydb_auth_batch_size_bucket", "le", "1.0"));
    }

    private HttpResponse<String> banataOk(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Webhooks.deliver(base, "banata", bytes,
                WebhookSignatures.banata(EventStream.SECRET, bytes, "msg_" + UUID.randomUUID(), Instant.now()));
    }

    private int banata(String body, String secret, Instant timestamp, String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(WebhookSignatures.banata(secret, bytes, "msg_" + System.nanoTime(), timestamp));
        headers.put("Content-Type", contentType);
        String[] flat = headers.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
        return Webhooks.post(Webhooks.resolve(base, "capydb-auth/webhooks/banata"), bytes, flat).statusCode();
    }

    private int post(String path) {
        return Webhooks.post(Webhooks.resolve(base, path), "{}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json").statusCode();
    }

    private HttpResponse<String> scrape(String... headers) {
        return Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base, "capydb-auth/metrics")).GET(), headers);
    }

    private Metrics metrics() {
        HttpResponse<String> response = scrape("Authorization", "Bearer " + TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        return Metrics.parse(response.body());
    }

    /** A scrape's samples, by name and labels as the Prometheus text format writes them (tags sorted by name, then {@code le}). */
    record Metrics(Map<String, Double> samples) {

        static Metrics parse(String text) {
            Map<String, Double> samples = new HashMap<>();
            text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            });
            return new Metrics(samples);
        }

        double value(String name, String... labels) {
            StringBuilder key = new StringBuilder(name);
            for (int i = 0; i < labels.length; i += 2) {
                key.append(i == 0 ? "{" : ",").append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
            }
            return samples.getOrDefault(labels.length == 0 ? key.toString() : key.append('}').toString(), 0.0);
        }

        long delta(Metrics before, String name, String... labels) {
            return Math.round(value(name, labels) - before.value(name, labels));
        }
    }
}
