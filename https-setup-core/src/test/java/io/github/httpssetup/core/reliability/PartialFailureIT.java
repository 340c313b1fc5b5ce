package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * An apply that AWS stops part-way says what it had already created, with ids and ARNs, and that a rerun continues
 * from there; the rerun then converges without creating anything twice.
 */
@AwsEmulatorTest
class PartialFailureIT {

    private ReferenceWorld w;
    private FaultProxy proxy;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        w = new ReferenceWorld(aws).seed();
        proxy = new FaultProxy(w.aws.endpoint());
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        w.close();
    }

    @Test
    void apply_whenTheHttpsListenerIsRefused_listsWhatItCreatedWithIds_andARerunContinuesFromThere() {
        // the HTTP listener comes first; the HTTPS one is refused as if the IAM policy lacked a permission
        proxy.notYet(
                "ElasticLoadBalancingV2:CreateListener", "ElasticLoadBalancingV2:CreateListener", "AccessDenied", 1);
        HttpsSetup spec = w.spec().build();

        HttpsSetupException e = catchThrowableOfType(
                HttpsSetupException.class,
                () -> w.executor(proxy.endpoint(), 4, FaultProxy.tagger()).apply(spec));
        System.out.println("[partial failure] " + e.getMessage());

        assertThat(e.code()).isEqualTo(ErrorCode.AWS_ERROR);
        assertThat(e.getMessage())
                .as("the cause comes first")
                .startsWith("ElasticLoadBalancingV2 refused a call: AccessDenied");
        assertThat(e.changesMade())
                .extracting(Change::kind)
                .contains(
                        ResourceKind.CERTIFICATE,
                        ResourceKind.VALIDATION_RECORD,
                        ResourceKind.SECURITY_GROUP,
                        ResourceKind.SECURITY_GROUP_RULE,
                        ResourceKind.TARGET_GROUP,
                        ResourceKind.TARGETS,
                        ResourceKind.LOAD_BALANCER,
                        ResourceKind.HTTP_LISTENER)
                .doesNotContain(ResourceKind.HTTPS_LISTENER);
        assertListsEverythingOwnedThatExists(e);
        assertSaysARerunContinues(e);

        ApplyResult rerun = w.executor().apply(spec);

        assertThat(writes(rerun))
                .as("the rerun makes only what was missing")
                .extracting(Change::kind)
                .containsOnly(ResourceKind.HTTPS_LISTENER, ResourceKind.ALIAS_RECORD, ResourceKind.OWNERSHIP_RECORD);
        Convergence.assertConvergedOnce(w, ResourceCensus.take(w));
    }

    @Test
    void
            apply_whenTheCertificateRequestIsRefused_afterCreatingTheZone_listsTheZoneAndWhatElseItCreated_andARerunConverges() {
        w.route53.deleteHostedZone(r -> r.id(w.zoneId));
        w.zoneId = null;
        proxy.failNext("Acm:RequestCertificate", "LimitExceededException", 1);
        HttpsSetup spec = w.spec()
                .domain(d -> d.name(ReferenceWorld.DOMAIN)
                        .alternativeNames("www." + ReferenceWorld.DOMAIN)
                        .hostedZone(z -> z.create(true)))
                .build();

        HttpsSetupException e = catchThrowableOfType(
                HttpsSetupException.class,
                () -> w.executor(proxy.endpoint(), 4, FaultProxy.tagger()).apply(spec));
        System.out.println("[partial failure] " + e.getMessage());
        w.zoneId = w.route53
                .listHostedZonesByName(r -> r.dnsName(ReferenceWorld.DOMAIN))
                .hostedZones()
                .get(0)
                .id()
                .replace("/hostedzone/", "");

        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.getMessage()).as("the cause comes first").startsWith("ACM refused to request a certificate");
        assertThat(e.changesMade()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.HOSTED_ZONE);
            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
            assertThat(c.id()).isEqualTo(w.zoneId);
        });
        assertThat(e.getMessage()).contains("hosted zone example.com [" + w.zoneId + "]");
        assertListsEverythingOwnedThatExists(e);
        assertSaysARerunContinues(e);

        ApplyResult rerun = w.executor().apply(spec);

        assertThat(writes(rerun))
                .extracting(Change::kind)
                .as("the zone is not created twice")
                .doesNotContain(ResourceKind.HOSTED_ZONE)
                .contains(ResourceKind.CERTIFICATE);
        assertThat(w.route53
                        .listHostedZonesByName(r -> r.dnsName(ReferenceWorld.DOMAIN))
                        .hostedZones())
                .filteredOn(z -> z.name().equals(ReferenceWorld.DOMAIN + "."))
                .hasSize(1);
        Convergence.assertConvergedOnce(w, ResourceCensus.take(w));
    }

    @Test
    void apply_whenRefusedBeforeAnyWrite_saysNothingOfChangesMade() {
        proxy.failNext("Ec2:DescribeInstances", "UnauthorizedOperation", 1_000);

        HttpsSetupException e = catchThrowableOfType(
                HttpsSetupException.class,
                () -> w.executor(proxy.endpoint(), 4, FaultProxy.tagger())
                        .apply(w.spec().build()));

        assertThat(e.changesMade()).isEmpty();
        assertThat(e.getMessage()).doesNotContain("this apply made");
    }

    /** Every resource of the stack that exists after the failure is in the message, by its id or ARN. */
    private void assertListsEverythingOwnedThatExists(HttpsSetupException e) {
        List<String> ids = ownedIds();
        assertThat(ids).as("something was created").isNotEmpty();
        assertThat(e.getMessage()).contains(ids);
        assertThat(e.changesMade()).extracting(Change::id).containsAll(ids);
    }

    private static void assertSaysARerunContinues(HttpsSetupException e) {
        assertThat(e.getMessage())
                .containsPattern("made \\d+ changes?; what it created exists now")
                .contains("Run apply again once the cause is fixed")
                .contains("continues from there");
    }

    /** The ids and ARNs of what the stack owns in AWS, read directly. */
    private List<String> ownedIds() {
        List<String> ids = new ArrayList<>();
        Set<String> stack = Set.of(ReferenceWorld.STACK);
        w.ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                        .name("tag:" + HttpsSetup.OWNERSHIP_TAG)
                        .values(ReferenceWorld.STACK)
                        .build()))
                .securityGroups()
                .forEach(g -> ids.add(g.groupId()));
        w.elb.describeTargetGroups(r -> {}).targetGroups().stream()
                .filter(g -> owned(g.targetGroupArn(), stack))
                .forEach(g -> ids.add(g.targetGroupArn()));
        w.elb.describeLoadBalancers(r -> {}).loadBalancers().stream()
                .filter(lb -> owned(lb.loadBalancerArn(), stack))
                .forEach(lb -> {
                    ids.add(lb.loadBalancerArn());
                    w.elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                            .listeners()
                            .forEach(l -> ids.add(l.listenerArn()));
                });
        w.acm.listCertificates(r -> {}).certificateSummaryList().stream()
                .filter(c -> w.acm.listTagsForCertificate(r -> r.certificateArn(c.certificateArn())).tags().stream()
                        .anyMatch(t ->
                                t.key().equals(HttpsSetup.OWNERSHIP_TAG) && ReferenceWorld.STACK.equals(t.value())))
                .forEach(c -> ids.add(c.certificateArn()));
        return ids;
    }

    private boolean owned(String arn, Set<String> stack) {
        return w.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
                .flatMap(d -> d.tags().stream())
                .anyMatch(t -> t.key().equals(HttpsSetup.OWNERSHIP_TAG) && stack.contains(t.value()));
    }

    private static List<Change> writes(ApplyResult result) {
        return result.changes().stream().filter(c -> c.action().writes()).toList();
    }
}
