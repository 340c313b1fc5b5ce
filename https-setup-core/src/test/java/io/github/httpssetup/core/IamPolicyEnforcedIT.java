package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import io.github.httpssetup.testing.EmulatorProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.DefaultAction;

/**
 * The IAM policy {@link IamPolicy} prints is complete for the description it was printed for: an IAM user
 * holding exactly that policy runs plan, apply, a no-op re-apply, a replacement and destroy against an
 * emulator that enforces IAM, and no call is refused.
 *
 * <p>moto enforces IAM once {@code /moto-api/reset-auth} (or {@code INITIAL_NO_AUTH_ACTION_COUNT}) says
 * so: every request is then signed with a known access key and its action ({@code service:Action}) must
 * be allowed by the user's policies. Each variant seeds its world with the emulator's root credentials
 * while enforcement is off, creates the user, then turns enforcement on for the runs.
 *
 * <p>The strict profile authorizes each call against the resource ARNs AWS checks for it: Route 53, Elastic Load
 * Balancing (listener rules and certificates included), ACM, EC2, WAF V2 (with {@code elasticloadbalancing:SetWebAcl}
 * on the load balancer), Auto Scaling and STS; moto's S3 authorizes against the bucket and object ARNs itself. The
 * option variants (web ACL, access logs to a created and to a given bucket, Auto Scaling group) and two sites, one in another
 * account's zone through a DNS role whose own policy is the Route 53 part of the printed policy, each run plan,
 * apply, a no-op re-apply and destroy.
 */
class IamPolicyEnforcedIT {

    private static final String REGION = "ap-northeast-2";
    private static final String DOMAIN = "example.com";

    private static AwsEmulator emulator;

    private AwsEmulator aws;
    private Ec2World world;
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startEmulator() {
        // Enforcement starts off; each variant turns it on with /moto-api/reset-auth once its world exists.
        emulator = AwsEmulator.startDedicated(EmulatorProfile.STRICT, Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "inf"));
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetWorld() {
        enforce(false);
        emulator.reset();
        aws = emulator.withRegion(REGION);
    }

