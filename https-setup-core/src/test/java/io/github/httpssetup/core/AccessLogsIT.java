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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code loadBalancer.accessLogs} against the emulator (strict profile: ELB refuses a bucket it cannot write to, and
 * writes its test file into one it can): a bucket the stack creates and owns, and a bucket it is given.
 */
@AwsEmulatorTest
class AccessLogsIT {

    private ReferenceWorld fx;
    private S3Client s3;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(1, 2, false).withZone();
        s3 = fx.aws.client(S3Client.builder().forcePathStyle(true));
    }

    @AfterEach
    void tearDown() {
        s3.close();
        fx.close();
    }

    @Test
    void
            createdBucket_isCreatedWithItsPolicy_keptOnANoOp_followsThePrefix_deletedWhenRemoved_andKeptByDestroyWhenItHoldsLogs() {
        String bucket = "shop-alb-logs-" + System.nanoTime();
        HttpsSetup on = fx.spec()
                .loadBalancer(
                        lb -> lb.accessLogs(l -> l.bucket(bucket).prefix("prod").create(true)))
                .build();

        // create
        assertThat(fx.executor().plan(on).changes())
                .filteredOn(c -> c.kind() == ResourceKind.ACCESS_LOG_BUCKET)
                .extracting(Change::action)
                .containsExactly(ChangeAction.CREATE);
        String lb = fx.executor().apply(on).outputs().loadBalancerArn();
        assertThat(attributes(lb))
                .containsEntry("access_logs.s3.enabled", "true")
                .containsEntry("access_logs.s3.bucket", bucket)
                .containsEntry("access_logs.s3.prefix", "prod");
        assertThat(s3.getBucketPolicy(r -> r.bucket(bucket)).policy())
                .contains("arn:aws:iam::600734575887:root")
                .contains("arn:aws:s3:::" + bucket + "/prod/AWSLogs/123456789012/*");
        assertThat(s3.getBucketTagging(r -> r.bucket(bucket)).tagSet()).anySatisfy(t -> {
            assertThat(t.key()).isEqualTo("https-setup:stack");
            assertThat(t.value()).isEqualTo("shop");
        });
        assertThat(keys(bucket))
                .as("ELB checked it can write")
                .containsExactly("prod/AWSLogs/123456789012/ELBAccessLogTestFile");
        assertThat(lbTags(lb)).containsEntry("https-setup:access-log-bucket", bucket);

        // no-op
        ApiCallCounter noOp = new ApiCallCounter();
        assertThat(fx.executor(noOp).apply(on).changes()).isEmpty();
        assertThat(noOp.snapshot().writes())
                .as("%s", noOp.snapshot().byOperation())
                .isZero();
        assertThat(noOp.snapshot().byService().get("S3").reads())
                .as("tags and policy of the bucket")
                .isEqualTo(2);

        // change: a new prefix moves the policy's grant and the attribute
        HttpsSetup moved = fx.spec()
                .loadBalancer(
                        l -> l.accessLogs(a -> a.bucket(bucket).prefix("v2").create(true)))
                .build();
        ApplyResult changed = fx.executor().apply(moved);
        assertThat(changed.changes())
                .extracting(Change::kind)
                .contains(ResourceKind.ACCESS_LOG_BUCKET, ResourceKind.LOAD_BALANCER);
        assertThat(attributes(lb)).containsEntry("access_logs.s3.prefix", "v2");
        assertThat(s3.getBucketPolicy(r -> r.bucket(bucket)).policy()).contains(bucket + "/v2/AWSLogs/123456789012/*");

        // removal: logging off, the bucket (only ELB's test files in it) deleted, and a no-op after that makes no S3
        // call
        HttpsSetup off = fx.spec().build();
        ApplyResult removed = fx.executor().apply(off);
        assertThat(removed.changes())
                .filteredOn(c -> c.kind() == ResourceKind.ACCESS_LOG_BUCKET)
                .extracting(Change::action)
                .containsExactly(ChangeAction.DELETE);
        assertThat(attributes(lb)).containsEntry("access_logs.s3.enabled", "false");
        assertThat(catchThrowable(() -> s3.headBucket(r -> r.bucket(bucket))))
                .isInstanceOf(NoSuchBucketException.class);
        assertThat(lbTags(lb)).doesNotContainKey("https-setup:access-log-bucket");
        ApiCallCounter offCalls = new ApiCallCounter();
        assertThat(fx.executor(offCalls).apply(off).changes()).isEmpty();
        assertThat(offCalls.snapshot().byService()).doesNotContainKey("S3");

        // destroy keeps a bucket that holds logs, and says so
        fx.executor().apply(on);
        s3.putObject(
                r -> r.bucket(bucket).key("prod/AWSLogs/123456789012/elasticloadbalancing/log.gz"),
                RequestBody.fromString("a log line"));
        DestroyResult gone = fx.executor().destroy(on);
        assertThat(gone.kept())
                .anySatisfy(k -> assertThat(k).contains("access-log bucket " + bucket + " holds access logs"));
        assertThat(keys(bucket)).contains("prod/AWSLogs/123456789012/elasticloadbalancing/log.gz");
        assertPolicyAllowsEveryCall(on);
    }

    @Test
    void givenBucket_withoutAPolicyForTheLoadBalancer_isRefusedBeforeAnyWrite_withTheStatementToAdd_andNeverChanged() {
        String bucket = "their-logs-" + System.nanoTime();
        s3.createBucket(r -> r.bucket(bucket)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_NORTHEAST_2)));
        HttpsSetup spec = fx.spec()
                .loadBalancer(lb -> lb.accessLogs(l -> l.bucket(bucket)))
                .build();
        ApiCallCounter calls = new ApiCallCounter();

        Throwable refused = catchThrowable(() -> fx.executor(calls).apply(spec));

        assertThat(refused).isInstanceOf(HttpsSetupException.class);
        assertThat(((HttpsSetupException) refused).code()).isEqualTo(ErrorCode.OPTION_UNUSABLE);
        String statement = "{\"Sid\": \"HttpsSetupElbAccessLogs\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                + " \"arn:aws:iam::600734575887:root\"}, \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::"
                + bucket + "/AWSLogs/<account>/*\"}";
        assertThat(refused)
                .hasMessageContaining(
                        "the policy of bucket " + bucket + " does not let the load balancer" + " write its logs")
                .hasMessageContaining(statement);
        assertThat(calls.snapshot().writes())
                .as("%s", calls.snapshot().byOperation())
                .isZero();

        // with the statement added, as the message says (the account filled in), the apply goes through
        s3.putBucketPolicy(r -> r.bucket(bucket)
                .policy("{\"Version\": \"2012-10-17\", \"Statement\": ["
                        + statement.replace("<account>", "123456789012") + "]}"));
        String lb = fx.executor().apply(spec).outputs().loadBalancerArn();
        assertThat(attributes(lb))
                .containsEntry("access_logs.s3.enabled", "true")
                .containsEntry("access_logs.s3.bucket", bucket);
        ApiCallCounter noOp = new ApiCallCounter();
        assertThat(fx.executor(noOp).apply(spec).changes()).isEmpty();
        assertThat(noOp.snapshot().writes()).isZero();

        DestroyResult gone = fx.executor().destroy(spec);
        assertThat(gone.deleted()).extracting(Change::kind).doesNotContain(ResourceKind.ACCESS_LOG_BUCKET);
        assertThat(s3.getBucketPolicy(r -> r.bucket(bucket)).policy()).contains("HttpsSetupElbAccessLogs");
        assertPolicyAllowsEveryCall(spec);
    }

    /**
     * Every call the executors made is an action of the IAM policy printed for the description ({@code ListObjectsV2}
     * is authorized as {@code s3:ListBucket}).
     */
    private void assertPolicyAllowsEveryCall(HttpsSetup spec) {
        IamPolicy policy = IamPolicy.of(spec);
        assertThat(fx.allCalls.snapshot().byOperation().keySet().stream()
                        .map(key -> IamPolicy.iamPrefix(key.substring(0, key.indexOf(':')))
                                + key.substring(key.indexOf(':')))
                        .map(action -> action.equals("s3:ListObjectsV2") ? "s3:ListBucket" : action)
                        .filter(action -> !policy.allows(action))
                        .toList())
                .as("actions called but missing from the IAM policy")
                .isEmpty();
    }

    @Test
    void givenBucket_inAnotherRegion_orMissing_isRefusedBeforeAnyWrite() {
        String elsewhere = "logs-elsewhere-" + System.nanoTime();
        try (S3Client ireland =
                fx.aws.withRegion("eu-west-1").client(S3Client.builder().forcePathStyle(true))) {
            ireland.createBucket(r -> r.bucket(elsewhere)
                    .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        }

        Throwable wrongRegion = catchThrowable(() -> fx.executor()
                .plan(fx.spec()
                        .loadBalancer(lb -> lb.accessLogs(l -> l.bucket(elsewhere)))
                        .build()));
        Throwable missing = catchThrowable(() -> fx.executor()
                .plan(fx.spec()
                        .loadBalancer(lb -> lb.accessLogs(l -> l.bucket("no-such-bucket-" + System.nanoTime())))
                        .build()));

        assertThat(wrongRegion)
                .hasMessageContaining("bucket " + elsewhere + " is in eu-west-1, not in the load balancer's"
                        + " region ap-northeast-2");
        assertThat(missing)
                .hasMessageContaining(
                        "does not exist. Create it in ap-northeast-2 with this bucket policy" + " statement");
    }

    private Map<String, String> attributes(String arn) {
        return fx.elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                .collect(Collectors.toMap(LoadBalancerAttribute::key, a -> a.value() == null ? "" : a.value()));
    }

    private Map<String, String> lbTags(String arn) {
        return fx.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private java.util.List<String> keys(String bucket) {
        return s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}
