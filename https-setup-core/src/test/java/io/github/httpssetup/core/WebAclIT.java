package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.DefaultAction;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * {@code loadBalancer.webAcl} against the emulator (strict profile: one web ACL per resource): associated, left alone
 * when converged, replaced, disassociated when removed and on destroy; the web ACLs themselves are never deleted.
 */
@AwsEmulatorTest
class WebAclIT {

    private ReferenceWorld fx;
    private Wafv2Client waf;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(1, 2, false).withZone();
        waf = fx.aws.client(Wafv2Client.builder());
    }

    @AfterEach
    void tearDown() {
        waf.close();
        fx.close();
    }

    @Test
    void webAcl_isAssociated_keptOnANoOp_replaced_removed_andDisassociatedOnDestroy_withoutDeletingAnyWebAcl() {
        WebACL first = webAcl("shop-first");
        WebACL second = webAcl("shop-second");
        HttpsSetup withFirst =
                fx.spec().loadBalancer(lb -> lb.webAcl(first.arn())).build();

        // create
        Plan plan = fx.executor().plan(withFirst);
        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.WEB_ACL_ASSOCIATION)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
                    assertThat(c.id()).isEqualTo(first.arn());
                });
        ApplyResult created = fx.executor().apply(withFirst);
        String lb = created.outputs().loadBalancerArn();
        assertThat(associated(lb)).isEqualTo(first.arn());
        assertThat(lbTags(lb)).containsEntry("https-setup:web-acl", first.arn());

        // no-op: one read of the association, no write
        ApiCallCounter noOp = new ApiCallCounter();
        ApplyResult again = fx.executor(noOp).apply(withFirst);
        assertThat(again.changes()).isEmpty();
        assertThat(noOp.snapshot().writes())
                .as("%s", noOp.snapshot().byOperation())
                .isZero();
        assertThat(noOp.snapshot().byOperation())
                .containsEntry("Wafv2:GetWebACLForResource", 1)
                .doesNotContainKey("Wafv2:GetWebACL");

        // change: the second web ACL replaces the first
        HttpsSetup withSecond =
                fx.spec().loadBalancer(l -> l.webAcl(second.arn())).build();
        ApplyResult replaced = fx.executor().apply(withSecond);
        assertThat(replaced.changes())
                .filteredOn(c -> c.kind() == ResourceKind.WEB_ACL_ASSOCIATION)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
                    assertThat(c.attributes()).singleElement().satisfies(a -> {
                        assertThat(a.before()).isEqualTo(first.arn());
                        assertThat(a.after()).isEqualTo(second.arn());
                    });
                });
        assertThat(associated(lb)).isEqualTo(second.arn());
        assertThat(lbTags(lb)).containsEntry("https-setup:web-acl", second.arn());

        // removal: disassociated, the mark gone, and a no-op afterwards
        HttpsSetup without = fx.spec().build();
        ApplyResult removed = fx.executor().apply(without);
        assertThat(removed.changes())
                .filteredOn(c -> c.kind() == ResourceKind.WEB_ACL_ASSOCIATION)
                .extracting(Change::action)
                .containsExactly(ChangeAction.DELETE);
        assertThat(associated(lb)).isNull();
        assertThat(lbTags(lb)).doesNotContainKey("https-setup:web-acl");
        ApiCallCounter off = new ApiCallCounter();
        assertThat(fx.executor(off).apply(without).changes()).isEmpty();
        assertThat(off.snapshot().byService())
                .as("an option that is off makes no WAF call")
                .doesNotContainKey("Wafv2");

        // destroy disassociates the web ACL the stack associated, and keeps both web ACLs
        fx.executor().apply(withFirst);
        assertThat(associated(lb)).isEqualTo(first.arn());
        DestroyResult gone = fx.executor().destroy(withFirst);
        assertThat(gone.deleted()).extracting(Change::kind).contains(ResourceKind.WEB_ACL_ASSOCIATION);
        assertThat(associated(lb))
                .as("the emulator keeps an association with a deleted load balancer unless it is" + " disassociated")
                .isNull();
        assertThat(waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs())
                .extracting(s -> s.arn())
                .containsExactlyInAnyOrder(first.arn(), second.arn());
        fx.assertPolicyAllowsEveryCall(withFirst);
    }

    @Test
    void webAcl_associatedByHandWhenTheOptionIsOff_isLeftAlone() {
        WebACL theirs = webAcl("theirs");
        HttpsSetup without = fx.spec().build();
        String lb = fx.executor().apply(without).outputs().loadBalancerArn();
        waf.associateWebACL(r -> r.webACLArn(theirs.arn()).resourceArn(lb));

        ApplyResult again = fx.executor().apply(without);

        assertThat(again.changes()).isEmpty();
        assertThat(associated(lb)).isEqualTo(theirs.arn());
        fx.executor().destroy(without);
        assertThat(waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs())
                .extracting(s -> s.arn())
                .containsExactly(theirs.arn());
    }

    @Test
    void webAcl_thatDoesNotExist_isRefusedByThePlanOfTheApply_beforeAnyWrite() {
        String missing = webAcl("shop-gone").arn();
        WebACL gone = waf.getWebACL(
                        r -> r.scope(Scope.REGIONAL).name("shop-gone").id(idOf(missing)))
                .webACL();
        String lockToken = waf.getWebACL(
                        r -> r.scope(Scope.REGIONAL).name("shop-gone").id(idOf(missing)))
                .lockToken();
        waf.deleteWebACL(
                r -> r.scope(Scope.REGIONAL).name(gone.name()).id(gone.id()).lockToken(lockToken));
        HttpsSetup spec = fx.spec().loadBalancer(lb -> lb.webAcl(missing)).build();
        ApiCallCounter calls = new ApiCallCounter();

        Throwable thrown = catchThrowable(() -> fx.executor(calls).apply(spec));

        assertThat(thrown).isInstanceOf(HttpsSetupException.class);
        assertThat(((HttpsSetupException) thrown).code()).isEqualTo(ErrorCode.OPTION_UNUSABLE);
        assertThat(thrown)
                .hasMessageContaining(
                        "loadBalancer.webAcl: web ACL " + missing + " does not exist in " + ReferenceWorld.REGION);
        assertThat(calls.snapshot().writes())
                .as("%s", calls.snapshot().byOperation())
                .isZero();
    }

    private WebACL webAcl(String name) {
        return waf.createWebACL(r -> r.name(name)
                                        .scope(Scope.REGIONAL)
                                        .defaultAction(DefaultAction.builder()
                                                .allow(a -> {})
                                                .build())
                                        .visibilityConfig(v -> v.sampledRequestsEnabled(false)
                                                .cloudWatchMetricsEnabled(false)
                                                .metricName(name)))
                                .summary()
                                .arn()
                        == null
                ? null
                : describe(name);
    }

    private WebACL describe(String name) {
        String id = waf.listWebACLs(r -> r.scope(Scope.REGIONAL)).webACLs().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
        return waf.getWebACL(r -> r.scope(Scope.REGIONAL).name(name).id(id)).webACL();
    }

    private static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private String associated(String loadBalancerArn) {
        WebACL acl =
                waf.getWebACLForResource(r -> r.resourceArn(loadBalancerArn)).webACL();
        return acl == null ? null : acl.arn();
    }

    private Map<String, String> lbTags(String arn) {
        return fx.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
