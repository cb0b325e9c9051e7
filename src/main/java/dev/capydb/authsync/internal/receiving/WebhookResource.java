package dev.capydb.authsync.internal.receiving;

import dev.capydb.authsync.events.WebhookReceived;
import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.common.Problem;
import dev.capydb.authsync.internal.common.WebhookLog;
import dev.capydb.authsync.internal.events.EventPublisher;
import dev.capydb.authsync.internal.metrics.ReceiverMetrics;
import dev.capydb.authsync.internal.mirroring.Mirror;
import dev.capydb.authsync.internal.mirroring.ProviderFreshness;
import dev.capydb.authsync.internal.mirroring.MirrorException;
import dev.capydb.authsync.internal.mirroring.MirrorWrite;
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
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives a webhook the signature filter has verified: parses it, lets the provider's normalizer
 * say what it means, has the mirror apply it (together with the deliveries that arrive meanwhile,
 * in one transaction) and, once committed, fires the CDI events and answers 200. A redelivery
 * answers 200 {@code duplicate} and fires nothing. A fault that may pass answers 503 with
 * {@code Retry-After}, so the sender retries.
 *
 * <p>The request is suspended while its delivery waits for its transaction, so that a slow or
 * absent database holds no server thread per delivery; where the request cannot be suspended (a
 * filter of the host application on the receiver's path is not {@code async-supported}), its thread
 * waits instead. Either way a delivery that waited in line longer than {@code capydb.auth.stall-seconds}
 * is withdrawn unwritten and answered 503.
 */
@Path("/")
@ApplicationScoped
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class.getName());
    static final String RETRY_AFTER_SECONDS = "30";
    /** Resolved once: {@code Json.createObjectBuilder()} looks the provider up anew on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    Mirror mirror;

    @Inject
    EventPublisher events;

    @Inject
    ProviderFreshness freshness;

    private final Suspending suspending = new Suspending();
    private final Blocking blocking = new Blocking();

    /** The delivery's resource: one that suspends the request where the request allows it. */
    @Path("{provider}")
    public Object delivery(@Context HttpServletRequest request) {
        return request.isAsyncSupported() ? suspending : blocking;
    }

    /** Answers once the delivery is committed, without holding the request's thread meanwhile. */
    public final class Suspending {

        @POST
        @Produces(MediaType.APPLICATION_JSON)
        public void receive(@PathParam("provider") String providerId, @Context HttpServletRequest request,
                @Suspended AsyncResponse response) {
            Receipt receipt = receipt(providerId, request);
            if (receipt.refusal != null) {
                response.resume(receipt.refusal);
                return;
            }
            mirror.submit(receipt.write, receipt.afterCommit, result -> response.resume(receipt.answer(result)));
        }
    }

    /** Answers once the delivery is committed, its thread waiting meanwhile. */
    public final class Blocking {

        @POST
        @Produces(MediaType.APPLICATION_JSON)
        public Response receive(@PathParam("provider") String providerId, @Context HttpServletRequest request) {
            Receipt receipt = receipt(providerId, request);
            if (receipt.refusal != null) {
                return receipt.refusal;
            }
            Mirror.Result result;
            try {
                result = new Mirror.Result(mirror.apply(receipt.write, receipt.afterCommit), null);
            } catch (MirrorException e) {
                result = new Mirror.Result(null, e);
            }
            return receipt.answer(result);
        }
    }

    /** The verified delivery read, and what to write; or the answer that refuses it. */
    private Receipt receipt(String providerId, HttpServletRequest request) {
        // Read now: the answer may be made on another request's thread, where the injected request is that one.
        String remote = request.getRemoteAddr();
        if (!(request.getAttribute(VerifiedDelivery.ATTRIBUTE) instanceof VerifiedDelivery delivery)
                || !delivery.provider().equals(providerId)) {
            // Reached without passing the signature filter, e.g. through the host application's own
            // JAX-RS application: nothing unverified is ever processed.
            return Receipt.refused(refuse(remote, providerId, Problem.NO_RECEIVER));
        }
        // The very bytes whose signature was verified, rather than a copy JAX-RS would read again.
        byte[] body = delivery.body();
        JsonObject envelope;
        NormalizedEvent event;
        try {
            envelope = JsonBody.parseObject(body);
            event = Provider.byId(providerId).orElseThrow().normalizer().normalize(envelope);
        } catch (InvalidPayloadException e) {
            return Receipt.refused(refuse(remote, providerId, new Problem(400, Problem.INVALID_PAYLOAD, e.getMessage())));
        }

        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant deletedAt = event.occurredAt() != null ? event.occurredAt().truncatedTo(ChronoUnit.MICROS) : receivedAt;
        String deliveryKey = DeliveryKey.of(delivery.deliveryId(), event.eventId(), body);
        Consumer<Outcome> afterCommit = committed -> {
            freshness.delivered(providerId);
            events.changed(providerId, event, committed, deletedAt);
            if (committed != Outcome.DUPLICATE) {
                events.webhookReceived(new WebhookReceived(providerId, event.name(), deliveryKey, envelope));
            }
        };
        return new Receipt(new MirrorWrite(providerId, deliveryKey, receivedAt, event, deletedAt), afterCommit, null,
                providerId, remote, delivery, event, deliveryKey);
    }

    /** A delivery on its way to the mirror, and how to answer once the mirror is done with it. */
    private record Receipt(MirrorWrite write, Consumer<Outcome> afterCommit, Response refusal, String providerId,
            String remote, VerifiedDelivery delivery, NormalizedEvent event, String deliveryKey) {

        static Receipt refused(Response refusal) {
            return new Receipt(null, null, refusal, null, null, null, null, null);
        }

        /** 200 with what the delivery did; 400 for a value the database refuses; else 503. */
        Response answer(Mirror.Result result) {
            Outcome outcome;
            try {
                outcome = result.outcome();
            } catch (MirrorException e) {
                if (e.isPermanent()) {
                    // The SQLState says which kind of value; the rejection line says who sent it.
                    LOG.log(Level.FINE, "A {0} delivery holds a value the database refuses: {1}",
                            new Object[] {providerId, e.getMessage()});
                    return refuse(remote, providerId,
                            new Problem(400, Problem.UNSTORABLE_PAYLOAD, "The database refused a value of this event"));
                }
                return unavailable(remote, providerId, e);
            }
            long nanos = System.nanoTime() - delivery.receivedNanos();
            WebhookLog.get().accepted(providerId, event.name(), deliveryKey, userId(event), organizationId(event),
                    outcome.wireName(), nanos);
            ReceiverMetrics.current().accepted(providerId, object(event), outcome, nanos);
            return Response.ok(JSON.createObjectBuilder().add("status", outcome.wireName()).add("event", event.name())
                    .build().toString()).build();
        }
    }

    private static String userId(NormalizedEvent event) {
        return event.user() != null ? event.user().id() : event.membership() != null ? event.membership().userId() : null;
    }

    private static String organizationId(NormalizedEvent event) {
        return event.organization() != null ? event.organization().id()
                : event.membership() != null ? event.membership().organizationId() : null;
    }

    /** The metrics' {@code object} of an event: the table it writes, or none. */
    private static String object(NormalizedEvent event) {
        NormalizedEvent.Subject subject = event.subject();
        return subject == null ? ReceiverMetrics.NO_OBJECT : subject.name().toLowerCase(Locale.ROOT);
    }

    private static Response unavailable(String remote, String providerId, MirrorException e) {
        // The rejection line (rate-limited: an outage fails many deliveries) carries the SQLState.
        LOG.log(Level.FINE, "The cause of the 503", e);
        Problem problem = new Problem(503, Problem.UNAVAILABLE, "The delivery could not be stored now; retry later");
        return Response.fromResponse(refuse(remote, providerId, problem, e.reason()))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response refuse(String remote, String providerId, Problem problem) {
        return refuse(remote, providerId, problem, null);
    }

    /** Logs and counts the refusal; {@code detail} (the SQLState of a 503) goes to the log only. */
    private static Response refuse(String remote, String providerId, Problem problem, String detail) {
        WebhookLog.get().rejected(providerId, detail == null ? problem.code() : problem.code() + " (" + detail + ")",
                problem.status(), remote);
        ReceiverMetrics.current().rejected(providerId, problem.code());
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON).entity(problem.toJson()).build();
    }
}
