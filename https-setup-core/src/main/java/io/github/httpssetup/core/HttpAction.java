package io.github.httpssetup.core;

/** What the plain-HTTP listener does with a request. */
public enum HttpAction {
    /** Redirect to the same URL over HTTPS with a 301 (the default). */
    REDIRECT,
    /** Forward to the targets like the HTTPS listener does, so the application is also served over plain HTTP. */
    FORWARD,
    /** No HTTP listener at all: the load balancer answers on its HTTPS port only. */
    NONE
}
