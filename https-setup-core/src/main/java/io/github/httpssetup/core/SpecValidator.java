package io.github.httpssetup.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every rule an {@link HttpsSetup} must follow, with AWS's real limits, checked before any AWS call. Collects all
 * problems, in property order, each with its YAML property path and a message that names the bad value, what is
 * allowed and how to fix it. The rules of each part are in a class named after it ({@link DomainRules},
 * {@link CertificateRules}, {@link TargetRules}, {@link LoadBalancerRules}, {@link SiteRules}); what a valid domain name is, in
 * {@link DomainNames}; the checks several parts share, in {@link Rules}; the numeric ranges, in {@link Limits}. This
 * class holds the top-level settings' rules and runs the parts' in property order.
 */
final class SpecValidator extends Rules {
    private static final Pattern STACK = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");

    private SpecValidator(List<Violation> violations) {
        super(violations);
    }

    /**
     * Checks a description against every rule.
     *
     * @param setup the description, possibly missing required parts
     * @return every problem found, in property order; empty when the description is valid
     */
    static List<Violation> validate(HttpsSetup setup) {
        List<Violation> violations = new ArrayList<>();
        new SpecValidator(violations).check(setup);
        return List.copyOf(violations);
    }

    private void check(HttpsSetup setup) {
        checkStack(setup.stack());
        boolean regionValid = checkRegion(setup.region());
        boolean single = setup.sites().isEmpty();
        if (single) {
            new DomainRules(violations).check(setup.domain());
        }
        CertificateRules certificateRules = new CertificateRules(violations);
        certificateRules.check(setup.certificate(), regionValid ? setup.region() : null);
        if (single) {
            certificateRules.checkCommonName(setup.domain(), setup.certificate());
            new TargetRules(violations).check(setup.targets());
        }
        new SiteRules(violations).check(setup);
        LoadBalancerRules loadBalancerRules = new LoadBalancerRules(violations);
        loadBalancerRules.check(setup.loadBalancer());
        loadBalancerRules.checkListeners(setup.httpsListener(), setup.httpListener());
        loadBalancerRules.checkWebAcl(setup.loadBalancer(), regionValid ? setup.region() : null);
        loadBalancerRules.checkAccessLogs(setup.loadBalancer());
        checkTags("tags", setup.tags(), true);
        checkDuration("waitTimeout", setup.waitTimeout(), Limits.WAIT_TIMEOUT);
    }

    private void checkStack(String stack) {
        if (isBlank(stack)) {
            add("stack", "is required; set it to a short name such as \"shop\"");
        } else if (!STACK.matcher(stack).matches()) {
            add(
                    "stack",
                    quote(stack) + " is not a valid stack name: use 1-" + HttpsSetup.MAX_STACK_LENGTH
                            + " lower-case letters, digits and hyphens, starting and ending with a letter or digit");
        } else if (stack.length() > HttpsSetup.MAX_STACK_LENGTH) {
            add(
                    "stack",
                    quote(stack) + " is too long (" + stack.length() + " characters): use at most "
                            + HttpsSetup.MAX_STACK_LENGTH
                            + ", so that the load balancer and target group names derived from"
                            + " it stay within AWS's 32 characters");
        } else if (stack.startsWith("internal")) {
            add(
                    "stack",
                    quote(stack) + " must not start with \"internal\": AWS reserves load balancer names that"
                            + " begin with \"internal-\"; choose another name");
        }
    }

    private boolean checkRegion(String region) {
        if (isBlank(region)) {
            add("region", "is required; set it to the region of the instances, such as \"us-east-1\"");
            return false;
        }
        if (!REGION.matcher(region).matches()) {
            add(
                    "region",
                    quote(region) + " is not an AWS region code: use one such as \"us-east-1\" or"
                            + " \"ap-northeast-2\"");
            return false;
        }
        return true;
    }
}
