package io.github.httpssetup.testing;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack through Testcontainers. Loaded only when chosen, so Testcontainers stays an optional
 * dependency. ELBv2 and Route 53 Domains are on LocalStack's paid plan, hence the auth token.
 */
final class LocalStackEmulator implements AutoCloseable {

    static final String IMAGE_VARIABLE = "HTTPS_SETUP_LOCALSTACK_IMAGE";
    static final String DEFAULT_IMAGE = "localstack/localstack-pro:4.5";

    private final LocalStackContainer container;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, LocalStackEmulator.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static LocalStackEmulator start(String image, String authToken) {
        LocalStackContainer container = new LocalStackContainer(
                        DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv("LOCALSTACK_AUTH_TOKEN", authToken);
        container.start();
        return new LocalStackEmulator(container);
    }

    URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}
