package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpClientType;
import io.github.httpssetup.core.HttpsSetupException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53domains.Route53DomainsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one run, sharing one HTTP client ({@link HttpClientType}), one credentials provider, the SDK's standard
 * retry strategy (throttling, 5xx, connection errors) and the call counter. Each client is created when the
 * run first uses it, on the thread that uses it: a fresh JVM spends much of a short run creating clients
 * (class loading, endpoint rules, configuration), so the steps that start at once create theirs side by
 * side, and a run that registers no domain never creates the Route 53 Domains client.
 */
final class AwsClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    /** Route 53 Domains has a single endpoint, in us-east-1. */
    static final Region DOMAINS_REGION = Region.US_EAST_1;
    /** Attempts per call for throttling, 5xx and connection errors: at a 25 % fault rate, 1 call in 65,000 fails. */
    static final int MAX_ATTEMPTS = 8;

    private final ApiCallCounter counter = new ApiCallCounter();
    private final URI endpoint;
    private final List<ExecutionInterceptor> interceptors;
    private final HttpClientType httpType;
    private final Created<SdkHttpClient> http;
    private final Created<AwsCredentialsProvider> credentials;
    /** Whether the credentials provider is this object's own (the default chain), to close with it. */
    private final boolean ownsCredentials;

    private final Created<Ec2Client> ec2;
    private final Created<ElasticLoadBalancingV2Client> elb;
    private final Created<AcmClient> acm;
    private final Created<Route53Client> route53;
    private final Created<Route53DomainsClient> domains;
    private final Created<Wafv2Client> wafv2;
    private final Created<S3Client> s3;
    private final Created<AutoScalingClient> autoScaling;
    /** STS, for the Route 53 clients of zones in other accounts ({@code hostedZone.roleArn}). */
    private final Created<StsClient> sts;
    /** Route 53 with an assumed role's credentials, by role ARN; each made on first use. */
    private final Map<String, RoleClient> roleRoute53 = new ConcurrentHashMap<>();

    private final Region global;

    /** A Route 53 client and the provider of its assumed role's credentials, closed together. */
    private record RoleClient(Route53Client client, StsAssumeRoleCredentialsProvider credentials) {}

    /**
     * @param credentials the provider of every client; {@code null}: the SDK's default chain, resolved once for all of
     *                    them (each client would otherwise walk the chain on its own)
     */
    public AwsClients(
            String region,
            AwsCredentialsProvider credentials,
            URI endpoint,
            List<ExecutionInterceptor> interceptors,
            int maxConnections) {
        this(region, credentials, endpoint, interceptors, maxConnections, HttpClientType.URL_CONNECTION);
    }

    /** @param httpClient the SDK HTTP client all the service clients share */
    public AwsClients(
            String region,
            AwsCredentialsProvider credentials,
            URI endpoint,
            List<ExecutionInterceptor> interceptors,
            int maxConnections,
            HttpClientType httpClient) {
        Region r = Region.of(region);
        Region global = route53Region(region); // refuses an unsupported partition before anything is created
        this.global = global;
        this.endpoint = endpoint;
        this.interceptors = List.copyOf(interceptors);
        this.httpType = httpClient;
        this.http = new Created<>("http", () -> httpClient(httpClient, maxConnections));
        this.ownsCredentials = credentials == null;
        this.credentials = new Created<>(
                "credentials",
                credentials == null ? () -> DefaultCredentialsProvider.builder().build() : () -> credentials);
        this.ec2 = new Created<>("ec2", () -> configure(Ec2Client.builder(), r));
        this.elb = new Created<>("elasticloadbalancingv2", () -> configure(ElasticLoadBalancingV2Client.builder(), r));
        this.acm = new Created<>("acm", () -> configure(AcmClient.builder(), r));
        this.route53 = new Created<>("route53", () -> configure(Route53Client.builder(), global));
        this.domains = new Created<>("route53domains", () -> configure(Route53DomainsClient.builder(), DOMAINS_REGION));
        // the clients of the options, created only by a stack that uses them
        this.wafv2 = new Created<>("wafv2", () -> configure(Wafv2Client.builder(), r));
        // with an endpoint override (an emulator), S3 is addressed by path: bucket host names do not resolve there
        this.s3 = new Created<>("s3", () -> configure(S3Client.builder().forcePathStyle(endpoint != null), r));
        this.autoScaling = new Created<>("autoscaling", () -> configure(AutoScalingClient.builder(), r));
        this.sts = new Created<>("sts", () -> configure(StsClient.builder(), r));
    }

    /**
     * Made on first use, once, by whichever thread comes first (the others wait for it). The creation is timed in the
     * debug log, as it is a large part of a cold start (the benchmark reads these lines).
     */
    private static final class Created<T> {
        private final String name;
        private final Supplier<T> create;
        private volatile T value;

        Created(String name, Supplier<T> create) {
            this.name = name;
            this.create = create;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        long start = System.nanoTime();
                        v = create.get();
                        value = v;
                        if (LOG.isDebugEnabled()) {
                            LOG.debug("AWS client {} created in {} us", name, (System.nanoTime() - start) / 1000);
                        }
                    }
                }
            }
            return v;
        }

        /** The value if it was created (for closing); creates nothing. */
        T ifCreated() {
            return value;
        }
    }

    /**
     * The shared HTTP client. URL connection by default: a fresh JVM creates it in a fraction of the time Apache's
     * takes (no connection manager, no SSL socket factory built up front); its connections are kept alive by the JDK.
     */
    static SdkHttpClient httpClient(HttpClientType type, int maxConnections) {
        return switch (type) {
            case APACHE ->
                ApacheHttpClient.builder()
                        .maxConnections(Math.max(8, maxConnections))
                        .build();
            // A proxy from the http.proxyHost/-Port system properties or the HTTP_PROXY environment variable, as
            // Apache's
            // client takes it by default (without this, only the JDK's own proxy system properties would apply).
            case URL_CONNECTION ->
                UrlConnectionHttpClient.builder()
                        .proxyConfiguration(ProxyConfiguration.builder().build())
                        .build();
        };
    }

    /** The partition of a region: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ... */
    static String partition(String region) {
        return Partitions.of(region);
    }

    /**
     * Route 53 is a global service with one endpoint per partition: the commercial one, China's and GovCloud's. Its
     * client's region is that partition's global region; other partitions are refused before any call.
     */
    static Region route53Region(String region) {
        String partition = partition(region);
        return switch (partition) {
            case "aws" -> Region.AWS_GLOBAL;
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default ->
                throw new HttpsSetupException(
                        ErrorCode.CONFIGURATION,
                        "region " + region + " is in the " + partition
                                + " partition, which https-setup does not support (Route 53 there is not reached through a"
                                + " global endpoint it knows). Use a region of the commercial (aws), China (aws-cn) or GovCloud"
                                + " (aws-us-gov) partition.");
        };
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, Region region) {
        return configure(builder, region, credentials.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, Region region, AwsCredentialsProvider provider) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .addExecutionInterceptor(counter);
        interceptors.forEach(override::addExecutionInterceptor);
        builder.httpClient(http.get())
                .region(region)
                .credentialsProvider(provider)
                .overrideConfiguration(override.build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public Ec2Client ec2() {
        return ec2.get();
    }

    public ElasticLoadBalancingV2Client elb() {
        return elb.get();
    }

    public AcmClient acm() {
        return acm.get();
    }

    public Route53Client route53() {
        return route53.get();
    }

    /**
     * Route 53 for a zone reached through a role: its credentials come from {@code sts:AssumeRole} on the role (and are
     * renewed before they expire), one client per role.
     *
     * @param roleArn the role's ARN; {@code null} = {@link #route53()}
     */
    public Route53Client route53(String roleArn) {
        if (roleArn == null) {
            return route53();
        }
        return roleRoute53
                .computeIfAbsent(roleArn, arn -> {
                    StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                            .stsClient(sts.get())
                            .refreshRequest(a -> a.roleArn(arn).roleSessionName("https-setup"))
                            .build();
                    return new RoleClient(configure(Route53Client.builder(), global, provider), provider);
                })
                .client();
    }

    /** Created only by a run that registers a domain. */
    public Route53DomainsClient domains() {
        return domains.get();
    }

    /** The clients (and shared parts) created so far, by name: {@code http}, {@code credentials}, {@code ec2}, ... */
    java.util.Set<String> created() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Created<?> c : List.of(http, credentials, ec2, elb, acm, route53, domains, wafv2, s3, autoScaling, sts)) {
            if (c.ifCreated() != null) {
                names.add(c.name);
            }
        }
        return names;
    }

    /** WAFv2 in the stack's region ({@code loadBalancer.webAcl}). */
    public Wafv2Client wafv2() {
        return wafv2.get();
    }

    /** S3 in the stack's region ({@code loadBalancer.accessLogs}). */
    public S3Client s3() {
        return s3.get();
    }

    /**
     * EC2 Auto Scaling in the stack's region ({@code targets.autoScalingGroup}, or a target group the stack attached to
     * a group).
     */
    public AutoScalingClient autoScaling() {
        return autoScaling.get();
    }

    HttpClientType httpClientType() {
        return httpType;
    }

    public ApiCallCounter counter() {
        return counter;
    }

    /** Closes the clients that were created, the credentials provider if this created it, then the connection pool. */
    @Override
    public void close() {
        for (Created<? extends SdkAutoCloseable> client :
                List.of(ec2, elb, acm, route53, domains, wafv2, s3, autoScaling)) {
            SdkAutoCloseable c = client.ifCreated();
            if (c != null) {
                c.close();
            }
        }
        roleRoute53.values().forEach(role -> {
            role.client().close();
            role.credentials().close();
        });
        StsClient stsClient = sts.ifCreated();
        if (stsClient != null) {
            stsClient.close();
        }
        if (ownsCredentials && credentials.ifCreated() instanceof DefaultCredentialsProvider provider) {
            provider.close();
        }
        SdkHttpClient pool = http.ifCreated();
        if (pool != null) {
            pool.close();
        }
    }
}
