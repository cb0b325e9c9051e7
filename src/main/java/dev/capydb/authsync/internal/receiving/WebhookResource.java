package dev.capydb.authsync.internal.receiving;

import dev.capydb.authsync.events.UserChange;
import dev.capydb.authsync.events.UserCreated;
import dev.capydb.authsync.events.UserDeleted;
import dev.capydb.authsync.events.UserUpdated;
import dev.capydb.authsync.events.WebhookReceived;
import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.common.Problem;
import dev.capydb.authsync.internal.common.WebhookLog;
import dev.capydb.authsync.internal.events.EventPublisher;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import dev.capydb.authsync.internal.mirroring.MirrorException;
import dev.capydb.authsync.internal.mirroring.UserMirror;
import dev.capydb.authsync.internal.mirroring.UserWrite;
import dev.capydb.authsync.internal.normalization.InvalidPayloadException;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import dev.capydb.authsync.internal.providers.Provider;
import dev.capydb.authsync.internal.verification.VerifiedDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives a webhook the signature filter has verified: parses it, lets the provider's normalizer
 * say what it means, has the mirror apply it (together with the deliveries that arrive meanwhile,
 * in one transaction) and, once committed, fires the CDI events and answers 200. A redelivery
 * answers 200 {@code duplicate} and fires nothing. A fault that may pass answers 503 with
 * {@code Retry-After}, so the sender retries.
 */
@Path("{provider}")
@ApplicationScoped
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());
    static final String RETRY_AFTER_SECONDS = "30";
    /** Resolved once: {@code Json.createObjectBuilder()} looks the provider up anew on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    UserMirror mirror;

    @Inject
    EventPublisher events;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("provider") String providerId, @Context HttpServletRequest request) {
        if (!(request.getAttribute(VerifiedDelivery.ATTRIBUTE) instanceof VerifiedDelivery delivery)
                || !delivery.provider().equals(providerId)) {
            // Reached without passing the signature filter, e.g. through the host application's own
            // JAX-RS application: nothing unverified is ever processed.
            return refuse(request, providerId, Problem.NO_RECEIVER);
        }
        // The very bytes whose signature was verified, rather than a copy JAX-RS would read again.
        byte[] body = delivery.body();
        JsonObject envelope;
        NormalizedEvent event;
        try {
            envelope = JsonBody.parseObject(body);
            event = Provider.byId(providerId).orElseThrow().normalizer().normalize(envelope);
        } catch (InvalidPayloadException e) {
            return refuse(request, providerId, new Problem(400, Problem.INVALID_PAYLOAD, e.getMessage()));
        }

        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant deletedAt = event.occurredAt() != null ? event.occurredAt().truncatedTo(ChronoUnit.MICROS) : receivedAt;
        String deliveryKey = DeliveryKey.of(delivery.deliveryId(), event.eventId(), body);
        Outcome outcome;
        try {
            outcome = mirror.apply(new UserWrite(providerId, deliveryKey, receivedAt, event, deletedAt), committed -> {
                if (committed == Outcome.CHANGED) {
                    events.userChanged(change(providerId, event, deletedAt));
                }
                if (committed != Outcome.DUPLICATE) {
                    events.webhookReceived(new WebhookReceived(providerId, event.name(), deliveryKey, envelope));
                }
            });
        } catch (MirrorException e) {
            if (e.isPermanent()) {
                // The SQLState says which kind of value; the rejection line says who sent it.
                LOG.log(Level.FINE, "A {0} delivery holds a value the database refuses: {1}",
                        new Object[] {providerId, e.getMessage()});
                return refuse(request, providerId,
                        new Problem(400, Problem.UNSTORABLE_PAYLOAD, "The database refused a value of this user"));
            }
            return unavailable(request, providerId, e);
        }
        long nanos = System.nanoTime() - delivery.receivedNanos();
        WebhookLog.get().accepted(providerId, event.name(), deliveryKey, event.user() == null ? null : event.user().id(),
                outcome.wireName(), nanos);
        ReceiverMetrics.current().accepted(providerId, outcome, nanos);
        return Response.ok(JSON.createObjectBuilder().add("status", outcome.wireName()).add("event", event.name()).build()
                .toString()).build();
    }

    /** The committed change as the CDI event observers receive. */
    private static UserChange change(String provider, NormalizedEvent event, Instant deletedAt) {
        return switch (event.kind()) {
            case CREATED -> new UserCreated(provider, event.user());
            case UPDATED -> new UserUpdated(provider, event.user());
            case DELETED -> new UserDeleted(provider, event.user(), deletedAt);
            case SNAPSHOT, NOT_MIRRORED -> throw new IllegalArgumentException("No webhook is a " + event.kind());
        };
    }

    private static Response unavailable(HttpServletRequest request, String providerId, MirrorException e) {
        // The rejection line (rate-limited: an outage fails many deliveries) carries the SQLState.
        LOG.log(Level.FINE, "The cause of the 503", e);
        Problem problem = new Problem(503, Problem.UNAVAILABLE, "The delivery could not be stored now; retry later");
        return Response.fromResponse(refuse(request, providerId, problem, e.reason()))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response refuse(HttpServletRequest request, String providerId, Problem problem) {
        return refuse(request, providerId, problem, null);
    }

    /** Logs and counts the refusal; {@code detail} (the SQLState of a 503) goes to the log only. */
    private static Response refuse(HttpServletRequest request, String providerId, Problem problem, String detail) {
        WebhookLog.get().rejected(providerId, detail == null ? problem.code() : problem.code() + " (" + detail + ")",
                problem.status(), request.getRemoteAddr());
        ReceiverMetrics.current().rejected(providerId, problem.code());
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON).entity(problem.toJson()).build();
    }
}
