package dev.capydb.authsync.internal.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code ${name}} and {@code ${name:default}} expressions of an {@code @AuthSyncDefinition}
 * value, as MicroProfile Config writes them in its own values: each replaced by the value of
 * {@code name}, else by its default. MicroProfile Config offers no way to expand a string that is
 * not one of its properties, hence this.
 */
final class Expressions {

    private Expressions() {
    }

    /**
     * {@code value} with its expressions resolved by {@code config}.
     *
     * @param what the setting the value is of, for messages (which never quote a resolved value)
     * @throws IllegalStateException when an expression without a default resolves to nothing, or is
     *     not closed
     */
    static String resolve(String value, Function<String, Optional<String>> config, String what) {
        StringBuilder resolved = new StringBuilder();
        int from = 0;
        for (int start = value.indexOf("${"); start >= 0; start = value.indexOf("${", from)) {
            int end = value.indexOf('}', start);
            if (end < 0) {
                throw new IllegalStateException("capydb-auth-sync: " + what + " has an expression without its"
                        + " closing brace: " + value.substring(start));
            }
            String expression = value.substring(start + 2, end);
            int colon = expression.indexOf(':');
            String name = colon < 0 ? expression : expression.substring(0, colon);
            Optional<String> found = config.apply(name).filter(v -> !v.isBlank());
            if (found.isEmpty() && colon < 0) {
                throw new IllegalStateException("capydb-auth-sync: " + what + " is ${" + name + "}, which resolves to"
                        + " nothing: set " + name + " as an environment variable, a system property or in"
                        + " microprofile-config.properties");
            }
            resolved.append(value, from, start).append(found.orElseGet(() -> expression.substring(colon + 1)));
            from = end + 1;
        }
        return resolved.append(value, from, value.length()).toString();
    }
}
