package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ConflictException;
import io.github.httpssetup.core.DestroyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Resources with the stack's names that the stack does not own — someone else's load balancer {@code shop-https},
 * target group {@code shop-tg-<hash>}, certificate for the same names, apex A record, security group
 * {@code shop-alb} — are never modified or deleted by plan, apply or destroy (snapshots before and after are equal).
 */
@AwsEmulatorTest
class ForeignResourcesIT {

    private ReferenceWorld w;
    /** id → what was created, for the report. */
    private final Map<String, String> foreign = new TreeMap<>();

    @BeforeEach
    void setUp(AwsEmulator aws) {
        w = new ReferenceWorld(aws).seed();
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @AfterAll
    static void flush() {
        ReliabilitySummary.flush();
    }

    @Test
    void sameNamedForeignResources_areConflicts_andApplyAndDestroyLeaveThemAsTheyWere() {
        foreignLoadBalancer("shop-https");
        foreignTargetGroup(targetGroupName("shop", "HTTP", 8080, w.network.vpcId()));
        foreignCertificate();
        foreignApexRecord();
        foreignSecurityGroup("shop-alb");
        ResourceCensus before = ResourceCensus.take(w);
        HttpsSetup spec = w.spec().build();

        Plan plan = w.executor().plan(spec);
        ApiCallCounter calls = new ApiCallCounter();
        assertThatThrownBy(() -> w.executor(calls).apply(spec)).isInstanceOf(ConflictException.class);
        DestroyResult destroyed = w.executor().destroy(spec);

        assertThat(plan.changes())
                .filteredOn(c -> c.action() == ChangeAction.CONFLICT)
                .extracting(c -> c.name())
                .as("conflicts planned")
                .isNotEmpty();
        assertThat(calls.snapshot().writes()).as("writes of a refused apply").isZero();
        assertThat(destroyed.deleted()).as("what destroy deleted").isEmpty();
        assertForeignUnchanged(before, ResourceCensus.take(w));
    }

    @Test
    void foreignLookAlikesBesideTheStack_surviveApplyReapplyAndDestroy() {
        foreignTargetGroup("shop-tg-000000"); // the stack's prefix, another hash, no ownership tag
        foreignCertificate();
        foreignLoadBalancer("shop-https-old");
        String bastion = foreignSecurityGroup("shop-alb-old");
        w.ec2.authorizeSecurityGroupIngress(r -> r.groupId(w.network.appSecurityGroupId())
                .ipPermissions(p -> p.ipProtocol("tcp")
                        .fromPort(8080)
                        .toPort(8080)
                        .userIdGroupPairs(g -> g.groupId(bastion).description("someone else's rule"))));
        foreign.put("app ingress 8080 from shop-alb-old", "rule");
        w.route53.changeResourceRecordSets(r -> r.hostedZoneId(w.zoneId)
                .changeBatch(b -> b.changes(c -> c.action("UPSERT")
                        .resourceRecordSet(s -> s.name("api.example.com.")
                                .type(RRType.A)
                                .ttl(300L)
                                .resourceRecords(v -> v.value("192.0.2.20"))))));
        foreign.put("record A api.example.com.", "record");
        ResourceCensus before = ResourceCensus.take(w);
        HttpsSetup spec = w.spec().build();

        w.executor().apply(spec);
        Convergence.assertConvergedOnce(w, ResourceCensus.take(w), Map.of(Convergence.CERTIFICATE, 1));
        w.executor()
                .apply(spec.toBuilder()
                        .httpListener(io.github.httpssetup.core.HttpAction.NONE)
                        .build());
        w.executor().destroy(spec);

        ResourceCensus after = ResourceCensus.take(w);
        Convergence.assertNothingOwned(w, after);
        assertThat(after.count("app ingress 8080 from shop-alb-old"))
                .as("someone else's rule on the app group")
                .isEqualTo(1);
        assertThat(after.count("record A api.example.com.")).isEqualTo(1);
        assertForeignUnchanged(before, after);
    }

    private void assertForeignUnchanged(ResourceCensus before, ResourceCensus after) {
        List<String> modified = new ArrayList<>();
        for (String id : foreign.keySet()) {
            String was = before.details.get(id) != null ? before.details.get(id) : String.valueOf(before.count(id));
            String is = after.details.get(id) != null ? after.details.get(id) : String.valueOf(after.count(id));
            if (!was.equals(is)) {
                modified.add(foreign.get(id) + " " + id + "\n  before: " + was + "\n  after:  " + is);
            }
        }
        ReliabilitySummary.add("foreign_resources_modified", modified.size());
        assertThat(modified).as("foreign resources modified or deleted").isEmpty();
    }

    // ---- someone else's resources ----

    /** As TargetGroups names them: {@code <stack>-tg-} and the first 6 hex digits of sha256("HTTP:8080:<vpc>"). */
    static String targetGroupName(String stack, String protocol, int port, String vpcId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((protocol + ":" + port + ":" + vpcId).getBytes(StandardCharsets.UTF_8));
            return stack + "-tg-" + HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void foreignLoadBalancer(String name) {
        List<String> subnets = new ArrayList<>(w.network.publicSubnetIds().values()).subList(0, 2);
        String arn = w.elb.createLoadBalancer(r -> r.name(name)
                        .subnets(subnets)
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .tags(t -> t.key("owner").value("someone-else")))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
        foreign.put(arn, "load balancer");
    }

    private void foreignTargetGroup(String name) {
        String arn = w.elb.createTargetGroup(r -> r.name(name)
                        .protocol(ProtocolEnum.HTTP)
                        .port(8080)
                        .vpcId(w.network.vpcId())
                        .tags(t -> t.key("owner").value("someone-else")))
                .targetGroups()
                .get(0)
                .targetGroupArn();
        foreign.put(arn, "target group");
    }

    private void foreignCertificate() {
        String arn = w.acm.requestCertificate(r -> r.domainName(ReferenceWorld.DOMAIN)
                        .subjectAlternativeNames("www." + ReferenceWorld.DOMAIN)
                        .validationMethod(ValidationMethod.DNS)
                        .tags(t -> t.key("owner").value("someone-else")))
                .certificateArn();
        // ACM lists a new certificate only after a few seconds: snapshot it once it is there
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (w.acm.listCertificates().certificateSummaryList().stream()
                        .noneMatch(c -> c.certificateArn().equals(arn))
                && System.nanoTime() < deadline) {
            sleepQuietly();
        }
        foreign.put(arn, "certificate");
    }

    private void foreignApexRecord() {
        w.route53.changeResourceRecordSets(r -> r.hostedZoneId(w.zoneId)
                .changeBatch(b -> b.changes(c -> c.action("UPSERT")
                        .resourceRecordSet(s -> s.name("example.com.")
                                .type(RRType.A)
                                .ttl(300L)
                                .resourceRecords(v -> v.value("192.0.2.10"))))));
        foreign.put("record A example.com.", "record");
    }

    private String foreignSecurityGroup(String name) {
        String id = w.ec2.createSecurityGroup(
                        r -> r.groupName(name).description("someone else's").vpcId(w.network.vpcId()))
                .groupId();
        foreign.put(id, "security group");
        return id;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
