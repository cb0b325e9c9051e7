package dev.capydb.authsync.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Clerk's Backend API as far as the backfill uses it, in the test JVM (the real one cannot be
 * reached from here): {@code GET /v1/users} with {@code limit}, {@code offset} and
 * {@code order_by=+created_at}, answering Clerk's documented user objects, and
 * {@code GET /v1/users/count}. The first request from offset 450 on is answered 429 with
 * {@code Retry-After: 1}; the first from offset 900 on 502, and the next one's connection is closed
 * without an answer; a request without the secret key gets 401. Its organizations are not enabled
 * ({@code GET /v1/organizations} answers Clerk's 403) until {@link #enableOrganizations}; then
 * {@code GET /v1/organizations} and {@code GET /v1/organizations/{id}/memberships} answer Clerk's
 * paginated lists {@code {"data", "total_count"}} of its documented objects. For the reconciliation,
 * its users and memberships change as a provider's do ({@link #deleteUser}, {@link #changeUser},
 * {@link #addUsers}, {@link #removeMembership}), it answers {@code GET /v1/users/{id}},
 * {@code /v1/users/{id}/organization_memberships} and {@code /v1/organizations/{id}} (404 once gone),
 * and it can list nothing at all or answer its lists late.
 */
final class LocalClerk {

    private static final Instant FIRST = Instant.parse("2024-06-01T12:00:00Z");

    private final String secretKey;
    private volatile int users;
    private final String idPrefix;
    private final HttpServer server;
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final List<Long> offsetsServed = new ArrayList<>();
    /** The members of each organization, by index; {@code null} while organizations are not enabled. */
    private volatile int[] members;
    /** Users deleted since, by number; memberships removed since, as "k/n". */
    private final Set<Integer> deletedUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> removedMemberships = ConcurrentHashMap.newKeySet();
    private final Set<Integer> deletedOrganizations = ConcurrentHashMap.newKeySet();
    /** How many times each user changed since, by number. */
    private final Map<Integer, Integer> changes = new ConcurrentHashMap<>();
    private volatile boolean emptied;
    private volatile long delayMillis;

    /** {@code users} users whose ids are {@code idPrefix} and a number of five digits. */
    LocalClerk(String secretKey, int users, String idPrefix) {
        this.secretKey = secretKey;
        this.users = users;
        this.idPrefix = idPrefix;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool()); // a delayed answer holds up no other
        server.createContext("/v1/users", this::handle);
        server.createContext("/v1/organizations", this::handleOrganizations);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String id(int n) {
        return idPrefix + "%05d".formatted(n);
    }

    /** Deletes user {@code n}, as a deletion whose webhook never arrived. */
    void deleteUser(int n) {
        deletedUsers.add(n);
    }

    /** Changes user {@code n}'s last name to {@link #lastName} an hour later, as a change whose webhook never arrived. */
    void changeUser(int n) {
        changes.merge(n, 1, Integer::sum);
    }

    /** Signs {@code more} new users up, as sign-ups whose webhooks never arrived. */
    void addUsers(int more) {
        users += more;
    }

    /** Removes user {@code n} from organization {@code k}. */
    void removeMembership(int k, int n) {
        removedMemberships.add(k + "/" + n);
    }

    /** Deletes organization {@code k}, and with it its memberships. */
    void deleteOrganization(int k) {
        deletedOrganizations.add(k);
    }

    /** Lists nothing at all, as a misconfigured source (another instance's key) would, or not. */
    void empty(boolean emptied) {
        this.emptied = emptied;
    }

    /** Answers each list of users {@code millis} late. */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** User {@code n}'s last name, after its changes. */
    String lastName(int n) {
        int changed = changes.getOrDefault(n, 0);
        return "Hopper " + n + (changed == 0 ? "" : " v" + changed);
    }

    private boolean exists(int n) {
        return !emptied && n >= 0 && n < users && !deletedUsers.contains(n);
    }

    private List<Integer> existingUsers() {
        return IntStream.range(0, users).filter(this::exists).boxed().toList();
    }

    private int userNumber(String id) {
        return id.startsWith(idPrefix) && id.substring(idPrefix.length()).matches("[0-9]{5}")
                ? Integer.parseInt(id.substring(idPrefix.length())) : -1;
    }

    private boolean organizationExists(int k) {
        return !emptied && k >= 0 && !deletedOrganizations.contains(k);
    }

    private boolean isMember(int k, int n) {
        return organizationExists(k) && exists(n) && n < members[k] && !removedMemberships.contains(k + "/" + n);
    }

    static Instant createdAt(int n) {
        return FIRST.plusSeconds(60L * n);
    }

    /** When user {@code n} last changed: a second after its creation. */
    static Instant updatedAt(int n) {
        return createdAt(n).plusSeconds(1);
    }

    /**
     * Turns organizations on: {@code members.length} organizations, organization {@code k} with
     * {@code members[k]} members, who are the first users.
     */
    void enableOrganizations(int... members) {
        this.members = members.clone();
    }

    String organizationId(int k) {
        return idPrefix + "org_%04d".formatted(k);
    }

    /** The role of user {@code n} in an organization: the first is its admin. */
    static String role(int n) {
        return n == 0 ? "org:admin" : "org:member";
    }

    int tooManyRequests() {
        return tooManyRequests.get();
    }

    /** How many requests were answered 502 or not at all. */
    int faults() {
        return faults.get();
    }

    int unauthorized() {
        return unauthorized.get();
    }

    synchronized List<Long> offsetsServed() {
        return List.copyOf(offsetsServed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + secretKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                respond(exchange, 401, "{\"errors\":[{\"code\":\"authentication_invalid\"}]}");
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (exchange.getRequestURI().getPath().equals("/v1/users/count")) {
                respond(exchange, 200, "{\"object\":\"total_count\",\"total_count\":" + existingUsers().size() + "}");
                return;
            }
            if (path.length == 4 || path.length == 5) { // /v1/users/{id}, /v1/users/{id}/organization_memberships
                int n = userNumber(path[3]);
                if (!exists(n) || (path.length == 5 && (!path[4].equals("organization_memberships") || members == null))) {
                    respond(exchange, 404, "{\"errors\":[{\"code\":\"resource_not_found\"}]}");
                } else if (path.length == 4) {
                    respond(exchange, 200, user(n));
                } else {
                    respond(exchange, 200, page(IntStream.range(0, members.length).filter(k -> isMember(k, n))
                            .mapToObj(k -> membership(k, n)).toList(), 0, 500));
                }
                return;
            }
            sleep(delayMillis);
            Map<String, String> query = Arrays.stream(exchange.getRequestURI().getQuery().split("&"))
                    .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
            if (!query.get("order_by").equals("+created_at") && !query.get("order_by").equals("%2Bcreated_at")) {
                respond(exchange, 400, "{\"errors\":[{\"code\":\"form_param_value_invalid\"}]}");
                return;
            }
            int limit = Integer.parseInt(query.get("limit"));
            long offset = Long.parseLong(query.get("offset"));
            if (offset == 450 && tooManyRequests.compareAndSet(0, 1)) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                respond(exchange, 429, "{\"errors\":[{\"code\":\"too_many_requests\"}]}");
                return;
            }
            if (offset == 900 && faults.compareAndSet(0, 1)) {
                respond(exchange, 502, "<html>Bad Gateway</html>");
                return;
            }
            if (offset == 900 && faults.compareAndSet(1, 2)) {
                return; // closed without an answer
            }
            synchronized (this) {
                offsetsServed.add(offset);
            }
            List<Integer> existing = existingUsers();
            respond(exchange, 200, existing.subList((int) Math.min(offset, existing.size()),
                    (int) Math.min(offset + limit, existing.size())).stream()
                    .map(this::user).collect(Collectors.joining(",", "[", "]")));
        }
    }

    private void handleOrganizations(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + secretKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                respond(exchange, 401, "{\"errors\":[{\"code\":\"authentication_invalid\"}]}");
                return;
            }
            int[] counts = members;
            if (counts == null) {
                respond(exchange, 403, "{\"errors\":[{\"message\":\"access denied\",\"long_message\":\"The organizations"
                        + " feature is not enabled for this instance.\",\"code\":\"organization_not_enabled_in_instance\"}]}");
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            int found = path.length < 4 ? -1
                    : IntStream.range(0, counts.length).filter(i -> organizationId(i).equals(path[3])).findFirst().orElse(-1);
            int k = organizationExists(found) ? found : -1;
            if (path.length == 4 && k >= 0) { // /v1/organizations/{id}
                respond(exchange, 200, organization(k, counts[k]));
                return;
            }
            if (path.length != 3 && (k < 0 || path.length != 5 || !path[4].equals("memberships"))) {
                respond(exchange, 404, "{\"errors\":[{\"code\":\"resource_not_found\"}]}");
                return;
            }
            Map<String, String> query = Arrays.stream(exchange.getRequestURI().getQuery().split("&"))
                    .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
            int limit = Integer.parseInt(query.get("limit"));
            int offset = Integer.parseInt(query.get("offset"));
            if (path.length == 3) { // /v1/organizations
                respond(exchange, 200, page(IntStream.range(0, counts.length).filter(this::organizationExists)
                        .mapToObj(i -> organization(i, counts[i])).toList(), offset, limit));
                return;
            }
            respond(exchange, 200, page(IntStream.range(0, counts[k]).filter(n -> isMember(k, n))
                    .mapToObj(n -> membership(k, n)).toList(), offset, limit));
        }
    }

    private static String page(List<String> all, int offset, int limit) {
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())).stream()
                .collect(Collectors.joining(",", "{\"data\":[", "],\"total_count\":" + all.size() + "}"));
    }

    /** An organization as Clerk's Backend API lists it, with its {@code members_count}. */
    private String organization(int k, int members) {
        return """
                {"object":"organization","id":"%s","name":"Org %d","slug":"org-%d","image_url":"https://img.clerk.com/o%d",                "has_image":false,"created_by":"%s","public_metadata":{"tier":%d},"private_metadata":{},                "max_allowed_memberships":0,"admin_delete_enabled":true,"members_count":%d,"created_at":%d,"updated_at":%d}"""
                .formatted(organizationId(k), k, k, k, id(0), k, members, createdAt(k).toEpochMilli(),
                        updatedAt(k).toEpochMilli());
    }

    /** User {@code n}'s membership of organization {@code k}, as Clerk's Backend API lists it. */
    private String membership(int k, int n) {
        return """
                {"object":"organization_membership","id":"orgmem_%d_%d","role":"%s","permissions":[],                "public_metadata":{},"private_metadata":{},"organization":%s,                "public_user_data":{"user_id":"%s","identifier":"clerk-%d@example.com","first_name":"Grace",                "last_name":"Hopper %d","image_url":"https://img.clerk.com/%d","has_image":false},                "created_at":%d,"updated_at":%d}"""
                .formatted(k, n, role(n), organization(k, members[k]), id(n), n, n, n, createdAt(n).toEpochMilli(),
                        updatedAt(n).toEpochMilli());
    }

    /** A user as Clerk's Backend API returns it (the fields the receiver reads, and some it does not). */
    private String user(int n) {

        return """
                {"id":"%s","object":"user","username":null,"first_name":"Grace","last_name":"%s",\
                "image_url":"https://img.clerk.com/%d","has_image":false,"primary_email_address_id":"idn_%d",\
                "email_addresses":[{"id":"idn_other_%d","object":"email_address","email_address":"old-%d@example.com"},\
                {"id":"idn_%d","object":"email_address","email_address":"clerk-%d@example.com"}],\
                "phone_numbers":[],"public_metadata":{},"private_metadata":{},"unsafe_metadata":{},\
                "last_sign_in_at":null,"banned":false,"locked":false,"created_at":%d,"updated_at":%d}"""
                .formatted(id(n), lastName(n), n, n, n, n, n, n, createdAt(n).toEpochMilli(),
                        updatedAt(n).plusSeconds(3_600L * changes.getOrDefault(n, 0)).toEpochMilli());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
