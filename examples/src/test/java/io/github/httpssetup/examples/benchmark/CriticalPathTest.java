package io.github.httpssetup.examples.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

class CriticalPathTest {

    private static List<CriticalPath.Call> calls(String phase, String step, String... operations) {
        List<CriticalPath.Call> calls = new ArrayList<>();
        for (String operation : operations) {
            calls.add(new CriticalPath.Call(phase, step, "svc", operation));
        }
        return calls;
    }

    @Test
    void callRecorder_stepEvents_attributeEachCallToTheStepRunningOnItsThread() throws Exception {
        CallRecorder recorder = new CallRecorder();
        recorder.onEvent(ProgressEvent.of(ProgressEvent.Type.STEP_STARTED, "certificate", "apply: started"));
        recorder.onEvent(ProgressEvent.of(ProgressEvent.Type.CHANGE_STARTED, "certificate", "creating example.com"));
        send(recorder, "ACM", "RequestCertificate");
        Thread other = new Thread(() -> send(recorder, "Route53", "ListHostedZonesByName"));
        other.start();
        other.join();
        recorder.onEvent(ProgressEvent.of(ProgressEvent.Type.STEP_FINISHED, "certificate", "apply: finished in 5 ms"));
        send(recorder, "ACM", "ListCertificates");

        assertThat(recorder.calls())
                .extracting(c -> c.phase() + "/" + c.step() + " " + c.service() + ":" + c.operation())
                .containsExactly(
                        "apply/certificate acm:RequestCertificate",
                        "other/other route53:ListHostedZonesByName",
                        "other/other acm:ListCertificates");
        assertThat(recorder.calls().get(0).read()).isFalse();
        assertThat(recorder.calls().get(2).read()).isTrue();
    }

    private static void send(CallRecorder recorder, String service, String operation) {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, service);
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        recorder.beforeTransmission(null, attributes);
    }

    @Test
    void of_engineGraph_syntheticCostTable_followsTheLongestChainThroughTheEarlyReads() {
        // One call per step, except: the route tables take 5 round trips, the certificate 3.
        List<CriticalPath.Call> all = new ArrayList<>();
        for (String step : HttpsSetupExecutor.steps().keySet()) {
            int n = step.equals("read-route-tables") ? 5 : step.equals("certificate") ? 3 : 1;
            all.addAll(calls(
                    "apply", step, java.util.Collections.nCopies(n, "Describe").toArray(String[]::new)));
        }

        CriticalPath.Result result = CriticalPath.of(all, 10, 0);

        // targets 1, route tables 5, network 1 (it waits for the route tables), load balancer 1,
        // HTTP listener 1, listeners 1, listener rules 1, records 1, readiness 1 = 13 round trips; zone 1 + certificate
        // 3
        // is shorter
        assertThat(result.millis()).isEqualTo(130);
        assertThat(result.chain())
                .containsExactly(
                        "apply/targets 1 calls 10 ms",
                        "apply/read-route-tables 5 calls 50 ms",
                        "apply/network 1 calls 10 ms",
                        "apply/load-balancer 1 calls 10 ms",
                        "apply/http-listener 1 calls 10 ms",
                        "apply/listeners 1 calls 10 ms",
                        "apply/listener-rules 1 calls 10 ms",
                        "apply/records 1 calls 10 ms",
                        "apply/readiness 1 calls 10 ms");
    }

    @Test
    void of_destroy_runsItsStepsOneAfterAnother() {
        List<CriticalPath.Call> all = new ArrayList<>();
        all.addAll(calls("destroy", "records", "ChangeResourceRecordSets"));
        all.addAll(calls("destroy", "certificate", "DeleteCertificate"));

        assertThat(CriticalPath.of(all, 10, 0).millis()).isEqualTo(20);
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
        assertThat(result.chain())
                .containsExactly(
                        "plan/targets 1 calls 50 ms",
                        "plan/security-groups 2 calls 100 ms",
                        "plan/load-balancer 1 calls 50 ms");
    }

    @Test
    void unknownSteps_namesPlanAndApplyStepsMissingFromTheGraph_notDestroy() {
        List<CriticalPath.Call> all = new ArrayList<>();
        all.addAll(calls("plan", "targets", "DescribeInstances"));
        all.addAll(calls("apply", "renamed-step", "CreateListener"));
        all.addAll(calls("destroy", "other", "DescribeLoadBalancers"));

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
        List<CriticalPath.Call> certificate = calls(
                "apply",
                "certificate",
                "ListCertificates",
                "RequestCertificate",
                "DescribeCertificate",
                "ChangeResourceRecordSets",
                "DescribeCertificate",
                "DescribeCertificate",
                "DescribeCertificate");

        // before and with the request: 2; during the wait: 4 (overlapped); the describe that sees ISSUED: 1
        assertThat(CriticalPath.stepMillis(certificate, 50, 5000)).isEqualTo(3 * 50 + 5000);
        // a wait shorter than the calls made during it costs those calls
        assertThat(CriticalPath.stepMillis(certificate, 50, 100)).isEqualTo(3 * 50 + 4 * 50);
    }

    @Test
    void stepMillis_withoutRequest_isOneRoundTripPerCall() {
        assertThat(CriticalPath.stepMillis(
                        calls("apply", "certificate", "ListCertificates", "DescribeCertificate"), 50, 5000))
                .isEqualTo(100);
    }

    @Test
    void of_callsOutsideTheGraph_runOneAfterAnother() {
        CriticalPath.Result result = CriticalPath.of(calls("destroy", "destroy", "A", "B", "C"), 20, 0);

        assertThat(result.millis()).isEqualTo(60);
    }
}
