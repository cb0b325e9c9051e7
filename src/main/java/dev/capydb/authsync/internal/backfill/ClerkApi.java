package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.config.Settings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Clerk's Backend API lists, with the secret key as bearer token: users ({@code GET /v1/users}),
 * organizations ({@code GET /v1/organizations}) and each organization's memberships
 * ({@code GET /v1/organizations/{id}/memberships}), by {@code limit}/{@code offset}, oldest first, so
 * that objects created meanwhile come at the end. What may pass is tried again, up to
 * {@value #MAX_ATTEMPTS} attempts: a 429 or a 5xx after its {@code Retry-After} (at most a minute), a
 * 5xx without one and an I/O error (a refused or broken connection, a timeout) after 1, 2, 4, … seconds.
 */
final class ClerkApi {

    static final String PROVIDER = "clerk";
    static final String DEFAULT_API_URL = "https://api.clerk.com/";
    /** The most objects Clerk returns per request. */
    static final int PAGE_SIZE = 500;
    static final int MAX_ATTEMPTS = 10;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    private static final String OLDEST_FIRST = "order_by=%2Bcreated_at";
    private static final String ORGANIZATIONS_NOT_ENABLED = "organization_not_enabled_in_instance";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String secretKey;

    ClerkApi(URI base, String secretKey) {
        this.base = base;
        this.secretKey = secretKey;
    }

    /** The API the backfill's settings name: {@code capydb.auth.backfill.clerk.secret-key} and {@code api-url}. */
    static ClerkApi of(Settings settings) {
        String secretKey = settings.backfill(PROVIDER, "secret-key").orElseThrow(() -> new IllegalStateException(
                "Reading Clerk needs its secret key in " + Settings.backfillKey(PROVIDER, "secret-key")));
        String url = settings.backfill(PROVIDER, "api-url").orElse(DEFAULT_API_URL);
        return new ClerkApi(URI.create(url.endsWith("/") ? url : url + "/"), secretKey);
    }

    /** Up to {@link #PAGE_SIZE} users from {@code offset} on, as Clerk's user objects. */
    List<JsonObject> users(long offset) throws IOException, InterruptedException {
        JsonStructure users = get("v1/users?" + OLDEST_FIRST + "&limit=" + PAGE_SIZE + "&offset=" + offset);
        if (!(users instanceof JsonArray array)) {
            throw new IOException("Clerk's list of users is not a JSON array");
        }
        return array.getValuesAs(JsonValue::asJsonObject);
    }

    /** How many users Clerk holds, if it says. */
    OptionalLong userCount() throws IOException, InterruptedException {
        JsonStructure count = get("v1/users/count");
        return count instanceof JsonObject object && object.get("total_count") instanceof JsonNumber n
                ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    /**
     * Up to {@code limit} organizations from {@code offset} on, as Clerk's organization objects, each
     * with its {@code members_count}.
     *
     * @throws OrganizationsNotEnabled where the instance does not use organizations
     */
    List<JsonObject> organizations(long offset, int limit) throws IOException, InterruptedException {
        return data(get("v1/organizations?" + OLDEST_FIRST + "&include_members_count=true&limit=" + limit
                + "&offset=" + offset), "organizations");
    }

    /** Up to {@link #PAGE_SIZE} memberships of the organization from {@code offset} on, as Clerk's membership objects. */
    List<JsonObject> memberships(String organizationId, long offset) throws IOException, InterruptedException {
        return data(get("v1/organizations/" + URLEncoder.encode(organizationId, StandardCharsets.UTF_8)
                + "/memberships?" + OLDEST_FIRST + "&limit=" + PAGE_SIZE + "&offset=" + offset), "memberships");
    }

    /** Whether Clerk still holds the user {@code id}: false on its 404. */
    boolean hasUser(String id) throws IOException, InterruptedException {
        return get("v1/users/" + URLEncoder.encode(id, StandardCharsets.UTF_8), true) != null;
    }

    /** Whether Clerk still holds the organization {@code id}: false on its 404. */
    boolean hasOrganization(String id) throws IOException, InterruptedException {
        return get("v1/organizations/" + URLEncoder.encode(id, StandardCharsets.UTF_8), true) != null;
    }

    /** Whether the user {@code userId} is still a member of the organization: Clerk lists the user's memberships. */
    boolean hasMembership(String organizationId, String userId) throws IOException, InterruptedException {
        JsonStructure memberships = get("v1/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8)
                + "/organization_memberships?limit=" + PAGE_SIZE, true);
        return memberships != null && data(memberships, "organization memberships").stream()
                .anyMatch(membership -> membership.get("organization") instanceof JsonObject organization
                        && organizationId.equals(organization.getString("id", null)));
    }

    /** The {@code data} of a paginated answer, {@code {"data": […], "total_count": n}}. */
    private static List<JsonObject> data(JsonStructure page, String what) throws IOException {
        if (!(page instanceof JsonObject object) || !(object.get("data") instanceof JsonArray data)) {
            throw new IOException("Clerk's list of " + what + " has no data array");
        }
        return data.getValuesAs(JsonValue::asJsonObject);
    }

    private JsonStructure get(String path) throws IOException, InterruptedException {
        return get(path, false);
    }

    /** Clerk's answer; {@code null} for a 404 where {@code absentIsNull}. */
    private JsonStructure get(String path, boolean absentIsNull) throws IOException, InterruptedException {
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
                if (status == 403 && hasErrorCode(body, ORGANIZATIONS_NOT_ENABLED)) {
                    throw new OrganizationsNotEnabled();
                }
                if (status == 404 && absentIsNull) {
                    return null;
                }
                if (status != 200) {
                    // The status only: Clerk's error body may echo the request.
                    throw new IOException("Clerk answered " + status + " to GET /" + path.replaceAll("\\?.*", ""));
                }
                try (JsonReader reader = Json.createReader(body)) {
                    return reader.read();
                }
            }
        }
    }

    /** Whether Clerk's error answer {@code {"errors": [{"code": …}]}} names {@code code}. */
    private static boolean hasErrorCode(InputStream body, String code) {
        try (JsonReader reader = Json.createReader(body)) {
            return reader.read() instanceof JsonObject error && error.get("errors") instanceof JsonArray errors
                    && errors.stream().anyMatch(entry -> entry instanceof JsonObject e && code.equals(e.getString("code", null)));
        } catch (JsonException notJson) {
            return false;
        }
    }

    /** Clerk's answer to a list of organizations where the instance has the feature switched off. */
    static final class OrganizationsNotEnabled extends IOException {

        private static final long serialVersionUID = 1L;

        OrganizationsNotEnabled() {
            super("Clerk's organizations are not enabled for this instance (" + ORGANIZATIONS_NOT_ENABLED + ")");
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
