package io.github.httpssetup.core;

/**
 * The {@code X-Frame-Options} response header: whether browsers may show the site's pages inside a frame. (ALB also
 * takes {@code ALLOW-FROM}, which today's browsers ignore; it is not offered.)
 */
public enum FrameOptions {
    /** No page may be framed at all. */
    DENY,
    /** Only pages of the same origin may frame the site's pages. */
    SAMEORIGIN;

    /** {@return the header's value, as ALB takes it: {@code DENY} or {@code SAMEORIGIN}} */
    public String headerValue() {
        return name();
    }
}
