package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Subject;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * Auth0, as an Action or a Log Stream transform sends it: {@code {"event", "user"}} with Auth0's
 * user profile. {@code given_name}/{@code family_name} win over splitting {@code name};
 * {@code username} over {@code nickname}; {@code last_login} is the last sign-in.
 */
public final class Auth0Normalizer implements Normalizer {

    private static final Envelope ENVELOPE = new Envelope("event", "event", Map.of(Subject.USER, "user"), "user",
            Envelope.TimestampFormat.NONE);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, Envelope::userEvent, Envelope.Shapes.users(Auth0Normalizer::user));
    }

    private static User user(JsonObject user) throws InvalidPayloadException {
        String givenName = JsonFields.string(user, "given_name", "user");
        String familyName = JsonFields.string(user, "family_name", "user");
        Names split = Names.split(JsonFields.string(user, "name", "user"));
        String username = JsonFields.string(user, "username", "user");
        return new User(
                JsonFields.requiredId(user, "user_id", "user"),
                JsonFields.string(user, "email", "user"),
                givenName != null || familyName != null ? givenName : split.first(),
                givenName != null || familyName != null ? familyName : split.last(),
                username != null ? username : JsonFields.string(user, "nickname", "user"),
                JsonFields.string(user, "picture", "user"),
                JsonFields.timestamp(user, "created_at", "user"),
                JsonFields.timestamp(user, "updated_at", "user"),
                JsonFields.timestamp(user, "last_login", "user"),
                user.toString());
    }
}
