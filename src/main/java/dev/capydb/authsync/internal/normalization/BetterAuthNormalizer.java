package dev.capydb.authsync.internal.normalization;

import dev.capydb.authsync.events.Membership;
import dev.capydb.authsync.events.Organization;
import dev.capydb.authsync.events.User;
import dev.capydb.authsync.internal.normalization.NormalizedEvent.Subject;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * Better Auth's webhook bodies: the CapyDB form {@code {"event": …, "user": {…}}} and the webhook
 * plugins' {@code {"id", "event", "timestamp", "data"}} ({@code type} is accepted for {@code event},
 * {@code data} for the object). Besides the user events, the organization plugin's changes under
 * Banata's names: {@code organization.*} with the organization at {@code organization} (or
 * {@code data}), {@code member.*} with the member at {@code member} (or {@code data}). The objects
 * are Better Auth's own (the core user, plus {@code username} from the username plugin; the
 * organization plugin's {@code organization} and {@code member}); Banata and generic Standard
 * Webhooks senders use the same shapes, see {@link #user}, {@link #organization} and {@link #member}.
 */
public final class BetterAuthNormalizer implements Normalizer {

    private static final Envelope ENVELOPE = new Envelope("event", "type",
            Map.of(Subject.USER, "user", Subject.ORGANIZATION, "organization", Subject.MEMBERSHIP, "member"), "data",
            Envelope.TimestampFormat.RFC_3339);
    static final Envelope.Shapes SHAPES = new Envelope.Shapes(BetterAuthNormalizer::user,
            BetterAuthNormalizer::organization, BetterAuthNormalizer::member);

    @Override
    public NormalizedEvent normalize(JsonObject envelope) throws InvalidPayloadException {
        return ENVELOPE.normalize(envelope, Envelope::banataEvent, SHAPES);
    }

    /** A Better Auth-shaped user object: {@code id}, {@code email}, {@code name}, {@code image}, RFC 3339 dates. */
    static User user(JsonObject user) throws InvalidPayloadException {
        String id = JsonFields.requiredId(user, "id", "user");
        Names names = Names.split(JsonFields.string(user, "name", "user"));
        return new User(
                id,
                JsonFields.string(user, "email", "user"),
                names.first(),
                names.last(),
                JsonFields.string(user, "username", "user"),
                JsonFields.string(user, "image", "user"),
                JsonFields.timestamp(user, "createdAt", "user"),
                JsonFields.timestamp(user, "updatedAt", "user"),
                null,
                user.toString());
    }

    /**
     * A Better Auth-shaped organization: {@code id}, {@code name}, {@code slug}, {@code logo}, RFC 3339
     * {@code createdAt} and, where the sender keeps one (Banata does, Better Auth does not), {@code updatedAt}.
     */
    static Organization organization(JsonObject organization) throws InvalidPayloadException {
        return new Organization(
                JsonFields.requiredId(organization, "id", "organization"),
                JsonFields.string(organization, "name", "organization"),
                JsonFields.string(organization, "slug", "organization"),
                JsonFields.string(organization, "logo", "organization"),
                JsonFields.timestamp(organization, "createdAt", "organization"),
                JsonFields.timestamp(organization, "updatedAt", "organization"),
                organization.toString());
    }

    /**
     * A Better Auth-shaped member: {@code organizationId}, {@code userId}, {@code role}, RFC 3339
     * {@code createdAt} and, where the sender keeps one, {@code updatedAt}. Its own {@code id} stays in
     * {@code raw}: the organization and the user identify the membership.
     */
    static Membership member(JsonObject member) throws InvalidPayloadException {
        return new Membership(
                JsonFields.requiredId(member, "organizationId", "member"),
                JsonFields.requiredId(member, "userId", "member"),
                JsonFields.string(member, "role", "member"),
                JsonFields.timestamp(member, "createdAt", "member"),
                JsonFields.timestamp(member, "updatedAt", "member"),
                member.toString());
    }
}
