package io.github.httpssetup.core;

import io.github.httpssetup.core.export.CloudFormationTemplate;
import io.github.httpssetup.core.internal.Engine;
import io.github.httpssetup.core.internal.EngineConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Converges AWS to an {@link HttpsSetup}: {@link #plan} (read-only), {@link #apply} (idempotent: a second
 * run changes nothing) and {@link #destroy} (removes exactly what the stack owns). Stateless and
 * thread-safe: everything is found again on each run by name and by the tag {@code https-setup:stack}.
 *
 * <pre>{@code
 * HttpsSetupExecutor executor = HttpsSetupExecutor.builder()
 *     .profile("deploy")                      // optional; the SDK's default credentials otherwise
 *     .build();
 * Plan plan = executor.plan(setup);
 * System.out.println(plan.render());
 * ApplyResult result = executor.apply(setup);
 * System.out.println(result.url());          // https://example.com
 * }</pre>
 *
 * <p>Credentials: an explicit provider, else a named profile, else the SDK's default chain
 * (environment, profile, container, instance role). The endpoint override (for a local emulator) applies
 * to every service; the SDK also honours {@code AWS_ENDPOINT_URL}.
 */
public final class HttpsSetupExecutor {

    /** Independent branches run at once on this many threads unless told otherwise. */
    public static final int DEFAULT_PARALLELISM = EngineConfig.DEFAULT_PARALLELISM;

    /**
     * At DEBUG, the AWS SDK's request signers log each canonical request, session token included. With the
     * simple SLF4J backends (slf4j-simple, Maven's own), those loggers stay at INFO unless the user set a
     * level for them: a DEBUG run then never prints a secret. Other backends: keep
     * {@code software.amazon.awssdk} at INFO or above in logs that others read.
     */
    static final java.util.List<String> SIGNER_LOGGERS =
            java.util.List.of("software.amazon.awssdk.http.auth", "software.amazon.awssdk.auth.signer");

    static {
        for (String logger : SIGNER_LOGGERS) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "info");
            }
        }
    }

    private final Engine engine;

    private HttpsSetupExecutor(Builder builder) {
        AwsCredentialsProvider credentials = builder.credentialsProvider;
        if (credentials == null && builder.profile != null) {
            credentials = ProfileCredentialsProvider.create(builder.profile);
        }
        this.engine = new Engine(EngineConfig.builder()
                .credentials(credentials)
                .endpoint(builder.endpointOverride)
                .interceptors(builder.interceptors)
                .parallelism(builder.parallelism)
                .listener(builder.listener)
                .clock(builder.clock)
                .sleeper(builder.sleeper)
                .httpClient(builder.httpClient != null ? builder.httpClient : HttpClientType.fromSystemProperty())
                .build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What apply would do, without any write call. */
    public Plan plan(HttpsSetup setup) {
        return engine.plan(Objects.requireNonNull(setup, "setup"));
    }

    /**
     * Converges AWS to the description. Plans first: conflicts stop it before any write
     * ({@link ConflictException}); when nothing differs it makes no write call.
     *
     * @throws HttpsSetupException with an {@link ErrorCode} and a message that says what to do; when it stops after
     *                             changing something, the message also lists those changes (what now exists, with ids)
     *                             and says that a rerun continues from there ({@link HttpsSetupException#changesMade()})
     */
    public ApplyResult apply(HttpsSetup setup) {
        return engine.apply(Objects.requireNonNull(setup, "setup"));
    }

    /**
     * Deletes every resource the stack owns, in reverse order: records, listeners, load balancer, target
     * group, security groups, certificate. The certificate's DNS validation records stay (ACM shares them
     * with every certificate of the account for the same names, in every region, and needs them to renew);
     * the hosted zone and the domain stay unless the description asks otherwise, and a zone deleted takes
     * its records with it. Resources the stack does not own are never touched.
     */
    public DestroyResult destroy(HttpsSetup setup) {
        return engine.destroy(Objects.requireNonNull(setup, "setup"));
    }

    /**
     * The stack as a CloudFormation template: the same resources, names and settings {@link #apply} would create,
     * for CloudFormation to own. Reads only, like {@link #plan} (the instances, the subnets a plan would choose, the
     * hosted zone): its IAM permissions are among the plan's. The template has a parameter {@code CertificateArn}
     * (empty: it requests and validates the certificate through DNS), and outputs for the URL and ARNs.
     *
     * <pre>{@code
     * CloudFormationTemplate template = executor.export(setup);
     * Files.writeString(Path.of("cloudformation.json"), template.toJson());
     * template.warnings().forEach(log::warn);       // what CloudFormation cannot say, e.g. adopt: true
     * }</pre>
     *
     * @throws HttpsSetupException {@link ErrorCode#NOT_EXPORTABLE} before any AWS call for what CloudFormation cannot
     *                             express ({@code domain.registration}); otherwise as {@link #plan} fails (instances,
     *                             subnets, hosted zone)
     */
    public CloudFormationTemplate export(HttpsSetup setup) {
        return engine.export(Objects.requireNonNull(setup, "setup"));
    }

    /**
     * The steps of a plan or apply run, as the executor runs them: each step's name, with the steps and early
     * reads it waits for, in an order where every step comes after what it waits for. These are the names that
     * {@link ProgressEvent.Type#STEP_STARTED} and {@link ProgressEvent.Type#STEP_FINISHED} events carry. Read-only.
     *
     * <pre>{@code
     * HttpsSetupExecutor.steps().get("network");   // [targets, read-route-tables]
     * }</pre>
     */
    public static Map<String, List<String>> steps() {
        return Engine.steps();
    }

    /** Builder of {@link HttpsSetupExecutor}. */
    public static final class Builder {
        private AwsCredentialsProvider credentialsProvider;
        private String profile;
        private URI endpointOverride;
        private int parallelism = DEFAULT_PARALLELISM;
        private ProgressListener listener = ProgressListener.slf4j();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private HttpClientType httpClient;

        private Builder() {}

        /** Credentials from any SDK provider (SSO, assume-role, ...). */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentialsProvider = provider;
            return this;
        }

        /** Static credentials; the session token may be null. */
        public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            this.credentialsProvider = StaticCredentialsProvider.create(
                    sessionToken == null
                            ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                            : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
            return this;
        }

        /** A named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}. */
        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        /**
         * One endpoint for every service, e.g. a local emulator; {@code null} for AWS's own.
         *
         * @throws HttpsSetupException ({@link ErrorCode#CONFIGURATION}) when it is not an http or https URL with a
         *                             host, e.g. {@code localhost:5000}; no AWS call is made
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint == null ? null : checkedEndpoint(endpoint.toString(), endpoint);
            return this;
        }

        /**
         * {@link #endpointOverride(URI)} from text, as a command line or a configuration file gives it:
         * {@code http://localhost:5000}. Surrounding blanks are ignored; {@code null} or blank means AWS's own.
         *
         * @throws HttpsSetupException ({@link ErrorCode#CONFIGURATION}) when it is not an http or https URL with a
         *                             host; no AWS call is made
         */
        public Builder endpointOverride(String endpoint) {
            if (endpoint == null || endpoint.isBlank()) {
                this.endpointOverride = null;
                return this;
            }
            URI uri;
            try {
                uri = new URI(endpoint.trim());
            } catch (URISyntaxException e) {
                throw notAnEndpoint(endpoint.trim(), e);
            }
            this.endpointOverride = checkedEndpoint(endpoint.trim(), uri);
            return this;
        }

        private static URI checkedEndpoint(String text, URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw notAnEndpoint(text, null);
            }
            return uri;
        }

        private static HttpsSetupException notAnEndpoint(String text, Throwable cause) {
            return new HttpsSetupException(
                    ErrorCode.CONFIGURATION,
                    "endpoint override " + text + " is not a URL: use e.g. http://localhost:5000",
                    cause);
        }

        /** Threads for independent branches (default {@value #DEFAULT_PARALLELISM}); 1 runs the chain in order. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** Receives progress events (default: SLF4J). */
        public Builder listener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The clock for durations and wait limits (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How waits pause (tests). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The SDK HTTP client shared by the run's service clients (default: {@link HttpClientType#URL_CONNECTION}, or
         * what the system property {@code https-setup.httpClient} says).
         */
        public Builder httpClient(HttpClientType httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** An SDK interceptor added to every client (tests, metrics). */
        public Builder addExecutionInterceptor(ExecutionInterceptor interceptor) {
            this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public HttpsSetupExecutor build() {
            return new HttpsSetupExecutor(this);
        }
    }
}
