package io.github.httpssetup.core;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of {@code targets}: the instances, the port and protocol, the health check and the group's timings. */
final class TargetRules extends Rules {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern CODE_LIST = Pattern.compile("\\d{1,9}(,\\d{1,9})*");
    private static final Pattern CODE_RANGE = Pattern.compile("(\\d{1,9})-(\\d{1,9})");
    /** Auto Scaling group names: ASCII 33 to 126 without a colon, 1 to 255 characters (CreateAutoScalingGroup). */
    private static final Pattern AUTO_SCALING_GROUP = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,255}");

    private static final int MAX_INSTANCES = 500;
    private static final int MAX_HEALTH_CHECK_PATH_LENGTH = 1024;
    private static final int MIN_HTTP_CODE = 200;
    private static final int MAX_HTTP_CODE = 499;
    private static final String EXAMPLE_INSTANCE_ID = "i-0abc1234def567890";

    TargetRules(List<Violation> violations) {
        super(violations);
    }

    /** Checks {@code targets}, reporting it as required when it is {@code null}. */
    void check(TargetsSpec targets) {
        if (targets == null) {
            add(
                    "targets",
                    "is required; set instanceIds, such as [\"" + EXAMPLE_INSTANCE_ID + "\"],"
                            + " instanceTags, such as {app: shop}, or autoScalingGroup, such as shop-asg");
            return;
        }
        List<String> instanceIds = targets.instanceIds();
        Map<String, String> instanceTags = targets.instanceTags();
        String group = targets.autoScalingGroup().orElse(null);
        if (instanceIds.isEmpty() && instanceTags.isEmpty() && group == null) {
            add(
                    "targets",
                    "has no instances: set instanceIds to name them, such as [\"" + EXAMPLE_INSTANCE_ID
                            + "\"], instanceTags to select them by tag, such as {app: shop}, or autoScalingGroup to"
                            + " serve the instances of an Auto Scaling group, such as shop-asg");
        }
        if (group != null) {
            checkAutoScalingGroup(group, !instanceIds.isEmpty(), !instanceTags.isEmpty());
        }
        if (instanceIds.size() > MAX_INSTANCES) {
            add(
                    "targets.instanceIds",
                    "has " + instanceIds.size() + " instances; at most " + MAX_INSTANCES + " are allowed");
        }
        checkIds(
                "targets.instanceIds",
                instanceIds,
                INSTANCE_ID,
                "an EC2 instance id",
                "\"i-\" and 8 or 17 hexadecimal digits, such as \"" + EXAMPLE_INSTANCE_ID + "\"");
        if (!instanceTags.isEmpty()) {
            if (!instanceIds.isEmpty()) {
                add(
                        "targets.instanceTags",
                        "cannot be combined with instanceIds: use instanceIds to name the"
                                + " instances, or instanceTags to select them by tag, not both");
            }
            checkTags("targets.instanceTags", instanceTags, false);
        }
        checkPort("targets.port", targets.port());
        checkHealthCheck(targets.healthCheck());
        checkDuration("targets.deregistrationDelay", targets.deregistrationDelay(), Limits.DEREGISTRATION_DELAY);
        targets.stickiness()
                .ifPresent(stickiness -> checkDuration("targets.stickiness", stickiness, Limits.STICKINESS));
    }

    private void checkAutoScalingGroup(String group, boolean withIds, boolean withTags) {
        String path = "targets.autoScalingGroup";
        if (withIds || withTags) {
            add(
                    path,
                    "cannot be combined with "
                            + (withIds && withTags
                                    ? "instanceIds and instanceTags"
                                    : withIds ? "instanceIds" : "instanceTags")
                            + ": the Auto Scaling group registers its own instances in the target group; use"
                            + " autoScalingGroup alone, or name or tag the instances without it");
        }
        if (group.startsWith("arn:")) {
            add(path, quote(group) + " is an ARN: give the Auto Scaling group's name, such as \"shop-asg\"");
        } else if (!AUTO_SCALING_GROUP.matcher(group).matches()) {
            add(
                    path,
                    quote(group) + " is not an Auto Scaling group name: 1 to 255 visible ASCII characters without"
                            + " spaces or colons, such as \"shop-asg\"");
        }
    }

    private void checkHealthCheck(HealthCheckSpec healthCheck) {
        String path = "targets.healthCheck";
        String checkPath = healthCheck.path();
        if (!checkPath.startsWith("/")) {
            add(path + ".path", quote(checkPath) + " is not a path: start it with \"/\", such as \"/health\"");
        } else if (checkPath.length() > MAX_HEALTH_CHECK_PATH_LENGTH) {
            add(
                    path + ".path",
                    "is " + checkPath.length() + " characters long; at most " + MAX_HEALTH_CHECK_PATH_LENGTH
                            + " are allowed");
        }
        healthCheck.port().ifPresent(port -> checkPort(path + ".port", port));
        String problem = matcherProblem(healthCheck.matcher());
        if (problem != null) {
            add(path + ".matcher", problem);
        }
        boolean intervalValid = checkDuration(path + ".interval", healthCheck.interval(), Limits.HEALTH_CHECK_INTERVAL);
        boolean timeoutValid = checkDuration(path + ".timeout", healthCheck.timeout(), Limits.HEALTH_CHECK_TIMEOUT);
        if (intervalValid && timeoutValid && healthCheck.timeout().compareTo(healthCheck.interval()) >= 0) {
            add(
                    path + ".timeout",
                    Durations.format(healthCheck.timeout()) + " is not less than the interval ("
                            + Durations.format(healthCheck.interval())
                            + "): a check must time out before the next one starts;"
                            + " shorten timeout or lengthen interval");
        }
        checkRange(path + ".healthyThreshold", healthCheck.healthyThreshold(), Limits.HEALTH_CHECK_THRESHOLD);
        checkRange(path + ".unhealthyThreshold", healthCheck.unhealthyThreshold(), Limits.HEALTH_CHECK_THRESHOLD);
    }

    private static String matcherProblem(String matcher) {
        Matcher range = CODE_RANGE.matcher(matcher);
        if (range.matches()) {
            int low = Integer.parseInt(range.group(1));
            int high = Integer.parseInt(range.group(2));
            String outside = outsideCodes(matcher, low, high);
            if (outside != null) {
                return outside;
            }
            return low > high
                    ? quote(matcher) + " is not a valid range: put the lower code first, as in \"200-299\""
                    : null;
        }
        if (CODE_LIST.matcher(matcher).matches()) {
            String[] codes = matcher.split(",");
            int[] values = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                values[i] = Integer.parseInt(codes[i]);
            }
            return outsideCodes(matcher, values);
        }
        return quote(matcher) + " is not a list of HTTP codes: use codes from " + MIN_HTTP_CODE + " to " + MAX_HTTP_CODE
                + " separated by commas, such as \"200,204\", or a range, such as \"200-299\"";
    }

    private static String outsideCodes(String matcher, int... codes) {
        for (int code : codes) {
            if (code < MIN_HTTP_CODE || code > MAX_HTTP_CODE) {
                return quote(matcher) + " has code " + code + ", outside the " + MIN_HTTP_CODE + "-" + MAX_HTTP_CODE
                        + " an ALB health check accepts";
            }
        }
        return null;
    }
}
