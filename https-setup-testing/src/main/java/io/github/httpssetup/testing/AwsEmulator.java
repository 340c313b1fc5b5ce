package io.github.httpssetup.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * A local AWS emulator for tests: its endpoint, a region, static test credentials, SDK clients wired to
 * it, and {@link #reset()}.
 *
 * <p>One emulator serves the whole JVM. It is found or started on first use, in this order: the
 * endpoint in {@code AWS_ENDPOINT_URL}; {@code moto_server} on {@code PATH}; a pinned moto installed once
 * into a virtual environment under the user's cache directory (needs {@code python3}); LocalStack in
 * Docker when {@code LOCALSTACK_AUTH_TOKEN} is set. Most tests get it from {@link AwsEmulatorExtension}:
 *
 * <pre>{@code
 * @AwsEmulatorTest
 * class MyStackIT {
 *     @Test
 *     void seedsAVpc(AwsEmulator aws) {
 *         Ec2Client ec2 = aws.client(Ec2Client.builder());
 *         Ec2World world = Ec2Fixture.builder().instances(1).build().seed(ec2);
 *     }
 * }
 * }</pre>
 */
public final class AwsEmulator {

    /** The region tests use unless they ask for another: {@code HTTPS_SETUP_TEST_REGION}, else us-east-1. */
    public static final String DEFAULT_REGION = "us-east-1";

    static final String LOG_DIR_PROPERTY = "https-setup.emulator.logDir";
    static final String ACM_WAIT_VARIABLE = "MOTO_ACM_VALIDATION_WAIT";
    static final int DEFAULT_ACM_VALIDATION_WAIT_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(AwsEmulator.class);
    private static AwsEmulator shared;
    private static EmulatorUnavailableException sharedFailure;

    private final EmulatorKind kind;
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;

    private AwsEmulator(EmulatorKind kind, URI endpoint, String region) {
        this.kind = kind;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /**
     * The JVM's emulator, found or started on the first call and stopped when the JVM exits.
     *
     * @throws EmulatorUnavailableException when none can be had; the message says how to get one
     */
    public static synchronized AwsEmulator shared() {
        if (sharedFailure != null) { // don't retry a failed install or start for every test class
            throw sharedFailure;
        }
        if (shared == null) {
            try {
                shared = start(new SystemHost());
            } catch (EmulatorUnavailableException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    static AwsEmulator start(EmulatorSelector.Host host) {
        List<EmulatorSelector.Selection> candidates = EmulatorSelector.candidates(host);
        if (candidates.isEmpty()) {
            throw new EmulatorUnavailableException(EmulatorSelector.noEmulatorMessage());
        }
        String region = host.variable("HTTPS_SETUP_TEST_REGION").filter(s -> !s.isBlank()).orElse(DEFAULT_REGION);
        List<String> failures = new ArrayList<>();
        for (EmulatorSelector.Selection candidate : candidates) {
            try {
                return new AwsEmulator(candidate.kind(), startOne(candidate, host), region);
            } catch (EmulatorUnavailableException e) {
                LOG.warn("{} could not be used: {}", candidate.kind(), e.getMessage());
                failures.add(candidate.kind() + ": " + e.getMessage());
            }
        }
        throw new EmulatorUnavailableException("No AWS emulator could be started. Tried " + String.join("; ", failures));
    }

    private static URI startOne(EmulatorSelector.Selection candidate, EmulatorSelector.Host host) {
        switch (candidate.kind()) {
            case ENDPOINT:
                LOG.info("Using the AWS emulator at {} ({})", candidate.endpoint(), EmulatorSelector.ENDPOINT_VARIABLE);
                return candidate.endpoint();
            case MOTO_ON_PATH:
                return startMoto(candidate.executable(), host);
            case MOTO_VIRTUALENV:
                Path moto = new MotoInstallation(candidate.executable(), MotoInstallation.defaultCacheRoot(host)).ensureInstalled();
                return startMoto(moto, host);
            case LOCALSTACK:
                String image = host.variable(LocalStackEmulator.IMAGE_VARIABLE).filter(s -> !s.isBlank())
                        .orElse(LocalStackEmulator.DEFAULT_IMAGE);
                LocalStackEmulator localStack = LocalStackEmulator.start(image,
                        host.variable(EmulatorSelector.LOCALSTACK_TOKEN_VARIABLE).orElseThrow());
                Runtime.getRuntime().addShutdownHook(new Thread(localStack::close, "https-setup-localstack-stop"));
                return localStack.endpoint();
            default:
                throw new IllegalStateException("unknown emulator kind " + candidate.kind());
        }
    }

    private static URI startMoto(Path executable, EmulatorSelector.Host host) {
        Path logDirectory = Paths.get(System.getProperty(LOG_DIR_PROPERTY, Paths.get("target", "aws-emulator").toString()));
        MotoServer server = MotoServer.start(executable, logDirectory, acmValidationWaitSeconds(host));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "https-setup-moto-stop"));
        return server.endpoint();
    }

    static int acmValidationWaitSeconds(EmulatorSelector.Host host) {
        String value = host.variable(ACM_WAIT_VARIABLE).filter(s -> !s.isBlank()).orElse(null);
        if (value == null) {
            return DEFAULT_ACM_VALIDATION_WAIT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new EmulatorUnavailableException(ACM_WAIT_VARIABLE + "=" + value
                    + " is not a whole number of seconds; set it to e.g. 2");
        }
    }

    /** Where the emulator came from. */
    public EmulatorKind kind() {
        return kind;
    }

    /** The base URL every service answers on. */
    public URI endpoint() {
        return endpoint;
    }

    /** The region clients built by {@link #client} use. */
    public String region() {
        return region;
    }

    /** Static test credentials (the emulator accepts any). */
    public AwsCredentialsProvider credentialsProvider() {
        return credentials;
    }

    /** The same emulator, with clients in another region. */
    public AwsEmulator withRegion(String region) {
        return new AwsEmulator(kind, endpoint, Objects.requireNonNull(region, "region"));
    }

    /**
     * Builds an SDK client pointed at the emulator, e.g. {@code aws.client(Ec2Client.builder())}.
     */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return configure(builder).build();
    }

    /** Points an SDK client builder at the emulator (endpoint, region, credentials) and returns it. */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials);
    }

    /** Clears every resource in every region of the emulator. */
    public void reset() {
        String path = kind == EmulatorKind.LOCALSTACK ? "/_localstack/state/reset" : "/moto-api/reset";
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(30000);
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status / 100 != 2) {
                throw new IllegalStateException("Resetting the emulator at " + endpoint + path + " answered HTTP " + status
                        + "; is it a moto server?");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not reset the emulator at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AwsEmulator[" + kind + " " + endpoint + " " + region + "]";
    }
}
