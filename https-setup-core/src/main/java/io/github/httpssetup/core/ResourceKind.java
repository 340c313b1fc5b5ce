package io.github.httpssetup.core;

/** The kinds of resource in the chain, in the order they are converged. */
public enum ResourceKind {
    DOMAIN_REGISTRATION("domain registration"),
    HOSTED_ZONE("hosted zone"),
    CERTIFICATE("certificate"),
    VALIDATION_RECORD("validation record"),
    SECURITY_GROUP("security group"),
    SECURITY_GROUP_RULE("security group rule"),
    TARGET_GROUP("target group"),
    TARGETS("targets"),
    LOAD_BALANCER("load balancer"),
    HTTPS_LISTENER("HTTPS listener"),
    HTTP_LISTENER("HTTP listener"),
    /** With sites: a site's certificate on the HTTPS listener, presented by SNI (owned through its certificate's tag). */
    LISTENER_CERTIFICATE("listener certificate"),
    /** With sites: a rule of the HTTPS listener, forwarding a site's names (and a route's paths) to its targets. */
    LISTENER_RULE("listener rule"),
    ALIAS_RECORD("alias record"),
    OWNERSHIP_RECORD("ownership record"),
    /** {@code loadBalancer.webAcl}: the load balancer's association with a WAFv2 web ACL. */
    WEB_ACL_ASSOCIATION("web ACL association"),
    /** {@code loadBalancer.accessLogs} with {@code create: true}: the S3 bucket of the access logs and its policy. */
    ACCESS_LOG_BUCKET("access-log bucket");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    /** Human name, e.g. {@code target group}. */
    public String label() {
        return label;
    }
}
