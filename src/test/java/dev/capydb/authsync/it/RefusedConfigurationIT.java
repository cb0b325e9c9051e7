package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capydb.authsync.it.war.definition.AnnotatedConfiguration;
import dev.capydb.authsync.it.war.definition.LiteralSecretConfiguration;
import dev.capydb.authsync.it.war.definition.SecondConfiguration;
import dev.capydb.authsync.it.war.definition.UnresolvedSecretConfiguration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code @AuthSyncDefinition}s that fail the deployment, each with a message that says why: a
 * secret written as a literal (never quoted), two definitions in one application, and an expression
 * that resolves to nothing.
 */
@ServerTest
@Tag("deployment")
class RefusedConfigurationIT {

    @Deployment(name = "literal-secret-it", managed = false, testable = false)
    @TargetsContainer("node1")
    static WebArchive literalSecret() {
        return ReceiverWar.unconfigured("literal-secret-it", TestDatabase.jdbcUrl(), "")
                .addClass(LiteralSecretConfiguration.class);
    }

    @Deployment(name = "two-definitions-it", managed = false, testable = false)
    @TargetsContainer("node1")
    static WebArchive twoDefinitions() {
        return ReceiverWar.unconfigured("two-definitions-it", TestDatabase.jdbcUrl(), "")
                .addClasses(AnnotatedConfiguration.class, SecondConfiguration.class);
    }

    @Deployment(name = "unresolved-secret-it", managed = false, testable = false)
    @TargetsContainer("node1")
    static WebArchive unresolvedSecret() {
        return ReceiverWar.unconfigured("unresolved-secret-it", TestDatabase.jdbcUrl(), "")
                .addClass(UnresolvedSecretConfiguration.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aLiteralSecretFailsTheDeploymentWithoutQuotingIt() {
        RefusedDeployment.assertRefused(deployer, "literal-secret-it",
                "as a literal. A secret in source code is read by everyone");
        assertTrue(ServerLog.linesContaining("clerk = @Webhook(secrets = \"${CLERK_WEBHOOK_SECRET}\")").size() > 0,
                "the message shows the expression form");
        assertEquals(List.of(), ServerLog.linesContaining(LiteralSecretConfiguration.LITERAL), "the secret is not logged");
    }

    @Test
    void twoDefinitionsFailTheDeploymentNamingBoth() {
        RefusedDeployment.assertRefused(deployer, "two-definitions-it", AnnotatedConfiguration.class.getName() + " and "
                + SecondConfiguration.class.getName() + " each have one");
    }

    @Test
    void anExpressionThatResolvesToNothingFailsTheDeployment() {
        RefusedDeployment.assertRefused(deployer, "unresolved-secret-it",
                "is ${CAPYDB_IT_NEVER_SET_SECRET}, which resolves to nothing");
    }
}
