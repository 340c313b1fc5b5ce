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
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The IAM policy {@link IamPolicy} prints is complete for the description it was printed for: an IAM user
 * holding exactly that policy runs plan, apply, a no-op re-apply, a replacement and destroy against an
 * emulator that enforces IAM, and no call is refused.
 *
 * <p>moto enforces IAM once {@code /moto-api/reset-auth} (or {@code INITIAL_NO_AUTH_ACTION_COUNT}) says
 * so: every request is then signed with a known access key and its action ({@code service:Action}) must
 * be allowed by the user's policies. Each variant seeds its world with the emulator's root credentials
 * while enforcement is off, creates the user, then turns enforcement on for the runs.
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
                    "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/iam/aws4_request, "
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
}
