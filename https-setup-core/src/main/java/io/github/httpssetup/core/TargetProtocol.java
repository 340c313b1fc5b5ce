package io.github.httpssetup.core;

/** The protocol the load balancer uses to talk to the target instances (and, by default, to check their health). */
public enum TargetProtocol {
    /** Plain HTTP between the load balancer and the instances (the default): TLS ends at the load balancer. */
    HTTP,
    /** HTTPS between the load balancer and the instances; the instances' certificates are not verified by the ALB. */
    HTTPS
}
