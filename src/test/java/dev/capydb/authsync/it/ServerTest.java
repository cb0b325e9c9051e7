package dev.capydb.authsync.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against the receiver deployed in this run's server: what the run needs is
 * checked first (Prerequisites), then this run's database is created (TestDatabase, which must come
 * before Arquillian's extension), then the deployments;
 * after the class, the proxies of its {@link ProxiedDataSource} are closed, then it is undeployed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Prerequisites.class)
@ExtendWith(TestDatabase.class)
@ExtendWith(ArquillianExtension.class)
@ExtendWith(ProxiedDataSource.Closing.class)
@interface ServerTest {
}
