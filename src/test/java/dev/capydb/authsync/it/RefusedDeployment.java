package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;

/** Deploys an archive that must not start, and checks that the server says why. */
final class RefusedDeployment {

    private RefusedDeployment() {
    }

    /**
     * Deploys {@code deployment} (an unmanaged one on the node whose log the tests read), expects it to
     * fail with {@code reason} in the server log, and takes it down again. Payara Micro reports the
     * application deployed, then fails to start its web context, so the application serves nothing;
     * the other servers refuse the deployment (Open Liberty's adapter only once its deployment
     * timeout has passed).
     *
     * @param deployment the deployment's name, which is also its archive's without {@code .war}: its context root
     */
    static void assertRefused(Deployer deployer, String deployment, String reason) {
        int reasons = ServerLog.linesContaining(reason).size();
        String payaraFailure = "Startup of context /" + deployment + " failed";
        int payaraFailures = ServerLog.linesContaining(payaraFailure).size();
        try {
            if (Server.current() == Server.PAYARA_MICRO) {
                deployer.deploy(deployment);
                assertTrue(ServerLog.linesContaining(payaraFailure).size() > payaraFailures,
                        "Payara says: " + payaraFailure);
            } else {
                assertThrows(DeploymentException.class, () -> deployer.deploy(deployment));
            }
        } finally {
            deployer.undeploy(deployment); // on Payara Micro, also stops the server started for it
        }
        assertTrue(ServerLog.linesContaining(reason).size() > reasons, "the server log says: " + reason);
    }
}
