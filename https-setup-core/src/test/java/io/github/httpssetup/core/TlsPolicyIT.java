package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * Issue 15, the TLS policy: the default is AWS's recommended post-quantum policy, a chosen policy is checked against
 * {@code DescribeSSLPolicies} before any write, and a stack on the old default moves to the new one in one
 * {@code ModifyListener}. Against the strict profile, whose list is AWS's (moto's lacks the FIPS policies).
 */
@AwsEmulatorTest
class TlsPolicyIT {

    private static final String DESCRIBE_SSL_POLICIES = "ElasticLoadBalancingV2:DescribeSSLPolicies";
    private static final String OLD_DEFAULT = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    /** A post-quantum FIPS policy: in AWS's list, not in moto's own. */
    private static final String FIPS_PQ = "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09";

    private ReferenceWorld fx;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(1, 2, false).withZone();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private HttpsSetup withPolicy(String policy) {
        return fx.spec().httpsListener(h -> h.sslPolicy(policy)).build();
    }

    @Test
    void aMisspelledPolicy_isRefusedByPlanAndApply_beforeAnyWrite_namingTheClosestPolicies() {
        HttpsSetup typo = withPolicy("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-9");
        ApiCallCounter calls = new ApiCallCounter();

        assertThatThrownBy(() -> fx.executor(calls).plan(typo)).isInstanceOf(HttpsSetupException.class);
        assertThatThrownBy(() -> fx.executor(calls).apply(typo))
                .isInstanceOfSatisfying(HttpsSetupException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SSL_POLICY_NOT_FOUND);
                    assertThat(e.getMessage())
                            .startsWith("listeners.https.sslPolicy: \"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-9\"")
                            .contains("the closest are \"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09\"");
                });

        assertThat(calls.snapshot().writes()).isZero();
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        fx.assertPolicyAllowsEveryCall(typo);
    }

    @Test
    void aChosenPolicy_isCreatedChangedAndRemoved_eachInOneWrite_andANoOpNeverAsksForThePolicies() {
        ApplyResult created = fx.executor().apply(withPolicy(FIPS_PQ));
        String lbArn = created.outputs().loadBalancerArn();
        assertThat(https(lbArn).sslPolicy()).isEqualTo(FIPS_PQ);
        assertThat(created.apiCalls().byOperation())
                .as("plan and apply runs share one read")
                .containsEntry(DESCRIBE_SSL_POLICIES, 1);

        ApplyResult again = fx.executor().apply(withPolicy(FIPS_PQ));
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(again.apiCalls().byOperation()).doesNotContainKey(DESCRIBE_SSL_POLICIES);

        // a stack created before the default changed: on the old default
        ApplyResult changed = fx.executor().apply(withPolicy(OLD_DEFAULT));
        assertThat(changed.apiCalls().writes()).isEqualTo(1);
        assertThat(changed.apiCalls().byOperation()).containsEntry("ElasticLoadBalancingV2:ModifyListener", 1);
        assertThat(https(lbArn).sslPolicy()).isEqualTo(OLD_DEFAULT);

        // its next apply with the default: one change in the plan, one ModifyListener, no policy read
        HttpsSetup reference = fx.spec().build();
        Plan plan = fx.executor().plan(reference);
        assertThat(plan.changes().stream().filter(c -> c.action().writes()).toList())
                .extracting(Change::kind, Change::action)
                .containsExactly(tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.UPDATE));
        assertThat(plan.changes())
                .filteredOn(c -> c.action().writes())
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .containsExactly(
                                new AttributeChange("sslPolicy", OLD_DEFAULT, HttpsListenerSpec.DEFAULT_SSL_POLICY)));
        ApplyResult moved = fx.executor().apply(reference);
        assertThat(moved.apiCalls().writes()).isEqualTo(1);
        assertThat(moved.apiCalls().byOperation())
                .containsEntry("ElasticLoadBalancingV2:ModifyListener", 1)
                .doesNotContainKey(DESCRIBE_SSL_POLICIES);
        assertThat(https(lbArn).sslPolicy())
                .isEqualTo(HttpsListenerSpec.DEFAULT_SSL_POLICY)
                .isEqualTo("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
        assertThat(fx.executor().apply(reference).apiCalls().writes()).isZero();

        DestroyResult gone = fx.executor().destroy(reference);
        assertThat(gone.deleted()).extracting(Change::kind).contains(ResourceKind.HTTPS_LISTENER);
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        fx.assertPolicyAllowsEveryCall(withPolicy(FIPS_PQ));
    }

    private Listener https(String loadBalancerArn) {
        List<Listener> listeners = fx.elb
                .describeListeners(r -> r.loadBalancerArn(loadBalancerArn))
                .listeners();
        return listeners.stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
    }
}
