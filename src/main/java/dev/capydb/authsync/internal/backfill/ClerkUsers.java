package dev.capydb.authsync.internal.backfill;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Clerk's Backend API list of users ({@code GET /v1/users}, {@code limit}/{@code offset}, oldest
 * first, so users created meanwhile come at the end), with the secret key as bearer token. What
 * may pass is tried again, up to {@value #MAX_ATTEMPTS} attempts: a 429 or a 5xx after its
 * {@code Retry-After} (at most a minute), a 5xx without one and an I/O error (a refused or broken
 * connection, a timeout) after 1, 2, 4, … seconds.
 */
final class ClerkUsers {

    /** The most users Clerk returns per request. */
    static final int PAGE_SIZE = 500;
    static final int MAX_ATTEMPTS = 10;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String secretKey;

    ClerkUsers(URI base, String secretKey) {
        this.base = base;
        this.secretKey = secretKey;
    }

    /** Up to {@link #PAGE_SIZE} users from {@code offset} on, as Clerk's user objects. */
    List<JsonObject> page(long offset) throws IOException, InterruptedException {
        JsonStructure users = get("v1/users?order_by=%2Bcreated_at&limit=" + PAGE_SIZE + "&offset=" + offset);
        if (!(users instanceof JsonArray array)) {
            throw new IOException("Clerk's list of users is not a JSON array");
        }
        return array.getValuesAs(JsonValue::asJsonObject);
    }

    /** How many users Clerk holds, if it says. */
    OptionalLong count() throws IOException, InterruptedException {
        JsonStructure count = get("v1/users/count");
        return count instanceof JsonObject object && object.get("total_count") instanceof JsonNumber n
                ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private JsonStructure get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + secretKey)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .GET().build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            }
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
                    Duration otherwise = status == 429 ? Duration.ofSeconds(1) : backoff(attempt);
                    Thread.sleep(retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now(),
                            otherwise).toMillis());
                    continue;
                }
                if (response.statusCode() != 200) {
                    // The status only: Clerk's error body may echo the request.
                    throw new IOException("Clerk answered " + response.statusCode() + " to GET /" + path.replaceAll("\\?.*", ""));
                }
                try (JsonReader reader = Json.createReader(body)) {
                    return reader.read();
                }
            }
        }
    }

    /** Seconds as Clerk sends them, or an HTTP date; bounded; {@code otherwise} when absent or unreadable. */
    static Duration retryAfter(String header, Instant now, Duration otherwise) {
        Duration wait;
        try {
            wait = header == null ? otherwise : Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException neither) {
                wait = otherwise;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** The wait before attempt {@code attempt + 1} after a fault that said nothing of when to come back. */
    static Duration backoff(int attempt) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempt - 1, 6));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
