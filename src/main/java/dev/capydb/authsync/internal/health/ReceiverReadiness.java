package dev.capydb.authsync.internal.health;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.mirroring.ProviderFreshness;
import dev.capydb.authsync.internal.providers.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when deliveries can be accepted: the mirror database answers, holds every migration of this
 * version, and at least one provider has a secret. Down while the database is away, so that a load
 * balancer sends providers' retries to a node that can write them; the data says why, naming
 * settings but never their values. Where the library is switched off (or left out by the
 * application's ordering) it is up and says so: the server registers the check before the
 * application's settings can be read, so it cannot be left out then, and an application that switched
 * the receiver off is no less ready for it. The same holds for the moment between the registration
 * and the receiver's start, which the server's own readiness covers.
 *
 * <p>Its data also says how fresh the mirror is of each provider: its last delivery accepted and
 * its last reconciliation (by any node), and, in {@code silent} and {@code <provider>.silentFor},
 * the providers that have sent nothing for longer than {@code capydb.auth.<provider>.max-silence}.
 * A silent provider leaves the check up: the node can receive as well as before, and taking it out
 * of a load balancer would only keep the provider's next delivery from it.
 */
@Readiness
@ApplicationScoped
public class ReceiverReadiness implements HealthCheck {

    @Inject
    MirrorDatabase database;

    @Inject
    ProviderFreshness freshness;

    @Override
    public HealthCheckResponse call() {
        if (!database.started()) {
            return ReceiverLiveness.off();
        }
        List<String> providers = Provider.configured(database.settings());
        List<String> reasons = new ArrayList<>();
        if (providers.isEmpty()) {
            reasons.add("no provider has a secret (" + Settings.secretKey("<provider>") + ")");
        }
        Optional<String> unavailability = database.unavailability();
        unavailability.ifPresent(reasons::add);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(ReceiverLiveness.NAME)
                .status(reasons.isEmpty())
                .withData("providers", String.join(",", providers))
                .withData("database", unavailability.isEmpty() ? "up" : "down");
        if (!reasons.isEmpty()) {
            response.withData("reason", String.join("; ", reasons));
        }
        List<String> silent = new ArrayList<>();
        for (String provider : providers) {
            freshness.lastDelivery(provider).ifPresent(at -> response.withData(provider + ".lastDelivery", at.toString()));
            freshness.lastReconciled(provider)
                    .ifPresent(at -> response.withData(provider + ".lastReconciliation", at.toString()));
            freshness.silence(provider).ifPresent(silence -> {
                silent.add(provider);
                response.withData(provider + ".silentFor", silence.withNanos(0).toString());
            });
        }
        // A detail, not a reason to be taken out of a load balancer: the node is no less able to receive.
        response.withData("silent", String.join(",", silent));
        return response.build();
    }
}
