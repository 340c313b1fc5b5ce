package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * Issue 15, who may connect ({@code loadBalancer.allowFrom}), against the strict profile (AWS-managed prefix lists
 * with their weight as {@code MaxEntries}): CIDR blocks and a prefix list on the stack's load-balancer group instead of
 * {@code 0.0.0.0/0}, a no-op re-apply, a change, removal back to anyone, destroy; the CloudFront list found by name and
 * weighed against the rules quota in plan.
 */
@AwsEmulatorTest
class AllowFromIT {

    private static final String DESCRIBE_LISTS = "Ec2:DescribeManagedPrefixLists";

    private ReferenceWorld fx;
    private String prefixList;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(1, 2, false).withZone();
        prefixList = fx.ec2
                .createManagedPrefixList(r -> r.prefixListName("office-" + System.nanoTime())
                        .addressFamily("IPv4")
                        .maxEntries(5)
                        .entries(e -> e.cidr("192.0.2.0/24")))
                .prefixList()
                .prefixListId();
    }

    @AfterEach
    void tearDown() {
        fx.ec2.deleteManagedPrefixList(r -> r.prefixListId(prefixList));
        fx.close();
    }

    private HttpsSetup allowing(String... sources) {
        return fx.spec().loadBalancer(l -> l.allowFrom(sources)).build();
    }

    @Test
    void allowFrom_isCreatedKeptChangedRemovedAndDestroyed() {
        // create: a CIDR block and a prefix list, on both listener ports, nothing from anywhere
        HttpsSetup allowed = allowing("203.0.113.0/24", prefixList);
        ApplyResult created = fx.executor().apply(allowed);
        assertThat(created.apiCalls().byOperation()).containsEntry(DESCRIBE_LISTS, 1);
        assertThat(albIngress())
                .containsExactlyInAnyOrder(
                        "tcp 443 from 203.0.113.0/24",
                        "tcp 80 from 203.0.113.0/24",
                        "tcp 443 from " + prefixList,
                        "tcp 80 from " + prefixList);

        // no-op
        ApplyResult again = fx.executor().apply(allowed);
        assertThat(again.apiCalls().writes()).isZero();

        // change: another block, the prefix list kept
        HttpsSetup changed = allowing("198.51.100.0/24", prefixList);
        ApplyResult moved = fx.executor().apply(changed);
        assertThat(moved.apiCalls().byOperation())
                .containsEntry("Ec2:AuthorizeSecurityGroupIngress", 2)
                .containsEntry("Ec2:RevokeSecurityGroupIngress", 2);
        assertThat(albIngress())
                .containsExactlyInAnyOrder(
                        "tcp 443 from 198.51.100.0/24",
                        "tcp 80 from 198.51.100.0/24",
                        "tcp 443 from " + prefixList,
                        "tcp 80 from " + prefixList);

        // removal: back to anyone; a stack without the option never reads prefix lists
        HttpsSetup reference = fx.spec().build();
        ApplyResult removed = fx.executor().apply(reference);
        assertThat(removed.apiCalls().byOperation()).doesNotContainKey(DESCRIBE_LISTS);
        assertThat(albIngress()).containsExactlyInAnyOrder("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0");
        ApplyResult off = fx.executor().apply(reference);
        assertThat(off.apiCalls().writes()).isZero();
        assertThat(off.apiCalls().byOperation()).doesNotContainKey(DESCRIBE_LISTS);

        fx.executor().destroy(reference);
        assertThat(fx.ec2
                        .describeSecurityGroups(
                                r -> r.filters(f -> f.name("group-name").values("shop-alb")))
                        .securityGroups())
                .isEmpty();
        fx.assertPolicyAllowsEveryCall(allowed);
    }

    @Test
    void cloudfront_isFoundByName_andWeighedAgainstTheRulesQuota_inPlan_beforeAnyWrite() {
        // AWS-managed, weighing 55 entries
        ManagedPrefixList cloudfront = fx.ec2
                .describeManagedPrefixLists(r ->
                        r.filters(f -> f.name("prefix-list-name").values(LoadBalancerSpec.CLOUDFRONT_PREFIX_LIST_NAME)))
                .prefixLists()
                .get(0);
        assertThat(cloudfront.maxEntries()).isEqualTo(55);
        String cloudfrontId = cloudfront.prefixListId();

        // its weight, 55 entries, on two ports: over the 60 rules a group takes
        assertThatThrownBy(() -> fx.executor().plan(allowing("cloudfront")))
                .isInstanceOfSatisfying(HttpsSetupException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SECURITY_GROUPS_INVALID);
                    assertThat(e.getMessage())
                            .contains(
                                    "needs 110 inbound IPv4 rules",
                                    "cloudfront (pl-",
                                    "weighs 55 (its MaxEntries)",
                                    "listeners.http.action: none");
                });

        // on the HTTPS port only, it fits: the plan admits the list by its id
        Plan plan = fx.executor()
                .plan(fx.spec()
                        .loadBalancer(l -> l.allowFrom("cloudfront"))
                        .httpListener(h -> h.action(HttpAction.NONE))
                        .build());
        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.SECURITY_GROUP)
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .extracting(AttributeChange::after)
                        .contains("tcp 443 from " + cloudfrontId));

        // an unknown prefix list is refused by plan
        assertThatThrownBy(() -> fx.executor().plan(allowing("pl-00000000000000000")))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class,
                        e -> assertThat(e.getMessage()).contains("the prefix list pl-00000000000000000 is not found"));
    }

    /** The inbound rules of the stack's load-balancer group, as {@code tcp 443 from <source>}. */
    private Set<String> albIngress() {
        String groupId = fx.ec2
                .describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values("shop-alb")))
                .securityGroups()
                .get(0)
                .groupId();
        Set<String> rules = new TreeSet<>();
        for (SecurityGroupRule rule : fx.ec2
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules()) {
            if (Boolean.TRUE.equals(rule.isEgress())) {
                continue;
            }
            String source = rule.cidrIpv4() != null
                    ? rule.cidrIpv4()
                    : rule.cidrIpv6() != null ? rule.cidrIpv6() : rule.prefixListId();
            rules.add(rule.ipProtocol() + " " + rule.fromPort() + " from " + source);
        }
        return rules;
    }
}
