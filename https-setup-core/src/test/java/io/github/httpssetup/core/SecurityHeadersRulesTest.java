package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15, security headers: what {@code build()} refuses before any AWS call, and the headers' values. */
class SecurityHeadersRulesTest {

    private static final String PATH = "listeners.https.securityHeaders";

    private static HttpsSetup.Builder valid() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0123456789abcdef0"));
    }

    /** The problems {@code build()} reports, as {@code path: message}; empty when it builds. */
    private static List<String> violations(java.util.function.Consumer<SecurityHeadersSpec.Builder> headers) {
        try {
            valid().httpsListener(l -> l.securityHeaders(headers)).build();
            return List.of();
        } catch (InvalidSpecException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
    }

    @Test
    void recommended_isValid_andSendsTheSensibleSet() {
        HttpsSetup setup = valid().httpsListener(l -> l.securityHeaders(SecurityHeadersSpec.recommended()))
                .build();

        SecurityHeadersSpec headers = setup.httpsListener().securityHeaders().orElseThrow();
        assertThat(headers.strictTransportSecurity())
                .hasValueSatisfying(h -> assertThat(h.headerValue()).isEqualTo("max-age=31536000"));
        assertThat(headers.contentTypeOptions()).isTrue();
        assertThat(headers.frameOptions()).contains(FrameOptions.SAMEORIGIN);
        assertThat(headers.contentSecurityPolicy()).isEmpty();
        assertThat(headers.removeServerHeader()).isTrue();
    }

    @Test
    void theOptionIsOffByDefault() {
        assertThat(valid().build().httpsListener().securityHeaders()).isEmpty();
    }

    @Test
    void strictTransportSecurity_headerValue_spellsEachDirective() {
        assertThat(StrictTransportSecuritySpec.builder()
                        .maxAge(Duration.ofDays(730))
                        .includeSubDomains(true)
                        .preload(true)
                        .build()
                        .headerValue())
                .isEqualTo("max-age=63072000; includeSubDomains; preload");
    }

    @Test
    void aContentSecurityPolicy_outsidePrintableAscii_tooLong_orEmpty_isRefusedAtItsPath() {
        assertThat(violations(h -> h.contentSecurityPolicy("default-src 'self'\n")))
                .containsExactly(PATH + ".contentSecurityPolicy: has a control character at position 19: ALB takes"
                        + " header values in printable ASCII only (letters, digits, spaces and punctuation); write it"
                        + " without, or percent-encode it in URLs");
        assertThat(violations(h -> h.contentSecurityPolicy("default-src 'self' https://bücher.example")))
                .singleElement()
                .asString()
                .contains("the character 'ü' at position 29");
        assertThat(violations(h -> h.contentSecurityPolicy("a".repeat(1025))))
                .containsExactly(PATH + ".contentSecurityPolicy: is 1025 characters long; ALB takes at most 1024"
                        + " characters per header value: shorten it");
        assertThat(violations(h -> h.contentSecurityPolicy("a".repeat(1024)))).isEmpty();
        assertThat(violations(h -> h.contentSecurityPolicy(" ")))
                .singleElement()
                .asString()
                .contains("is empty");
    }

    @Test
    void strictTransportSecurity_outOfRange_orPreloadWithoutItsConditions_isRefused() {
        assertThat(violations(h -> h.strictTransportSecurity(s -> s.maxAge(Duration.ofDays(731)))))
                .containsExactly(
                        PATH + ".strictTransportSecurity.maxAge: 17544h is out of range (0s-730d): two years is"
                                + " the longest max-age the HSTS preload list suggests");
        assertThat(violations(h -> h.strictTransportSecurity(s -> s.maxAge(Duration.ofMillis(1500)))))
                .singleElement()
                .asString()
                .contains("is not a whole number of seconds");
        assertThat(violations(h -> h.strictTransportSecurity(s -> s.preload(true))))
                .containsExactly(PATH + ".strictTransportSecurity.preload: needs includeSubDomains: true (the browsers'"
                        + " preload list covers every subdomain); set it, or remove preload");
        assertThat(violations(h -> h.strictTransportSecurity(
                        s -> s.preload(true).includeSubDomains(true).maxAge(Duration.ofDays(30)))))
                .singleElement()
                .asString()
                .contains("at least 365d");
    }

    @Test
    void build_refusesBadHeaders_withInvalidSpecException() {
        assertThatThrownBy(() -> valid().httpsListener(l -> l.securityHeaders(h -> h.contentSecurityPolicy("\t")))
                        .build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(PATH + ".contentSecurityPolicy");
    }
}
