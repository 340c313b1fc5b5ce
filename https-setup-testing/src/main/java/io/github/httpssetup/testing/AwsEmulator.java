package io.github.httpssetup.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
public final class AwsEmulator implements AutoCloseable {

    /** The region tests use unless they ask for another: {@code HTTPS_SETUP_TEST_REGION}, else us-east-1. */
    public static final String DEFAULT_REGION = "us-east-1";

    static final String LOG_DIR_PROPERTY = "https-setup.emulator.logDir";
    static final String ACM_WAIT_VARIABLE = "MOTO_ACM_VALIDATION_WAIT";
    static final int DEFAULT_ACM_VALIDATION_WAIT_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(AwsEmulator.class);
    private static AwsEmulator shared;
    private static EmulatorUnavailableException sharedFailure;

    private final EmulatorKind kind;
    private final EmulatorProfile profile;
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final AutoCloseable owned;

    private AwsEmulator(
            EmulatorKind kind,
            EmulatorProfile profile,
            URI endpoint,
            String region,
            AwsCredentialsProvider credentials,
            AutoCloseable owned) {
        this.kind = kind;
        this.profile = profile;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.owned = owned;
    }

    private static AwsCredentialsProvider testCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
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
                AwsEmulator started = start(new SystemHost(), Map.of());
                shared = started.withOwner(null); // stopped by the JVM's shutdown hook, never by a test
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "https-setup-emulator-stop"));
            } catch (EmulatorUnavailableException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * Starts an emulator of its own for a test that must not share one, e.g. because it needs moto's IAM
     * enforcement ({@code INITIAL_NO_AUTH_ACTION_COUNT}) or its own delays. The caller closes it.
     *
     * <pre>{@code
     * try (AwsEmulator aws = AwsEmulator.startDedicated(EmulatorProfile.STRICT,
     *         Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "10"))) {
     *     IamClient iam = aws.client(IamClient.builder().region(Region.AWS_GLOBAL));
     * }
     * }</pre>
     *
     * @param profile lenient or strict
     * @param environment variables added to the server's environment
     */
    public static AwsEmulator startDedicated(EmulatorProfile profile, Map<String, String> environment) {
        SystemHost system = new SystemHost();
        EmulatorSelector.Host host = new EmulatorSelector.Host() {
            @Override
            public java.util.Optional<String> variable(String name) {
                if (name.equals(EmulatorProfile.VARIABLE)) {
                    return java.util.Optional.of(profile.name());
                }
                return name.equals(EmulatorSelector.ENDPOINT_VARIABLE)
                        ? java.util.Optional.empty()
                        : system.variable(name);
            }

            @Override
            public java.util.Optional<Path> onPath(String executable) {
                return system.onPath(executable);
            }

            @Override
            public boolean dockerAvailable() {
                return false;
            }
        };
        return start(host, Map.copyOf(environment), profile);
    }

    static AwsEmulator start(EmulatorSelector.Host host, Map<String, String> environment) {
        return start(host, environment, EmulatorProfile.of(host));
    }

    private static AwsEmulator start(
            EmulatorSelector.Host host, Map<String, String> environment, EmulatorProfile profile) {
        List<EmulatorSelector.Selection> candidates = EmulatorSelector.candidates(host, profile);
        if (candidates.isEmpty()) {
            throw new EmulatorUnavailableException(EmulatorSelector.noEmulatorMessage());
        }
        String region = host.variable("HTTPS_SETUP_TEST_REGION")
                .filter(s -> !s.isBlank())
                .orElse(DEFAULT_REGION);
        List<String> failures = new ArrayList<>();
        for (EmulatorSelector.Selection candidate : candidates) {
            try {
                Started started = startOne(candidate, host, environment, profile);
                return new AwsEmulator(
                        candidate.kind(), profile, started.endpoint(), region, testCredentials(), started.process());
            } catch (EmulatorUnavailableException e) {
                LOG.warn("{} could not be used: {}", candidate.kind(), e.getMessage());
                failures.add(candidate.kind() + ": " + e.getMessage());
            }
        }
        throw new EmulatorUnavailableException(
                "No AWS emulator could be started. Tried " + String.join("; ", failures));
    }

    private record Started(URI endpoint, AutoCloseable process) {}

    private static Started startOne(
            EmulatorSelector.Selection candidate,
            EmulatorSelector.Host host,
            Map<String, String> environment,
            EmulatorProfile profile) {
        return switch (candidate.kind()) {
            case ENDPOINT -> {
                LOG.info("Using the AWS emulator at {} ({})", candidate.endpoint(), EmulatorSelector.ENDPOINT_VARIABLE);
                yield new Started(candidate.endpoint(), null);
            }
            case MOTO_ON_PATH -> startMoto(List.of(candidate.executable().toString()), host, environment);
            case MOTO_VIRTUALENV -> {
                MotoInstallation installation =
                        new MotoInstallation(candidate.executable(), MotoInstallation.defaultCacheRoot(host));
                Path moto = installation.ensureInstalled();
                if (profile == EmulatorProfile.STRICT) {
                    Path launcher = StrictLauncher.extract(logDirectory()
                            .resolve(
                                    "strict-launcher-" + ProcessHandle.current().pid()));
                    yield startMoto(List.of(installation.python().toString(), launcher.toString()), host, environment);
                }
                yield startMoto(List.of(moto.toString()), host, environment);
            }
            case LOCALSTACK -> {
                String image = host.variable(LocalStackEmulator.IMAGE_VARIABLE)
                        .filter(s -> !s.isBlank())
                        .orElse(LocalStackEmulator.DEFAULT_IMAGE);
                LocalStackEmulator localStack = LocalStackEmulator.start(
                        image,
                        host.variable(EmulatorSelector.LOCALSTACK_TOKEN_VARIABLE)
                                .orElseThrow());
                yield new Started(localStack.endpoint(), localStack::close);
            }
        };
    }

    private static Path logDirectory() {
        return Paths.get(System.getProperty(
                LOG_DIR_PROPERTY, Paths.get("target", "aws-emulator").toString()));
    }

    private static Started startMoto(List<String> command, EmulatorSelector.Host host, Map<String, String> extra) {
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put(ACM_WAIT_VARIABLE, Integer.toString(acmValidationWaitSeconds(host)));
        environment.putAll(extra);
        MotoServer server = MotoServer.start(command, logDirectory(), environment);
        return new Started(server.endpoint(), server);
    }

    static int acmValidationWaitSeconds(EmulatorSelector.Host host) {
        String value =
                host.variable(ACM_WAIT_VARIABLE).filter(s -> !s.isBlank()).orElse(null);
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
            throw new EmulatorUnavailableException(
                    ACM_WAIT_VARIABLE + "=" + value + " is not a whole number of seconds; set it to e.g. 2");
        }
    }

    /** Where the emulator came from. */
    public EmulatorKind kind() {
        return kind;
    }

    /** How closely the emulator answers like AWS. */
    public EmulatorProfile profile() {
        return profile;
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
        return new AwsEmulator(kind, profile, endpoint, Objects.requireNonNull(region, "region"), credentials, owned);
    }

    /** The same emulator, with clients signing with these credentials (e.g. an IAM user's keys). */
    public AwsEmulator withCredentials(AwsCredentialsProvider credentials) {
        return new AwsEmulator(
                kind, profile, endpoint, region, Objects.requireNonNull(credentials, "credentials"), owned);
    }

    private AwsEmulator withOwner(AutoCloseable owner) {
        return new AwsEmulator(kind, profile, endpoint, region, credentials, owner);
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
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(30000);
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status / 100 != 2) {
                throw new IllegalStateException("Resetting the emulator at " + endpoint + path + " answered HTTP "
                        + status + "; is it a moto server?");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not reset the emulator at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the emulator if this instance started it ({@link #startDedicated}); the {@link #shared()} one
     * is stopped when the JVM exits, and closing it does nothing.
     */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn("Stopping the emulator at {} failed: {}", endpoint, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "AwsEmulator[" + kind + " " + profile.name().toLowerCase(java.util.Locale.ROOT) + " " + endpoint + " "
                + region + "]";
    }
}
