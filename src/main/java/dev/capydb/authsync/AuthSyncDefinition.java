package dev.capydb.authsync;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures capydb-auth-sync from a class of the application, as {@code @DataSourceDefinition} and
 * Jakarta Security's {@code @…Definition} annotations configure what they define: put it on any one
 * class of the web application (two are a deployment error). Every attribute is a
 * {@code capydb.auth.*} setting of the README's configuration table; an empty attribute leaves the
 * setting to its default.
 *
 * <p>A value is a literal or holds {@code ${name}} expressions (also {@code ${name:default}}), resolved
 * through MicroProfile Config when the application starts, so {@code ${CLERK_WEBHOOK_SECRET}} reads
 * that environment variable. An expression without a default that resolves to nothing fails the
 * deployment. Secrets must be expressions: a secret written as a literal fails the deployment, so that
 * it never sits in source code or in the archive.
 *
 * <p>The annotation has the lowest precedence, as the Servlet specification ranks annotations below
 * the deployment descriptor: MicroProfile Config (system properties, environment variables,
 * {@code microprofile-config.properties}) overrides it, and so do {@code web.xml} context parameters.
 *
 * <pre>{@code
 * @AuthSyncDefinition(
 *         dataSource = "java:app/jdbc/Users",
 *         betterAuth = @AuthSyncDefinition.Webhook(secrets = "${BETTER_AUTH_WEBHOOK_SECRET}"),
 *         clerk = @AuthSyncDefinition.Webhook(secrets = {"${CLERK_WEBHOOK_SECRET}", "${CLERK_PREVIOUS_WEBHOOK_SECRET}"}))
 * @ApplicationScoped
 * public class AuthSyncConfiguration {
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AuthSyncDefinition {

    /** {@return {@code capydb.auth.enabled}, whether the library is installed: {@code false} installs nothing} */
    String enabled() default "";

    /** {@return {@code capydb.auth.path}, the URL pattern the receiver answers on: {@code /prefix/*}} */
    String path() default "";

    /** {@return {@code capydb.auth.datasource}, the JNDI name of the JTA datasource that holds {@code capydb_auth}} */
    String dataSource() default "";

    /** {@return {@code capydb.auth.max-body-bytes}, the largest body accepted} */
    String maxBodyBytes() default "";

    /** {@return {@code capydb.auth.tolerance-seconds}, the allowed clock skew of signed timestamps} */
    String toleranceSeconds() default "";

    /** {@return {@code capydb.auth.delivery-retention-days}, how long delivery keys are kept to recognise redeliveries} */
    String deliveryRetentionDays() default "";

    /** {@return {@code capydb.auth.max-batch-size}, the most deliveries one transaction writes} */
    String maxBatchSize() default "";

    /** {@return {@code capydb.auth.stall-seconds}, how long one batch may take before liveness reports the receiver stuck} */
    String stallSeconds() default "";

    /** {@return {@code capydb.auth.metrics.token}, the metrics endpoint's bearer token: a secret, so an expression} */
    String metricsToken() default "";

    /** {@return {@code capydb.auth.metrics.open}: {@code true} opens the metrics endpoint without a token} */
    String metricsOpen() default "";

    /** {@return {@code capydb.auth.backfill.secret}, the bearer token of the backfill's and reconciliation's calls: a secret, so an expression} */
    String backfillSecret() default "";

    /** {@return Better Auth's webhooks: {@code capydb.auth.better-auth.secret}} */
    Webhook betterAuth() default @Webhook;

    /** {@return Banata Auth's webhooks: {@code capydb.auth.banata.secret}} */
    Webhook banata() default @Webhook;

    /** {@return a Standard Webhooks sender's webhooks: {@code capydb.auth.standard-webhooks.secret}} */
    Webhook standardWebhooks() default @Webhook;

    /** {@return Clerk's webhooks: {@code capydb.auth.clerk.secret}} */
    Webhook clerk() default @Webhook;

    /** {@return Auth0's webhooks: {@code capydb.auth.auth0.secret}} */
    Webhook auth0() default @Webhook;

    /**
     * One provider's webhooks. A provider without a secret stays disabled (its path answers 404).
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Webhook {

        /**
         * {@return its signing secrets, each an expression such as {@code ${CLERK_WEBHOOK_SECRET}}: several
         * during a rotation, the new one and the old one}
         */
        String[] secrets() default {};
    }
}
