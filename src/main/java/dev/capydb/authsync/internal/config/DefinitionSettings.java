package dev.capydb.authsync.internal.config;

import dev.capydb.authsync.AuthSyncDefinition;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings of the application's {@link AuthSyncDefinition}, by config key: the lowest of the
 * sources. Checked when the application starts: one definition at most, and no secret written as a
 * literal; its expressions are resolved then too, where no higher source overrides the key.
 */
final class DefinitionSettings {

    /** A whole value that is one expression without a default: the only form a secret may take. */
    private static final Pattern SECRET_EXPRESSION = Pattern.compile("\\$\\{[^}:]+}");

    /** One attribute of the annotation, the key it sets and whether that is a secret. */
    private record Attribute(String name, String key, Function<AuthSyncDefinition, String[]> values, Kind kind) {

        enum Kind { PLAIN, SECRET, WEBHOOK }

        static Attribute plain(String name, String key, Function<AuthSyncDefinition, String> value) {
            return new Attribute(name, key, definition -> new String[] {value.apply(definition)}, Kind.PLAIN);
        }

        static Attribute secret(String name, String key, Function<AuthSyncDefinition, String> value) {
            return new Attribute(name, key, definition -> new String[] {value.apply(definition)}, Kind.SECRET);
        }

        static Attribute webhook(String name, String providerId,
                Function<AuthSyncDefinition, AuthSyncDefinition.Webhook> webhook) {
            return new Attribute(name, Settings.secretKey(providerId), definition -> webhook.apply(definition).secrets(),
                    Kind.WEBHOOK);
        }

        /** The attribute as it should be written, with an environment variable named after it. */
        String expressionExample() {
            String variable = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)
                    + (kind == Kind.WEBHOOK ? "_WEBHOOK_SECRET" : "");
            String expression = "\"${" + variable + "}\"";
            String attribute = kind == Kind.WEBHOOK ? name + " = @Webhook(secrets = " + expression + ")"
                    : name + " = " + expression;
            return attribute + ", with the environment variable " + variable;
        }
    }

    private static final List<Attribute> ATTRIBUTES = List.of(
            Attribute.plain("enabled", Settings.ENABLED, AuthSyncDefinition::enabled),
            Attribute.plain("path", Settings.PATH, AuthSyncDefinition::path),
            Attribute.plain("dataSource", Settings.DATASOURCE, AuthSyncDefinition::dataSource),
            Attribute.plain("maxBodyBytes", Settings.MAX_BODY_BYTES, AuthSyncDefinition::maxBodyBytes),
            Attribute.plain("toleranceSeconds", Settings.TOLERANCE_SECONDS, AuthSyncDefinition::toleranceSeconds),
            Attribute.plain("deliveryRetentionDays", Settings.DELIVERY_RETENTION_DAYS,
                    AuthSyncDefinition::deliveryRetentionDays),
            Attribute.plain("maxBatchSize", Settings.MAX_BATCH_SIZE, AuthSyncDefinition::maxBatchSize),
            Attribute.plain("stallSeconds", Settings.STALL_SECONDS, AuthSyncDefinition::stallSeconds),
            Attribute.secret("metricsToken", Settings.METRICS_TOKEN, AuthSyncDefinition::metricsToken),
            Attribute.plain("metricsOpen", Settings.METRICS_OPEN, AuthSyncDefinition::metricsOpen),
            Attribute.secret("backfillSecret", Settings.BACKFILL_SECRET, AuthSyncDefinition::backfillSecret),
            Attribute.webhook("betterAuth", "better-auth", AuthSyncDefinition::betterAuth),
            Attribute.webhook("banata", "banata", AuthSyncDefinition::banata),
            Attribute.webhook("standardWebhooks", "standard-webhooks", AuthSyncDefinition::standardWebhooks),
            Attribute.webhook("clerk", "clerk", AuthSyncDefinition::clerk),
            Attribute.webhook("auth0", "auth0", AuthSyncDefinition::auth0));

    static final DefinitionSettings NONE = new DefinitionSettings("no definition", Map.of());

    private final String source;
    /** Expression-bearing values by key; a list for the secrets of one provider. */
    private final Map<String, List<String>> values;

    private DefinitionSettings(String source, Map<String, List<String>> values) {
        this.source = source;
        this.values = values;
    }

    /**
     * The definition on one of {@code classes} (those the container found annotated), or
     * {@link #NONE}.
     *
     * @throws IllegalStateException when two classes carry one, or a secret is a literal
     */
    static DefinitionSettings of(Collection<Class<?>> classes) {
        List<Class<?>> annotated = classes.stream()
                .filter(type -> type.isAnnotationPresent(AuthSyncDefinition.class))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
        if (annotated.isEmpty()) {
            return NONE;
        }
        if (annotated.size() > 1) {
            throw new IllegalStateException("capydb-auth-sync takes one @AuthSyncDefinition per application, and "
                    + annotated.stream().map(Class::getName).collect(Collectors.joining(" and "))
                    + " each have one: keep one of them");
        }
        Class<?> type = annotated.get(0);
        return of(type.getName(), type.getAnnotation(AuthSyncDefinition.class));
    }

    static DefinitionSettings of(String className, AuthSyncDefinition definition) {
        String source = "@AuthSyncDefinition on " + className;
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Attribute attribute : ATTRIBUTES) {
            List<String> given = Arrays.stream(attribute.values().apply(definition))
                    .map(String::strip).filter(value -> !value.isEmpty()).toList();
            if (given.isEmpty()) {
                continue;
            }
            boolean literal = !given.stream().allMatch(value -> SECRET_EXPRESSION.matcher(value).matches());
            if (attribute.kind() != Attribute.Kind.PLAIN && literal) {
                // Never quote the value: it is a secret.
                throw new IllegalStateException("capydb-auth-sync: " + source + " gives " + attribute.key()
                        + " as a literal. A secret in source code is read by everyone who can read the code or the"
                        + " archive: write it as an expression and set its value outside the application, e.g. "
                        + attribute.expressionExample() + ".");
            }
            values.put(attribute.key(), given);
        }
        return new DefinitionSettings(source, values);
    }

    /**
     * The values of the keys that {@code overridden} does not claim, their expressions resolved
     * through {@code config}.
     *
     * @throws IllegalStateException naming the key and the expression (never a value) when one
     *     resolves to nothing
     */
    Map<String, String> resolve(Predicate<String> overridden, Function<String, Optional<String>> config) {
        Map<String, String> resolved = new LinkedHashMap<>();
        values.forEach((key, list) -> {
            if (!overridden.test(key)) {
                resolved.put(key, list.stream()
                        .map(value -> Expressions.resolve(value, config, key + " of " + source))
                        .collect(Collectors.joining(",")));
            }
        });
        return resolved;
    }
}
