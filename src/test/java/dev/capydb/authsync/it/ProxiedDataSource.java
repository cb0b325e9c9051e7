package dev.capydb.authsync.it;

/**
 * A {@link ServerDataSource} that reaches the test database through a {@link TcpProxy}, which the
 * test cuts and restores; connections time out in seconds, so a cut shows within a test.
 */
abstract class ProxiedDataSource extends ServerDataSource {

    private final TcpProxy proxy;
    private final int maxPoolSize;

    ProxiedDataSource(String name, TcpProxy proxy, int maxPoolSize) {
        super(name);
        this.proxy = proxy;
        this.maxPoolSize = maxPoolSize;
    }

    @Override
    String jdbcUrl() {
        return TestDatabase.jdbcUrlVia(proxy.port()) + "?connectTimeout=5&socketTimeout=30";
    }

    @Override
    int maxPoolSize() {
        return maxPoolSize;
    }
}
