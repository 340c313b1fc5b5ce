package io.github.httpssetup.core.internal;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53domains.Route53DomainsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * The five SDK clients of one run, sharing one HTTP connection pool, the SDK's standard retry strategy
 * (throttling, 5xx, connection errors) and the call counter.
 */
public final class AwsClients implements AutoCloseable {

    /** Route 53 Domains has a single endpoint, in us-east-1. */
    static final Region DOMAINS_REGION = Region.US_EAST_1;
    /** Attempts per call for throttling, 5xx and connection errors: at a 25 % fault rate, 1 call in 65,000 fails. */
    static final int MAX_ATTEMPTS = 8;

    private final SdkHttpClient http;
    private final ApiCallCounter counter = new ApiCallCounter();
    private final Ec2Client ec2;
    private final ElasticLoadBalancingV2Client elb;
    private final AcmClient acm;
    private final Route53Client route53;
    private final Route53DomainsClient domains;
    // The clients of the options (issue 15), built on first use: a stack without them makes no call and builds none.
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final List<ExecutionInterceptor> interceptors;
    private Wafv2Client wafv2;
    private S3Client s3;

    public AwsClients(String region, AwsCredentialsProvider credentials, URI endpoint, List<ExecutionInterceptor> interceptors,
                      int maxConnections) {
        this.http = ApacheHttpClient.builder().maxConnections(Math.max(8, maxConnections)).build();
        Region r = Region.of(region);
        this.ec2 = configure(Ec2Client.builder(), r, credentials, endpoint, interceptors);
        this.elb = configure(ElasticLoadBalancingV2Client.builder(), r, credentials, endpoint, interceptors);
        this.acm = configure(AcmClient.builder(), r, credentials, endpoint, interceptors);
        this.route53 = configure(Route53Client.builder(), route53Region(region), credentials, endpoint, interceptors);
        this.domains = configure(Route53DomainsClient.builder(), DOMAINS_REGION, credentials, endpoint, interceptors);
        this.region = r;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.interceptors = List.copyOf(interceptors);
    }

    /** The partition of a region: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ... */
    static String partition(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    /**
     * Route 53 is a global service with one endpoint per partition: the commercial one, China's and GovCloud's. Its
     * client's region is that partition's global region; other partitions are refused before any call.
     */
    static Region route53Region(String region) {
        String partition = partition(region);
        switch (partition) {
            case "aws":
                return Region.AWS_GLOBAL;
            case "aws-cn":
                return Region.AWS_CN_GLOBAL;
            case "aws-us-gov":
                return Region.AWS_US_GOV_GLOBAL;
            default:
                throw new HttpsSetupException(ErrorCode.CONFIGURATION, "region " + region + " is in the " + partition
                        + " partition, which https-setup does not support (Route 53 there is not reached through a"
                        + " global endpoint it knows). Use a region of the commercial (aws), China (aws-cn) or GovCloud"
                        + " (aws-us-gov) partition.");
        }
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, Region region, AwsCredentialsProvider credentials, URI endpoint, List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .addExecutionInterceptor(counter);
        interceptors.forEach(override::addExecutionInterceptor);
        builder.httpClient(http).region(region).overrideConfiguration(override.build());
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public Ec2Client ec2() {
        return ec2;
    }

    public ElasticLoadBalancingV2Client elb() {
        return elb;
    }

    public AcmClient acm() {
        return acm;
    }

    public Route53Client route53() {
        return route53;
    }

    public Route53DomainsClient domains() {
        return domains;
    }

    /** WAFv2 in the stack's region ({@code loadBalancer.webAcl}). */
    public synchronized Wafv2Client wafv2() {
        if (wafv2 == null) {
            wafv2 = configure(Wafv2Client.builder(), region, credentials, endpoint, interceptors);
        }
        return wafv2;
    }

    /**
     * S3 in the stack's region ({@code loadBalancer.accessLogs}); with an endpoint override (an emulator), addressed
     * by path, since bucket host names do not resolve there.
     */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = configure(S3Client.builder().forcePathStyle(endpoint != null), region, credentials, endpoint, interceptors);
        }
        return s3;
    }

    public ApiCallCounter counter() {
        return counter;
    }

    @Override
    public void close() {
        ec2.close();
        elb.close();
        acm.close();
        route53.close();
        domains.close();
        synchronized (this) {
            for (AutoCloseable optional : new AutoCloseable[] {wafv2, s3}) {
                if (optional != null) {
                    try {
                        optional.close();
                    } catch (Exception e) {
                        // closing an SDK client releases no remote resource; nothing to report
                    }
                }
            }
        }
        http.close();
    }
}
