package dev.capydb.authsync.internal.config;

import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads MicroProfile Config. Kept in a class of its own so that on a server without MicroProfile
 * Config only loading this class fails, which {@link Settings} expects and handles.
 */
final class MicroProfileConfig {

    private MicroProfileConfig() {
    }

    static Function<String, Optional<String>> lookup(ClassLoader classLoader) {
        Config config = ConfigProvider.getConfig(classLoader);
        return key -> config.getOptionalValue(key, String.class);
    }
}
