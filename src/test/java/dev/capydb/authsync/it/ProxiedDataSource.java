package dev.capydb.authsync.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ServerDataSource} that reaches the test database through a {@link TcpProxy}, which the
 * test cuts and restores; connections time out in seconds, so a cut shows within a test. Each test
 * class names its own subclass in {@code @ServerSetup} and gets that subclass's proxy from
 * {@link #proxy(Class)}; {@link ServerTest} closes the proxies after the class.
 */
abstract class ProxiedDataSource extends ServerDataSource {

    private static final Map<Class<?>, TcpProxy> PROXIES = new ConcurrentHashMap<>();

    private final int maxPoolSize;

    ProxiedDataSource(String name, int maxPoolSize) {
        super(name);
        this.maxPoolSize = maxPoolSize;
    }

    /** The proxy the datasource {@code type} connects through, started at the first call. */
    static TcpProxy proxy(Class<? extends ProxiedDataSource> type) {
        return PROXIES.computeIfAbsent(type, unused -> new TcpProxy(TestDatabase.host(), TestDatabase.port()));
    }

    @Override
    String jdbcUrl() {
        return TestDatabase.jdbcUrlVia(proxy(getClass()).port()) + "?connectTimeout=5&socketTimeout=30";
    }

    @Override
    int maxPoolSize() {
        return maxPoolSize;
    }

    /** Closes the proxies once their test class is done. */
    static final class Closing implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            PROXIES.values().forEach(TcpProxy::close);
            PROXIES.clear();
        }
    }
}
