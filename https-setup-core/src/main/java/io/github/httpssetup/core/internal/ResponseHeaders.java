package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.SecurityHeadersSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issue 15, security headers: the HTTPS listener's attributes that add response headers (ALB header modification,
 * ListenerAttribute keys {@code routing.http.response.*}), as the description wants them. Every key is always
 * written with a value: a header not asked for gets AWS's default back ({@code ""}: not added; the {@code Server}
 * header kept), so removing a header from the description removes it from the listener.
 *
 * <p>A listener whose headers the stack set carries the tag {@link #TAG}{@code =on}, so that after
 * {@code securityHeaders} is removed from the description the next apply still knows to reset them (then tags it
 * {@code off}); a listener without it, on a stack without the option, is never read for its attributes.
 */
final class ResponseHeaders {

    static final String HSTS = "routing.http.response.strict_transport_security.header_value";
    static final String CONTENT_TYPE_OPTIONS = "routing.http.response.x_content_type_options.header_value";
    static final String FRAME_OPTIONS = "routing.http.response.x_frame_options.header_value";
    static final String CONTENT_SECURITY_POLICY = "routing.http.response.content_security_policy.header_value";
    static final String SERVER_ENABLED = "routing.http.response.server.enabled";
    /** The values ALB gives a new listener. */
    static final Map<String, String> AWS_DEFAULTS = Map.of(
            HSTS, "", CONTENT_TYPE_OPTIONS, "", FRAME_OPTIONS, "", CONTENT_SECURITY_POLICY, "", SERVER_ENABLED, "true");
    /** Marks a listener whose response headers the stack manages; its value is {@code on} or {@code off}. */
    static final String TAG = "https-setup:security-headers";

    private ResponseHeaders() {}

    /** Every managed attribute with the value the description wants ({@code null} = the option is off). */
    static Map<String, String> wanted(SecurityHeadersSpec headers) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(
                HSTS,
                headers == null
                        ? ""
                        : headers.strictTransportSecurity()
                                .map(h -> h.headerValue())
                                .orElse(""));
        wanted.put(CONTENT_TYPE_OPTIONS, headers != null && headers.contentTypeOptions() ? "nosniff" : "");
        wanted.put(
                FRAME_OPTIONS,
                headers == null
                        ? ""
                        : headers.frameOptions().map(f -> f.headerValue()).orElse(""));
        wanted.put(
                CONTENT_SECURITY_POLICY,
                headers == null ? "" : headers.contentSecurityPolicy().orElse(""));
        wanted.put(SERVER_ENABLED, String.valueOf(headers == null || !headers.removeServerHeader()));
        return wanted;
    }

    /** The wanted attributes whose current value differs; an attribute AWS does not list has its default. */
    static Map<String, String> changes(Map<String, String> current, Map<String, String> wanted) {
        Map<String, String> changes = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            String now = current.getOrDefault(key, AWS_DEFAULTS.get(key));
            if (!value.equals(now == null ? "" : now.trim())) {
                changes.put(key, value);
            }
        });
        return changes;
    }

    /** How a plan names an attribute: {@code responseHeaders.Strict-Transport-Security}. */
    static String label(String key) {
        switch (key) {
            case HSTS:
                return "responseHeaders.Strict-Transport-Security";
            case CONTENT_TYPE_OPTIONS:
                return "responseHeaders.X-Content-Type-Options";
            case FRAME_OPTIONS:
                return "responseHeaders.X-Frame-Options";
            case CONTENT_SECURITY_POLICY:
                return "responseHeaders.Content-Security-Policy";
            case SERVER_ENABLED:
                return "responseHeaders.Server (kept)";
            default:
                return key;
        }
    }

    /** How a plan shows a value: {@code (none)} for the empty value ALB uses for "not added". */
    static String shown(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }
}
