package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AccessLogsSpec;
import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * {@code loadBalancer.accessLogs}: the S3 bucket the load balancer writes its access logs to. Part of the load
 * balancer's step, converged before the load balancer's {@code access_logs.s3.*} attributes (ELB refuses them while
 * it cannot write to the bucket).
 *
 * <p>With {@code create: true} the stack creates the bucket, tags it with the stack, owns its policy (the statement
 * {@link AccessLogDelivery} gives for the region), and remembers it in the load balancer's tag {@value #MARKER_TAG}.
 * A bucket the stack created is deleted when the option no longer names it and on destroy, if it holds no logs (only
 * ELB's test file); one with logs is kept and reported, never emptied. A bucket the stack did not create is never
 * changed: the plan checks its region and policy and refuses, naming the statement to add, when the load balancer
 * could not write to it.
 */
final class AccessLogBucket {

    /** The load balancer tag naming the bucket the stack created for its logs. */
    static final String MARKER_TAG = "https-setup:access-log-bucket";
    /** What ELB writes when access logs are turned on, to check it can. */
    static final String TEST_FILE = "ELBAccessLogTestFile";

    private final Run run;
    private final HttpsSetup spec;
    private final AccessLogsSpec logs;

    AccessLogBucket(Run run) {
        this.run = run;
        this.spec = run.spec();
        this.logs = spec.loadBalancer().accessLogs().orElse(null);
    }

    /**
     * Makes the bucket ready for the load balancer's logs, before its attributes are written.
     *
     * @param loadBalancerArn {@code null} in a plan where the load balancer is still to be created
     * @param lbTags          the load balancer's tags as read (empty for one this run creates)
     */
    void converge(String loadBalancerArn, Map<String, String> lbTags) {
        String marked = lbTags.get(MARKER_TAG);
        boolean created = logs != null && logs.create();
        if (marked != null && loadBalancerArn != null && !(created && marked.equals(logs.bucket()))) {
            deleteOwned(marked, loadBalancerArn, null); // the option no longer names the bucket the stack created
        }
        if (logs == null) {
            return;
        }
        AccessLogDelivery delivery = new AccessLogDelivery(spec.region(), logs.bucket(), logs.prefix());
        String account = AccessLogDelivery.accountOf(loadBalancerArn);
        if (created) {
            converge(delivery, account, loadBalancerArn, marked);
        } else {
            check(delivery, account);
        }
    }

    /** On destroy, after the load balancer is gone: deletes the bucket the stack created, if it holds no logs. */
    void destroy(Map<String, String> lbTags, List<String> kept) {
        String bucket = lbTags.get(MARKER_TAG);
        if (bucket == null && logs != null && logs.create()) {
            bucket = logs.bucket(); // a run stopped before tagging the load balancer
        }
        if (bucket != null) {
            deleteOwned(bucket, null, kept);
        }
    }

    // ---- a bucket the stack owns ----

    private void converge(AccessLogDelivery delivery, String account, String loadBalancerArn, String marked) {
        String bucket = logs.bucket();
        Optional<Map<String, String>> tags = tags(bucket);
        String policy = delivery.policy(account);
        if (tags.isEmpty()) {
            run.change(
                    new Change(
                            ChangeAction.CREATE,
                            ResourceKind.ACCESS_LOG_BUCKET,
                            bucket,
                            bucket,
                            Run.attributes(
                                    "region", spec.region(),
                                    "policy",
                                            "s3:PutObject for " + delivery.principal() + " on "
                                                    + delivery.resource(account),
                                    "tags",
                                            run.tags().entrySet().stream()
                                                    .map(e -> e.getKey() + "=" + e.getValue())
                                                    .collect(Collectors.joining(", "))),
                            ""),
                    () -> {
                        S3Client s3 = run.aws().s3();
                        s3.createBucket(r -> {
                            r.bucket(bucket);
                            if (!"us-east-1".equals(spec.region())) {
                                r.createBucketConfiguration(
                                        c -> c.locationConstraint(BucketLocationConstraint.fromValue(spec.region())));
                            }
                        });
                        tag(bucket);
                        mark(loadBalancerArn, bucket);
                        s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy));
                    });
            return;
        }
        if (!run.owns(tags.get()) && !spec.adopt()) {
            run.conflict(
                    ResourceKind.ACCESS_LOG_BUCKET,
                    bucket,
                    bucket,
                    "exists but is not owned by stack " + spec.stack()
                            + " (S3 bucket names are global: it may be another account's); choose another bucket name, or set"
                            + " create: false to use it as it is");
            return;
        }
        String current = policy(bucket).orElse(null);
        boolean policyRight = delivery.allows(current, account);
        boolean tagged = run.owns(tags.get());
        boolean markedHere = bucket.equals(marked); // a load balancer still to be created is marked when it is
        if (policyRight && tagged && markedHere) {
            run.unchanged(ResourceKind.ACCESS_LOG_BUCKET, bucket, bucket);
            return;
        }
        List<AttributeChange> changes = new java.util.ArrayList<>();
        if (!tagged) {
            changes.add(new AttributeChange("tags." + HttpsSetup.OWNERSHIP_TAG, null, spec.stack()));
        }
        if (!markedHere) {
            changes.add(new AttributeChange("loadBalancer.tags." + MARKER_TAG, marked, bucket));
        }
        if (!policyRight) {
            changes.add(new AttributeChange(
                    "policy",
                    current == null ? "(none)" : "does not let the load balancer write",
                    "s3:PutObject for " + delivery.principal() + " on " + delivery.resource(account)));
        }
        run.change(
                new Change(
                        ChangeAction.UPDATE,
                        ResourceKind.ACCESS_LOG_BUCKET,
                        bucket,
                        bucket,
                        changes,
                        tagged ? "" : "adopt: true; tagged for stack " + spec.stack()),
                () -> {
                    if (!tagged) {
                        tag(bucket);
                    }
                    if (!markedHere) {
                        mark(loadBalancerArn, bucket);
                    }
                    if (!policyRight) {
                        run.aws()
                                .s3()
                                .putBucketPolicy(r -> r.bucket(bucket)
                                        .policy(delivery.policy(AccessLogDelivery.accountOf(loadBalancerArn))));
                    }
                });
    }

    /** Removes the load balancer's mark for a bucket the stack no longer deletes ({@code null}: destroy, no mark). */
    private void forget(String bucket, String loadBalancerArn, String why) {
        if (loadBalancerArn == null) {
            return;
        }
        run.change(
                new Change(
                        ChangeAction.UPDATE,
                        ResourceKind.LOAD_BALANCER,
                        LoadBalancers.name(spec),
                        loadBalancerArn,
                        List.of(new AttributeChange("tags." + MARKER_TAG, bucket, null)),
                        "access-log bucket " + bucket + " " + why),
                () -> unmark(loadBalancerArn));
    }

    /**
     * Deletes a bucket the stack created when it holds nothing but ELB's test file; keeps it otherwise, and says so.
     *
     * @param loadBalancerArn the load balancer whose mark to remove; {@code null} on destroy
     * @param kept            where destroy lists what it kept; {@code null} in an apply
     */
    private void deleteOwned(String bucket, String loadBalancerArn, List<String> kept) {
        Optional<Map<String, String>> tags = tags(bucket);
        if (tags.isEmpty() || !run.owns(tags.get())) {
            forget(bucket, loadBalancerArn, "is gone or no longer the stack's");
            return;
        }
        List<S3Object> objects =
                run.aws().s3().listObjectsV2(r -> r.bucket(bucket).maxKeys(100)).contents();
        List<S3Object> logFiles =
                objects.stream().filter(o -> !o.key().endsWith(TEST_FILE)).toList();
        if (!logFiles.isEmpty()) {
            String message =
                    "access-log bucket " + bucket + " holds access logs, so it is kept (the stack never deletes"
                            + " logs); delete it yourself when they are no longer needed: aws s3 rb s3://" + bucket
                            + " --force";
            run.warn("access logs", message);
            if (kept != null) {
                kept.add(message);
            }
            forget(bucket, loadBalancerArn, "kept: it holds logs");
            return;
        }
        run.change(
                Change.of(
                        ChangeAction.DELETE,
                        ResourceKind.ACCESS_LOG_BUCKET,
                        bucket,
                        bucket,
                        kept != null ? "destroy" : "no longer the access-log bucket; it holds no logs"),
                () -> {
                    S3Client s3 = run.aws().s3();
                    objects.forEach(o -> s3.deleteObject(r -> r.bucket(bucket).key(o.key())));
                    s3.deleteBucket(r -> r.bucket(bucket));
                    if (loadBalancerArn != null) {
                        unmark(loadBalancerArn);
                    }
                });
    }

    // ---- a bucket the stack is given ----

    /** The bucket exists in the region and its policy lets the load balancer write; refused before any write if not. */
    private void check(AccessLogDelivery delivery, String account) {
        String bucket = logs.bucket();
        String region = run.observe(ResourceKind.ACCESS_LOG_BUCKET, "location " + bucket, () -> {
            try {
                String constraint =
                        run.aws().s3().getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString();
                return constraint == null || constraint.isEmpty()
                        ? "us-east-1"
                        : "EU".equals(constraint) ? "eu-west-1" : constraint;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return null;
                }
                throw e;
            }
        });
        if (region == null) {
            throw unusable("bucket " + bucket + " does not exist. Create it in " + spec.region() + " with this bucket"
                    + " policy statement: " + delivery.statement(account) + ", or set loadBalancer.accessLogs.create:"
                    + " true to have the stack create it");
        }
        if (!region.equals(spec.region())) {
            throw unusable("bucket " + bucket + " is in " + region + ", not in the load balancer's region "
                    + spec.region() + ": ELB writes access logs only to a bucket of its own region. Give a bucket of "
                    + spec.region() + ", or set create: true with a new bucket name");
        }
        if (!delivery.allows(policy(bucket).orElse(null), account)) {
            throw unusable("the policy of bucket " + bucket + " does not let the load balancer write its logs"
                    + " (ELB refuses to turn access logs on until it can). Add this statement to the bucket policy: "
                    + delivery.statement(account)
                    + (AccessLogDelivery.UNKNOWN_ACCOUNT.equals(account)
                            ? " (" + AccessLogDelivery.UNKNOWN_ACCOUNT + ": your AWS account id)"
                            : ""));
        }
    }

    private HttpsSetupException unusable(String message) {
        return new HttpsSetupException(ErrorCode.OPTION_UNUSABLE, "loadBalancer.accessLogs: " + message + ".");
    }

    // ---- reads and small writes ----

    /** The bucket's tags; empty when there is no such bucket (of this account). Read once per run. */
    private Optional<Map<String, String>> tags(String bucket) {
        return run.observe(ResourceKind.ACCESS_LOG_BUCKET, "tags " + bucket, () -> {
            try {
                return Optional.of(run.aws().s3().getBucketTagging(r -> r.bucket(bucket)).tagSet().stream()
                        .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, LinkedHashMap::new)));
            } catch (S3Exception e) {
                String code =
                        e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
                if ("NoSuchTagSet".equals(code)) {
                    return Optional.of(Map.of());
                }
                if ("NoSuchBucket".equals(code) || e.statusCode() == 404) {
                    return Optional.empty();
                }
                if (e.statusCode() == 403) { // another account's bucket
                    return Optional.of(Map.of());
                }
                throw e;
            }
        });
    }

    /** The bucket's policy, if it has one. Read once per run. */
    private Optional<String> policy(String bucket) {
        return run.observe(ResourceKind.ACCESS_LOG_BUCKET, "policy " + bucket, () -> {
            try {
                return Optional.ofNullable(
                        run.aws().s3().getBucketPolicy(r -> r.bucket(bucket)).policy());
            } catch (S3Exception e) {
                String code =
                        e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
                if ("NoSuchBucketPolicy".equals(code)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private void tag(String bucket) {
        run.aws()
                .s3()
                .putBucketTagging(r -> r.bucket(bucket)
                        .tagging(t -> t.tagSet(run.tags().entrySet().stream()
                                .map(e -> Tag.builder()
                                        .key(e.getKey())
                                        .value(e.getValue())
                                        .build())
                                .toList())));
    }

    private void mark(String loadBalancerArn, String bucket) {
        if (loadBalancerArn != null) {
            run.aws()
                    .elb()
                    .addTags(r -> r.resourceArns(loadBalancerArn).tags(LoadBalancers.tags(Map.of(MARKER_TAG, bucket))));
        }
    }

    private void unmark(String loadBalancerArn) {
        run.aws().elb().removeTags(r -> r.resourceArns(loadBalancerArn).tagKeys(MARKER_TAG));
    }
}
