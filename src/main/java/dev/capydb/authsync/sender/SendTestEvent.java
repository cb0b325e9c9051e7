package dev.capydb.authsync.sender;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sends one realistic, signed sample webhook to a receiver, as the provider would: no tunnel, no
 * provider account. Builds the event in the provider's own shape, signs it with the provider's
 * scheme and the given secret, POSTs it and prints the answer; or prints the equivalent
 * {@code curl} command. Needs only a JDK: {@code java -jar capydb-auth-sync-<version>-sender.jar --help}.
 */
public final class SendTestEvent {

    static final String USAGE = """
            Usage: java -jar capydb-auth-sync-sender.jar --provider <id> [options]

            Builds a sample webhook as the provider sends it, signs it with the provider's scheme and
            POSTs it to a capydb-auth-sync receiver; prints the HTTP status and the answer.

              --provider <id>   better-auth, banata, standard-webhooks, clerk or auth0 (required)
              --event <name>    user.created (default), user.updated, user.deleted or session.created;
                                organization.created, organization.updated, organization.deleted,
                                member.added, member.role_updated or member.removed (better-auth,
                                banata, standard-webhooks); organization.created, organization.updated,
                                organization.deleted, organizationMembership.created,
                                organizationMembership.updated or organizationMembership.deleted (clerk)
              --secret <secret> the provider's secret as the receiver has it configured; default:
                                the environment variable the receiver reads, e.g.
                                CAPYDB_AUTH_BETTER_AUTH_SECRET for better-auth
              --url <url>       the receiver; default: http://localhost:8080/capydb-auth/webhooks/<id>
              --id <user id>    the user's id; default: usr_ and a random suffix
              --email <email>   the user's email; default: ada@example.com
              --name <name>     the user's name, first and last; default: Ada Lovelace
              --organization <id>
                                the organization's id; default: org_ and a random suffix
              --organization-name <name>
                                the organization's name; default: Analytical Engines
              --role <role>     the user's role in it; default: admin (org:admin for clerk)
              --curl            print the equivalent curl command instead of sending (schemes that
                                sign a timestamp accept it for the receiver's tolerance, 5 minutes
                                by default)
              --help            print this text

            Exit status: 0 when the receiver answered 2xx (or with --curl), 1 when it answered
            otherwise or could not be reached, 2 when the options are wrong.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;

    SendTestEvent(PrintStream out, PrintStream err, Function<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(new SendTestEvent(System.out, System.err, System::getenv).run(args));
    }

    /** Does what {@code args} say; returns the exit status. */
    int run(String[] args) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Try --help.");
            return 2;
        }
        if (options.containsKey("help")) {
            out.print(USAGE);
            return 0;
        }
        Optional<SampleProvider> provider = Optional.ofNullable(options.get("provider")).flatMap(SampleProvider::byId);
        if (provider.isEmpty()) {
            err.println("--provider must be one of better-auth, banata, standard-webhooks, clerk, auth0. Try --help.");
            return 2;
        }
        String event = options.getOrDefault("event", "user.created");
        if (!provider.get().events().contains(event)) {
            err.println("--event must be one of " + String.join(", ", provider.get().events()) + " for "
                    + provider.get().id() + ". Try --help.");
            return 2;
        }
        String secretVariable = "CAPYDB_AUTH_" + provider.get().id().toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET";
        String secret = options.containsKey("secret") ? options.get("secret") : environment.apply(secretVariable);
        if (secret == null || secret.isBlank()) {
            err.println("No secret: give --secret or set " + secretVariable + ". Try --help.");
            return 2;
        }
        URI url = URI.create(options.getOrDefault("url",
                "http://localhost:8080/capydb-auth/webhooks/" + provider.get().id()));
        SampleUser user = new SampleUser(
                options.getOrDefault("id", "usr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)),
                options.getOrDefault("email", "ada@example.com"),
                options.getOrDefault("name", "Ada Lovelace"));
        SampleOrganization organization = new SampleOrganization(
                options.getOrDefault("organization", "org_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)),
                options.getOrDefault("organization-name", "Analytical Engines"),
                options.getOrDefault("role", provider.get() == SampleProvider.CLERK ? "org:admin" : "admin"));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] body = SampleProvider.utf8(provider.get().body(event, user, organization, now));
        Map<String, String> headers;
        try {
            headers = provider.get().sign(secret, body, "msg_" + UUID.randomUUID(), now);
        } catch (IllegalArgumentException e) {
            // Standard Webhooks and Svix secrets are base64 after whsec_.
            err.println("The secret is not usable for " + provider.get().id() + ": it must be whsec_ and base64");
            return 2;
        }
        if (options.containsKey("curl")) {
            out.println(curl(url, headers, body));
            return 0;
        }
        return send(url, headers, body);
    }

    private int send(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            out.println("HTTP " + response.statusCode());
            out.println(response.body());
            return response.statusCode() / 100 == 2 ? 0 : 1;
        } catch (IOException e) {
            err.println("Could not reach " + url + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The same request as a {@code curl} command for a POSIX shell. */
    static String curl(URI url, Map<String, String> headers, byte[] body) {
        StringBuilder command = new StringBuilder("curl -i ").append(quoted(url.toString()))
                .append(" \\\n  -H ").append(quoted("Content-Type: application/json"));
        headers.forEach((name, value) -> command.append(" \\\n  -H ").append(quoted(name + ": " + value)));
        return command.append(" \\\n  --data-binary ").append(quoted(new String(body, StandardCharsets.UTF_8))).toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static Map<String, String> parse(String[] args) {
        List<String> flags = List.of("curl", "help");
        List<String> valued = List.of("provider", "event", "secret", "url", "id", "email", "name", "organization",
                "organization-name", "role");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && flags.contains(name)) {
                options.put(name, "");
            } else if (name != null && valued.contains(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value.");
                }
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        return options;
    }
}