    @Test
    void
            referenceStack_withExactlyItsPolicy_plansExportsAppliesReappliesChangesThePortAndDestroys_withoutAccessDenied() {
        seed(false);
        String zoneId = createZone(DOMAIN);
        HttpsSetup spec = reference().build();
        HttpsSetup portChanged = reference()
                .targets(t -> t.instanceIds(world.instanceIds()).port(9090).healthCheck(h -> h.path("/health")))
                .build();
        assertThat(IamPolicy.of(portChanged).toJson())
                .isEqualTo(IamPolicy.of(spec).toJson());

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        io.github.httpssetup.core.export.CloudFormationTemplate template = user.export(spec); // plan's policy covers it
        ApplyResult first = user.apply(spec);
        ApplyResult again = user.apply(spec);
        ApplyResult changed = user.apply(portChanged);
        DestroyResult gone = user.destroy(portChanged);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(template.logicalIds()).contains("Certificate", "LoadBalancer", "HttpsListener");
        assertThat(first.outputs().url()).isEqualTo("https://" + DOMAIN);
        assertThat(first.outputs().hostedZoneId()).isEqualTo(zoneId);
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(changed.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.TARGET_GROUP);
            assertThat(c.action()).isEqualTo(ChangeAction.REPLACE);
        });
        assertThat(gone.deleted()).isNotEmpty();
        assertNothingOfTheStackLeft();
    }

    @Test
    void
            zoneCreatedAndDeleted_withExactlyItsPolicy_appliesReappliesReplacesTheCertificateAndDestroys_withoutAccessDenied() {
        seed(false);
        HttpsSetup spec = reference()
                .domain(d -> d.name(DOMAIN)
                        .alternativeNames("www." + DOMAIN)
                        .hostedZone(z -> z.create(true).deleteOnDestroy(true)))
                .build();
        HttpsSetup moreNames = reference()
                .domain(d -> d.name(DOMAIN)
                        .alternativeNames("www." + DOMAIN, "api." + DOMAIN)
                        .hostedZone(z -> z.create(true).deleteOnDestroy(true)))
                .build();
        assertThat(IamPolicy.of(moreNames).toJson())
                .isEqualTo(IamPolicy.of(spec).toJson());

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        user.apply(spec);
        ApplyResult again = user.apply(spec);
        ApplyResult changed = user.apply(moreNames);
        user.destroy(moreNames);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(changed.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.CERTIFICATE);
            assertThat(c.action()).isEqualTo(ChangeAction.REPLACE);
        });
        assertThat(aws.client(Route53Client.builder())
                        .listHostedZonesByName(r -> r.dnsName(DOMAIN))
                        .hostedZones())
                .noneMatch(z -> z.name().equals(DOMAIN + "."));
        assertNothingOfTheStackLeft();
    }

    @Test
    void registration_withExactlyItsPolicy_registersAppliesReappliesAndDestroys_withoutAccessDenied() {
        seed(false);
        String domain = "shop-demo.com";
        HttpsSetup spec = reference()
                .domain(d -> d.name(domain)
                        .alternativeNames("www." + domain)
                        .registration(r -> r.durationInYears(2)
                                .contact(c -> c.firstName("Jane")
                                        .lastName("Doe")
                                        .email("jane@" + domain)
                                        .phoneNumber("+1.2065550100")
                                        .addressLine1("1 Main St")
                                        .city("Seattle")
                                        .state("WA")
                                        .countryCode("US")
                                        .zipCode("98101"))))
                .build();

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        ApplyResult first = user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(first.outputs().domainRegisteredInAccount()).isTrue();
        assertThat(again.apiCalls().writes()).isZero();
        assertNothingOfTheStackLeft();
    }

    @Test
    void explicitGroups_withExactlyItsPolicy_exportsAppliesReappliesAndDestroys_withoutAccessDenied_andTheGroupStays() {
        seed(false);
        createZone(DOMAIN);
        Ec2Client ec2 = aws.client(Ec2Client.builder());
        String given = ec2.createSecurityGroup(
                        r -> r.groupName("recipe-alb").description("recipe").vpcId(world.vpcId()))
                .groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(given)
                .ipPermissions(
                        p -> p.ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(i -> i.cidrIp("0.0.0.0/0"))));
        HttpsSetup spec =
                reference().loadBalancer(lb -> lb.securityGroups(given)).build();
        assertThat(IamPolicy.of(spec).actions())
                .doesNotContain("ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress");

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        io.github.httpssetup.core.export.CloudFormationTemplate template = user.export(spec);
        ApplyResult first = user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(template.resource("LoadBalancer").toString()).contains("SecurityGroups=[" + given + "]");
        assertThat(first.outputs().url()).isEqualTo("https://" + DOMAIN);
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(ec2.describeSecurityGroups(r -> r.groupIds(given)).securityGroups())
                .hasSize(1);
        assertNothingOfTheStackLeft();
    }

    @Test
    void dualstack_withExactlyItsPolicy_appliesReappliesAndDestroys_withoutAccessDenied() {
        seed(true);
        createZone(DOMAIN);
        HttpsSetup spec = reference()
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .httpListener(HttpAction.FORWARD)
                .build();

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(again.apiCalls().writes()).isZero();
        assertNothingOfTheStackLeft();
    }

    @Test
    void apply_whenThePolicyLacksCreateListener_isRefusedWithAccessDenied_namingThePolicyCommand() {
        seed(false);
        createZone(DOMAIN);
        HttpsSetup spec = reference().build();
        String policy = IamPolicy.of(spec).toJson();
        String withoutCreateListener = policy.replace("\"elasticloadbalancing:CreateListener\",\n", "");
        assertThat(withoutCreateListener).isNotEqualTo(policy);

        HttpsSetupExecutor user = executorFor(withoutCreateListener);
        enforce(true);
        try {
            assertThatThrownBy(() -> user.apply(spec))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("AccessDenied")
                    .hasMessageContaining("elasticloadbalancing:CreateListener")
                    .hasMessageContaining("https-setup:iam-policy");
        } finally {
            enforce(false);
        }
        assertThat(refused).containsOnly("ElasticLoadBalancingV2:CreateListener");
    }

    @Test
    void apply_whenThePolicyLacksRequestCertificate_isRefusedAsAcmRefuses_withTheHintToPrintThePolicy() {
        seed(false);
        createZone(DOMAIN);
        HttpsSetup spec = reference().build();
        String policy = IamPolicy.of(spec).toJson();
        String withoutRequest = policy.replace("\"acm:RequestCertificate\",\n", "")
                .replace(",\n        \"acm:RequestCertificate\"", "");
        assertThat(withoutRequest).isNotEqualTo(policy).doesNotContain("acm:RequestCertificate");

        HttpsSetupExecutor user = executorFor(withoutRequest);
        enforce(true);
        try {
            assertThatThrownBy(() -> user.apply(spec))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("AccessDeniedException")
                    .hasMessageContaining("acm:RequestCertificate")
                    .hasMessageContaining("https-setup:iam-policy");
        } finally {
            enforce(false);
        }
        assertThat(refused).containsOnly("Acm:RequestCertificate");
    }

    @Test
    void apply_whenTheLoadBalancerIsNamedOtherThanInThePolicy_isRefusedOnThatLoadBalancer() {
        seed(false);
        createZone(DOMAIN);
        HttpsSetup spec = reference().build();
        HttpsSetup renamed =
                reference().loadBalancer(lb -> lb.name("someone-elses")).build();

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        try {
            assertThatThrownBy(() -> user.apply(renamed))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("AccessDenied")
                    .hasMessageContaining("loadbalancer/app/someone-elses/");
        } finally {
            enforce(false);
        }
        assertThat(refused).containsOnly("ElasticLoadBalancingV2:CreateLoadBalancer");
    }

    // --- the world, the user, enforcement ---

    private HttpsSetup.Builder reference() {
        return ReferenceWorld.stack(world.instanceIds()).waitTimeout(Duration.ofMinutes(2));
    }

    private void seed(boolean ipv6) {
        world = Ec2Fixture.builder()
                .instances(2)
                .publicZones(3)
                .ipv6(ipv6)
                .instanceTags(Map.of("app", "shop"))
                .build()
                .seed(aws.client(Ec2Client.builder()));
    }

    private String createZone(String name) {
        return aws.client(Route53Client.builder())
                .createHostedZone(r -> r.name(name).callerReference("iam-it-" + System.nanoTime()))
                .hostedZone()
                .id()
                .replace("/hostedzone/", "");
    }

    /** Nothing tagged with the stack is left in ELB (load balancers, target groups). */
    private void assertNothingOfTheStackLeft() {
        ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder());
        assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(elb.describeTargetGroups().targetGroups()).isEmpty();
    }

    /** An executor signing with the keys of a new IAM user whose only policy is {@code policyJson}. */
    private HttpsSetupExecutor executorFor(String policyJson) {
        String user = "https-setup-" + System.nanoTime();
        iam(Map.of("Action", "CreateUser", "UserName", user));
        iam(Map.of(
                "Action",
                "PutUserPolicy",
                "UserName",
                user,
                "PolicyName",
                "https-setup",
                "PolicyDocument",
                policyJson));
        String keys = iam(Map.of("Action", "CreateAccessKey", "UserName", user));
        AwsBasicCredentials credentials =
                AwsBasicCredentials.create(element(keys, "AccessKeyId"), element(keys, "SecretAccessKey"));
        return HttpsSetupExecutor.builder()
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .sleeper(ReferenceWorld.fastSleeper())
                .addExecutionInterceptor(new RefusalRecorder(refused))
                .build();
    }

    /** Records every call AWS refused for lack of permission, as {@code Service:Operation}. */
    private static final class RefusalRecorder implements ExecutionInterceptor {
        private final List<String> refused;

        RefusalRecorder(List<String> refused) {
            this.refused = refused;
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            Throwable failure = context.exception();
            while (failure != null && !(failure instanceof AwsServiceException)) {
                failure = failure.getCause();
            }
            String code = failure == null || ((AwsServiceException) failure).awsErrorDetails() == null
                    ? null
                    : ((AwsServiceException) failure).awsErrorDetails().errorCode();
            if (failure != null
                    && (((AwsServiceException) failure).statusCode() == 403
                            || "AccessDenied".equals(code)
                            || "AccessDeniedException".equals(code)
                            || "UnauthorizedOperation".equals(code))) {
                refused.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        }
    }

    /**
     * One call of the IAM Query API while enforcement is off (the project's SDK modules do not include
     * IAM; moto does not check signatures until enforcement is on).
     */
    private String iam(Map<String, String> parameters) {
        return iam("testing", parameters);
    }

    /** The same, in the account of the access key {@code accessKeyId}. */
    private String iam(String accessKeyId, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>(parameters);
        form.put("Version", "2010-05-08");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpURLConnection c =
                    (HttpURLConnection) aws.endpoint().resolve("/").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            c.setRequestProperty(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20250101/us-east-1/iam/aws4_request, "
                            + "SignedHeaders=host, Signature=0");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            try (InputStream in = status / 100 == 2 ? c.getInputStream() : c.getErrorStream()) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status / 100 != 2) {
                    throw new IllegalStateException(
                            "IAM " + parameters.get("Action") + " answered HTTP " + status + ": " + answer);
                }
                return answer;
            }
        } catch (IOException e) {
            throw new IllegalStateException("IAM " + parameters.get("Action") + " failed: " + e.getMessage(), e);
        }
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no <" + name + "> in " + xml);
        }
        return m.group(1);
    }

    /**
     * Turns IAM enforcement on (every later request must be signed by an IAM user whose policy allows
     * its action) or off, through moto's {@code /moto-api/reset-auth}.
     */
    private static void enforce(boolean on) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    emulator.endpoint().resolve("/moto-api/reset-auth").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "text/plain"); // moto reads the raw body, not a form
            try (OutputStream out = c.getOutputStream()) {
                out.write((on ? "0" : "inf").getBytes(StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException("/moto-api/reset-auth answered HTTP " + status);
            }
            c.disconnect();
        } catch (IOException e) {
            throw new IllegalStateException("Could not switch IAM enforcement: " + e.getMessage(), e);
        }
    }

    // ---- issue 15, who may connect ----

    @Test
    void allowFrom_cloudfrontAndABlock_withExactlyItsPolicy_appliesReappliesAndDestroys_withoutAccessDenied() {
        seed(false);
        createZone(DOMAIN);
        HttpsSetup spec = reference()
                .loadBalancer(lb -> lb.allowFrom("cloudfront", "203.0.113.0/24"))
                .httpListener(HttpAction.NONE)
                .build();

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(again.apiCalls().byOperation()).containsKey("Ec2:DescribeManagedPrefixLists");
        assertNothingOfTheStackLeft();
    }

    // ---- issue 15, production options, and sites ----

    @Test
    void webAcl_withExactlyItsPolicy_plansAppliesReappliesAndDestroys_withoutAccessDenied() {
        seed(false);
        createZone(DOMAIN);
        String webAcl;
        try (Wafv2Client waf = aws.client(Wafv2Client.builder())) {
            webAcl = waf.createWebACL(r -> r.name("shop-acl")
                            .scope(software.amazon.awssdk.services.wafv2.model.Scope.REGIONAL)
                            .defaultAction(
                                    DefaultAction.builder().allow(a -> {}).build())
                            .visibilityConfig(v -> v.sampledRequestsEnabled(false)
                                    .cloudWatchMetricsEnabled(false)
                                    .metricName("shop-acl")))
                    .summary()
                    .arn();
        }
        HttpsSetup spec = reference().loadBalancer(lb -> lb.webAcl(webAcl)).build();

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        ApplyResult first = user.apply(spec);
        ApplyResult again = user.apply(spec);
        DestroyResult gone = user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(first.changes()).anySatisfy(c -> assertThat(c.kind()).isEqualTo(ResourceKind.WEB_ACL_ASSOCIATION));
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(again.apiCalls().byOperation()).containsKey("Wafv2:GetWebACLForResource");
        assertThat(gone.deleted()).extracting(Change::kind).contains(ResourceKind.WEB_ACL_ASSOCIATION);
        assertNothingOfTheStackLeft();
    }

    @Test
    void accessLogs_createdBucket_withExactlyItsPolicy_plansAppliesReappliesAndDestroys_withoutAccessDenied() {
        seed(false);
        createZone(DOMAIN);
        String bucket = "shop-alb-logs-" + System.nanoTime();
        HttpsSetup spec = reference()
                .loadBalancer(
                        lb -> lb.accessLogs(l -> l.bucket(bucket).prefix("prod").create(true)))
                .build();

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        ApplyResult first = user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(first.changes()).anySatisfy(c -> assertThat(c.kind()).isEqualTo(ResourceKind.ACCESS_LOG_BUCKET));
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(again.apiCalls().byService()).containsKey("S3");
        try (S3Client s3 = aws.client(S3Client.builder().forcePathStyle(true))) {
            assertThat(s3.listBuckets().buckets())
                    .as("the bucket held only the load balancer's test file: destroy deleted it")
                    .noneMatch(b -> b.name().equals(bucket));
        }
        assertNothingOfTheStackLeft();
    }

    @Test
    void accessLogs_givenBucket_withExactlyItsPolicy_plansAppliesReappliesAndDestroys_withoutAccessDenied() {
        seed(false);
        createZone(DOMAIN);
        String bucket = "their-logs-" + System.nanoTime();
        try (S3Client s3 = aws.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(r -> r.bucket(bucket)
                    .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_NORTHEAST_2)));
            s3.putBucketPolicy(r -> r.bucket(bucket)
                    .policy("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                            + " {\"AWS\": \"arn:aws:iam::600734575887:root\"}, \"Action\": \"s3:PutObject\","
                            + " \"Resource\": \"arn:aws:s3:::" + bucket + "/AWSLogs/123456789012/*\"}]}"));
        }
        HttpsSetup spec = reference()
                .loadBalancer(lb -> lb.accessLogs(l -> l.bucket(bucket)))
                .build();
        assertThat(IamPolicy.of(spec).actions())
                .filteredOn(a -> a.startsWith("s3:"))
                .containsExactlyInAnyOrder("s3:GetBucketLocation", "s3:GetBucketPolicy");

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(again.apiCalls().writes()).isZero();
        try (S3Client s3 = aws.client(S3Client.builder().forcePathStyle(true))) {
            assertThat(s3.listBuckets().buckets())
                    .as("a given bucket is never deleted")
                    .anyMatch(b -> b.name().equals(bucket));
        }
        assertNothingOfTheStackLeft();
    }

    @Test
    void autoScalingGroup_withExactlyItsPolicy_plansAppliesReappliesAndDestroys_withoutAccessDenied() {
        seed(false);
        createZone(DOMAIN);
        autoScalingGroup("shop-asg");
        HttpsSetup spec = reference()
                .targets(t -> t.autoScalingGroup("shop-asg").port(8080).healthCheck(h -> h.path("/health")))
                .build();

        HttpsSetupExecutor user = executorFor(IamPolicy.of(spec).toJson());
        enforce(true);
        user.plan(spec);
        user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(again.apiCalls().byOperation()).containsKey("AutoScaling:DescribeAutoScalingGroups");
        try (AutoScalingClient autoScaling = aws.client(AutoScalingClient.builder())) {
            assertThat(autoScaling
                            .describeLoadBalancerTargetGroups(r -> r.autoScalingGroupName("shop-asg"))
                            .loadBalancerTargetGroups())
                    .as("destroy detached the target group")
                    .isEmpty();
        }
        assertNothingOfTheStackLeft();
    }

    /**
     * Two sites, one in a zone of another account reached through a DNS role: the user's policy allows
     * {@code sts:AssumeRole} on that role, and the role's own policy (here: the Route 53 statements of the printed
     * policy) allows the record changes in its zone.
     */
    @Test
    void twoSites_oneThroughADnsRole_withExactlyTheirPolicies_planAppliesReappliesAndDestroys_withoutAccessDenied() {
        seed(false);
        createZone(DOMAIN);
        String otherAccount = "222233334444";
        String dnsRole = "arn:aws:iam::" + otherAccount + ":role/dns";
        Credentials role;
        try (StsClient sts = aws.client(StsClient.builder())) {
            role = sts.assumeRole(r -> r.roleArn(dnsRole).roleSessionName("seed"))
                    .credentials();
        }
        String otherZoneId;
        try (Route53Client inOtherAccount = aws.withCredentials(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken())))
                .client(Route53Client.builder())) {
            otherZoneId = inOtherAccount
                    .createHostedZone(r -> r.name("example.org").callerReference("iam-it-" + System.nanoTime()))
                    .hostedZone()
                    .id();
        }
        List<String> ids = world.instanceIds();
        HttpsSetup spec = HttpsSetup.builder()
                .stack("web")
                .region(REGION)
                .waitTimeout(Duration.ofMinutes(2))
                .site(
                        "shop",
                        s -> s.domain(d -> d.name(DOMAIN).alternativeNames("www." + DOMAIN))
                                .targets(t ->
                                        t.instanceIds(ids.get(0)).port(8080).healthCheck(h -> h.path("/health"))))
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("blog.example.org").hostedZone(z -> z.roleArn(dnsRole)))
                                .targets(t -> t.instanceIds(ids.get(1)).port(3000))
                                .addRoute(r -> r.paths("/api/*")
                                        .targets(t -> t.instanceIds(ids.get(0)).port(9000))))
                .defaultSite("shop")
                .build();
        String policy = IamPolicy.of(spec).toJson();
        assertThat(policy).contains("\"sts:AssumeRole\"").contains("\"" + dnsRole + "\"");
        // the role, in the zone's account, with the Route 53 part of the policy as its own
        iam(
                role.accessKeyId(),
                Map.of(
                        "Action",
                        "CreateRole",
                        "RoleName",
                        "dns",
                        "AssumeRolePolicyDocument",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        iam(
                role.accessKeyId(),
                Map.of(
                        "Action",
                        "PutRolePolicy",
                        "RoleName",
                        "dns",
                        "PolicyName",
                        "dns",
                        "PolicyDocument",
                        route53Part(policy)));

        HttpsSetupExecutor user = executorFor(policy);
        enforce(true);
        user.plan(spec);
        ApplyResult first = user.apply(spec);
        ApplyResult again = user.apply(spec);
        user.destroy(spec);
        enforce(false);

        assertThat(refused).isEmpty();
        assertThat(first.outputs().siteUrls())
                .containsExactly(Map.entry("shop", "https://" + DOMAIN), Map.entry("blog", "https://blog.example.org"));
        assertThat(again.apiCalls().writes())
                .as("no write (AssumeRole counts as a read)")
                .isZero();
        assertThat(again.apiCalls().byOperation()).containsKey("Sts:AssumeRole");
        assertThat(first.apiCalls().byOperation())
                .containsKeys("ElasticLoadBalancingV2:CreateRule", "ElasticLoadBalancingV2:AddListenerCertificates");
        assertThat(otherZoneId).isNotBlank();
        assertNothingOfTheStackLeft();
    }

    @Test
    void webAcl_whenThePolicyLacksSetWebAcl_isRefusedAsWafRefuses_onTheLoadBalancer() {
        seed(false);
        createZone(DOMAIN);
        String webAcl = webAcl("shop-acl");
        HttpsSetup spec = reference().loadBalancer(lb -> lb.webAcl(webAcl)).build();
        String policy = IamPolicy.of(spec).toJson();
        String withoutSetWebAcl = policy.replace(",\n        \"elasticloadbalancing:SetWebAcl\"", "")
                .replace("\"elasticloadbalancing:SetWebAcl\",\n", "");
        assertThat(withoutSetWebAcl).isNotEqualTo(policy).doesNotContain("elasticloadbalancing:SetWebAcl");

        HttpsSetupExecutor user = executorFor(withoutSetWebAcl);
        enforce(true);
        try {
            assertThatThrownBy(() -> user.apply(spec))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("AccessDeniedException")
                    .hasMessageContaining("elasticloadbalancing:SetWebAcl")
                    .hasMessageContaining("loadbalancer/app/shop-https/");
        } finally {
            enforce(false);
        }
        assertThat(refused).containsOnly("Wafv2:AssociateWebACL");
    }

    @Test
    void accessLogs_whenThePolicyLacksPutBucketPolicy_isRefusedAsS3Refuses() {
        seed(false);
        createZone(DOMAIN);
        String bucket = "shop-alb-logs-" + System.nanoTime();
        HttpsSetup spec = reference()
                .loadBalancer(lb -> lb.accessLogs(l -> l.bucket(bucket).create(true)))
                .build();
        String policy = IamPolicy.of(spec).toJson();
        String withoutPutBucketPolicy = policy.replace("\"s3:PutBucketPolicy\",\n", "");
        assertThat(withoutPutBucketPolicy).isNotEqualTo(policy);

        HttpsSetupExecutor user = executorFor(withoutPutBucketPolicy);
        enforce(true);
        try {
            assertThatThrownBy(() -> user.apply(spec))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("AccessDenied");
        } finally {
            enforce(false);
        }
        assertThat(refused).containsOnly("S3:PutBucketPolicy");
    }

    private String webAcl(String name) {
        try (Wafv2Client waf = aws.client(Wafv2Client.builder())) {
            return waf.createWebACL(r -> r.name(name)
                            .scope(software.amazon.awssdk.services.wafv2.model.Scope.REGIONAL)
                            .defaultAction(
                                    DefaultAction.builder().allow(a -> {}).build())
                            .visibilityConfig(v -> v.sampledRequestsEnabled(false)
                                    .cloudWatchMetricsEnabled(false)
                                    .metricName(name)))
                    .summary()
                    .arn();
        }
    }

    /** An Auto Scaling group of one instance, launched from a template with the instances' security group. */
    private void autoScalingGroup(String name) {
        Ec2Client ec2 = aws.client(Ec2Client.builder());
        String imageId = ec2.describeInstances(r -> r.instanceIds(world.instanceIds()))
                .reservations()
                .get(0)
                .instances()
                .get(0)
                .imageId();
        ec2.createLaunchTemplate(r -> r.launchTemplateName("shop-app")
                .launchTemplateData(
                        d -> d.imageId(imageId).instanceType("t3.micro").securityGroupIds(world.appSecurityGroupId())));
        try (AutoScalingClient autoScaling = aws.client(AutoScalingClient.builder())) {
            autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name)
                    .launchTemplate(t -> t.launchTemplateName("shop-app").version("$Latest"))
                    .minSize(1)
                    .maxSize(1)
                    .desiredCapacity(1)
                    .vpcZoneIdentifier(world.publicSubnetIds().get(world.instanceZone())));
        }
    }

    @Test
    void autoScalingGroup_whenThePolicyLacksAttachLoadBalancerTargetGroups_isRefusedAsAutoScalingRefuses_onTheGroup() {
        seed(false);
        createZone(DOMAIN);
        autoScalingGroup("shop-asg");
        HttpsSetup spec = reference()
                .targets(t -> t.autoScalingGroup("shop-asg").port(8080).healthCheck(h -> h.path("/health")))
                .build();
        String policy = IamPolicy.of(spec).toJson();
        String withoutAttach = policy.replace("\"autoscaling:AttachLoadBalancerTargetGroups\",\n", "");
        assertThat(withoutAttach).isNotEqualTo(policy);

        HttpsSetupExecutor user = executorFor(withoutAttach);
        enforce(true);
        try {
            assertThatThrownBy(() -> user.apply(spec))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("AccessDenied")
                    .hasMessageContaining("autoscaling:AttachLoadBalancerTargetGroups")
                    .hasMessageContaining("autoScalingGroupName/shop-asg");
        } finally {
            enforce(false);
        }
        assertThat(refused).containsOnly("AutoScaling:AttachLoadBalancerTargetGroups");
    }

    @Test
    void dnsRole_otherThanThePolicysRole_isRefusedAsStsRefuses_onThatRole() {
        seed(false);
        String theirs = "arn:aws:iam::222233334444:role/dns";
        HttpsSetup spec = reference()
                .domain(d -> d.name(DOMAIN).hostedZone(z -> z.roleArn(theirs)))
                .build();
        String policy = IamPolicy.of(spec).toJson();
        String otherRole = policy.replace(theirs, "arn:aws:iam::222233334444:role/another");
        assertThat(otherRole).isNotEqualTo(policy);

        HttpsSetupExecutor user = executorFor(otherRole);
        enforce(true);
        try {
            assertThatThrownBy(() -> user.plan(spec))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("AccessDenied")
                    .hasMessageContaining("sts:AssumeRole");
        } finally {
            enforce(false);
        }
        assertThat(refused).containsOnly("Sts:AssumeRole");
    }

    /** The statements of a printed policy whose actions are Route 53's, as a policy of their own. */
    private static String route53Part(String policy) {
        Matcher m =
                Pattern.compile("\\{\\s*\"Sid\": \"HttpsSetupRoute53[^}]*\\}").matcher(policy);
        List<String> statements = new java.util.ArrayList<>();
        while (m.find()) {
            statements.add(m.group());
        }
        assertThat(statements).isNotEmpty();
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}";
    }
}
