package io.github.httpssetup.core;

/** What kind of problem an {@link HttpsSetupException} reports; stable, for scripts and tests. */
public enum ErrorCode {
    /** The description is invalid; see {@link InvalidSpecException#violations()}. Nothing was called. */
    INVALID_SPEC,
    /** A resource with the expected name exists but the stack does not own it. */
    CONFLICT,
    /** No public hosted zone with the domain's name (and creation was not asked for). */
    HOSTED_ZONE_NOT_FOUND,
    /** Several public hosted zones share the name: the id must be given. */
    HOSTED_ZONE_AMBIGUOUS,
    /** The domain registration failed or needs attention. */
    DOMAIN_REGISTRATION,
    /** The domain is registered in the account with other name servers than its hosted zone's. */
    NAME_SERVER_MISMATCH,
    /** The certificate failed validation, or was not issued in time. */
    CERTIFICATE_NOT_ISSUED,
    /** The given certificate ARN cannot be used (missing, not issued, wrong names or region). */
    CERTIFICATE_UNUSABLE,
    /** Target instances are missing, not running, or in several VPCs. */
    TARGETS_INVALID,
    /** The subnets cannot host an internet-facing load balancer (public subnets in two zones needed). */
    SUBNETS_INVALID,
    /** The security groups given cannot be used. */
    SECURITY_GROUPS_INVALID,
    /** Destroy refused: the load balancer has deletion protection on. */
    DELETION_PROTECTED,
    /** An AWS account quota stands in the way (e.g. ACM's domain names per certificate); the message names it. */
    QUOTA_EXCEEDED,
    /** Something did not reach the expected state within its time limit. */
    WAIT_TIMEOUT,
    /** AWS refused a call, or kept failing after retries. */
    AWS_ERROR,
    /** The configuration of the executor (credentials, region, endpoint) is unusable. */
    CONFIGURATION,
    /** The HTTPS listener's SSL policy is not one Elastic Load Balancing offers; the message names the closest. */
    SSL_POLICY_NOT_FOUND,
    /** Export refused: the description uses an option CloudFormation cannot express; the message names the key. */
    NOT_EXPORTABLE,
    /**
     * An existing resource an option names cannot be used: the web ACL ({@code loadBalancer.webAcl}) does not exist,
     * the access-log bucket ({@code loadBalancer.accessLogs}) is missing or does not let the load balancer write, the
     * Auto Scaling group ({@code targets.autoScalingGroup}) does not exist. The message says which and what to do.
     */
    OPTION_UNUSABLE,
    /**
     * At the end of an apply, a target of the target group cannot serve: it failed its health checks, is stopped, or
     * is in a zone the load balancer does not use. Everything else is in place; the message names each instance, the
     * load balancer's reason code and what to check.
     */
    TARGETS_UNHEALTHY
}
