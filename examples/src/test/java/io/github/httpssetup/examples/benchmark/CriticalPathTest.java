package io.github.httpssetup.examples.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

    private static List<CriticalPath.Call> calls(String phase, String step, String... operations) {
        List<CriticalPath.Call> calls = new ArrayList<>();
        for (String operation : operations) {
            calls.add(new CriticalPath.Call(phase, step, "svc", operation));
        }
        return calls;
    }

    @Test
    void call_fromThreadName_takesPhaseAndStepFromTheEngineLabel() {
        CriticalPath.Call call = CriticalPath.Call.of("https-setup-bench-3 apply/certificate", "acm", "RequestCertificate");

        assertThat(call.phase()).isEqualTo("apply");
        assertThat(call.step()).isEqualTo("certificate");
        assertThat(call.read()).isFalse();
        assertThat(CriticalPath.Call.of("main", "acm", "ListCertificates").step()).isEqualTo("other");
        assertThat(CriticalPath.Call.of("main", "acm", "ListCertificates").read()).isTrue();
    }

    @Test
    void of_independentBranches_takesTheLongestChainNotTheSum() {
        List<CriticalPath.Call> all = new ArrayList<>();
        all.addAll(calls("plan", "targets", "DescribeInstances"));
        all.addAll(calls("plan", "network", "DescribeSubnets"));
        all.addAll(calls("plan", "read-route-tables", "DescribeRouteTables"));
        all.addAll(calls("plan", "zone", "ListHostedZonesByName"));
        all.addAll(calls("plan", "security-groups", "DescribeSecurityGroups", "DescribeSecurityGroupRules"));
        all.addAll(calls("plan", "load-balancer", "DescribeLoadBalancers"));

        CriticalPath.Result result = CriticalPath.of(all, 50, 5000);

        // targets (1) -> security groups (2) -> load balancer (1); subnets and route tables (1 each) run beside
        // the security groups, the zone (1) beside everything
        assertThat(result.millis()).isEqualTo(200);
        assertThat(result.chain()).containsExactly("plan/targets 1 calls 50 ms", "plan/security-groups 2 calls 100 ms",
                "plan/load-balancer 1 calls 50 ms");
    }

    @Test
    void unknownSteps_namesPlanAndApplyStepsMissingFromTheGraph_notDestroy() {
        List<CriticalPath.Call> all = new ArrayList<>();
        all.addAll(calls("plan", "targets", "DescribeInstances"));
        all.addAll(calls("apply", "renamed-step", "CreateListener"));
        all.addAll(calls("destroy", "destroy", "DeleteListener"));

        assertThat(CriticalPath.unknownSteps(all)).containsExactly("apply/renamed-step");
    }

    @Test
    void of_planThenApply_addsThePhases() {
        List<CriticalPath.Call> all = new ArrayList<>();
        all.addAll(calls("plan", "network", "DescribeInstances"));
        all.addAll(calls("apply", "network", "DescribeInstances", "DescribeSubnets"));

        assertThat(CriticalPath.of(all, 10, 0).millis()).isEqualTo(30);
    }

    @Test
    void of_stepWaitingForDependencies_startsAfterTheLastOfThem() {
        List<CriticalPath.Call> all = new ArrayList<>();
        all.addAll(calls("apply", "zone", "GetHostedZone"));
        all.addAll(calls("apply", "target-group", "CreateTargetGroup", "RegisterTargets", "X", "Y"));
        all.addAll(calls("apply", "listeners", "CreateListener"));
        all.addAll(calls("apply", "records", "ChangeResourceRecordSets"));

        CriticalPath.Result result = CriticalPath.of(all, 100, 0);

        assertThat(result.millis()).isEqualTo(600); // target group (4) -> listeners (1) -> records (1)
        assertThat(result.chain()).first().asString().startsWith("apply/target-group");
    }

    @Test
    void stepMillis_certificateWait_overlapsTheCallsMadeDuringIt() {
        List<CriticalPath.Call> certificate = calls("apply", "certificate", "ListCertificates", "RequestCertificate",
                "DescribeCertificate", "ChangeResourceRecordSets", "DescribeCertificate", "DescribeCertificate",
                "DescribeCertificate");

        // before and with the request: 2; during the wait: 4 (overlapped); the describe that sees ISSUED: 1
        assertThat(CriticalPath.stepMillis(certificate, 50, 5000)).isEqualTo(3 * 50 + 5000);
        // a wait shorter than the calls made during it costs those calls
        assertThat(CriticalPath.stepMillis(certificate, 50, 100)).isEqualTo(3 * 50 + 4 * 50);
    }

    @Test
    void stepMillis_withoutRequest_isOneRoundTripPerCall() {
        assertThat(CriticalPath.stepMillis(calls("apply", "certificate", "ListCertificates", "DescribeCertificate"), 50, 5000))
                .isEqualTo(100);
    }

    @Test
    void of_callsOutsideTheGraph_runOneAfterAnother() {
        CriticalPath.Result result = CriticalPath.of(calls("destroy", "destroy", "A", "B", "C"), 20, 0);

        assertThat(result.millis()).isEqualTo(60);
    }
}
