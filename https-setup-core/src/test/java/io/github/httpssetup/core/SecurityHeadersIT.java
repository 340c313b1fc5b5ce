package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * Issue 15, security headers on the HTTPS listener, against the strict profile (which answers ALB's listener
 * attributes and refuses values ALB refuses): created, a no-op re-apply, changed, removed, destroyed; a stack without
 * the option never reads the listener's attributes.
 */
@AwsEmulatorTest
class SecurityHeadersIT {

    private static final String DESCRIBE = "ElasticLoadBalancingV2:DescribeListenerAttributes";
    private static final String MODIFY = "ElasticLoadBalancingV2:ModifyListenerAttributes";
    private static final String HSTS = "routing.http.response.strict_transport_security.header_value";
    private static final String NOSNIFF = "routing.http.response.x_content_type_options.header_value";
    private static final String FRAME = "routing.http.response.x_frame_options.header_value";
    private static final String CSP = "routing.http.response.content_security_policy.header_value";
    private static final String SERVER = "routing.http.response.server.enabled";

    private ReferenceWorld fx;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(1, 2, false).withZone();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private HttpsSetup with(SecurityHeadersSpec headers) {
        return fx.spec().httpsListener(h -> h.securityHeaders(headers)).build();
    }

    @Test
    void securityHeaders_areCreatedKeptChangedRemovedAndDestroyed_andAStackWithoutThemNeverReadsThem() {
        // create: recommended
        Plan planned = fx.executor().plan(with(SecurityHeadersSpec.recommended()));
        assertThat(planned.changes())
                .filteredOn(c -> c.kind() == ResourceKind.HTTPS_LISTENER)
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .extracting(AttributeChange::attribute, AttributeChange::after)
                        .contains(org.assertj.core.groups.Tuple.tuple(
                                "responseHeaders.Strict-Transport-Security", "max-age=31536000")));
        ApplyResult created = fx.executor().apply(with(SecurityHeadersSpec.recommended()));
        String https = httpsListener(created.outputs().loadBalancerArn()).listenerArn();
        assertThat(attributes(https))
                .containsEntry(HSTS, "max-age=31536000")
                .containsEntry(NOSNIFF, "nosniff")
                .containsEntry(FRAME, "SAMEORIGIN")
                .containsEntry(CSP, "")
                .containsEntry(SERVER, "false");
        assertThat(tags(https)).containsEntry("https-setup:security-headers", "on");

        // no-op
        ApplyResult again = fx.executor().apply(with(SecurityHeadersSpec.recommended()));
        assertThat(again.apiCalls().writes()).isZero();

        // change: no HSTS, DENY, a CSP, the Server header kept
        SecurityHeadersSpec custom = SecurityHeadersSpec.builder()
                .frameOptions(FrameOptions.DENY)
                .contentSecurityPolicy("default-src 'self'")
                .build();
        ApplyResult changed = fx.executor().apply(with(custom));
        assertThat(changed.apiCalls().writes()).isEqualTo(1);
        assertThat(changed.apiCalls().byOperation()).containsEntry(MODIFY, 1);
        assertThat(attributes(https))
                .containsEntry(HSTS, "")
                .containsEntry(NOSNIFF, "")
                .containsEntry(FRAME, "DENY")
                .containsEntry(CSP, "default-src 'self'")
                .containsEntry(SERVER, "true");

        // removal: every header back to ALB's default, the listener tagged off; then never read again
        HttpsSetup reference = fx.spec().build();
        Plan removal = fx.executor().plan(reference);
        assertThat(removal.changes().stream().filter(c -> c.action().writes()).toList())
                .singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(ResourceKind.HTTPS_LISTENER));
        ApplyResult removed = fx.executor().apply(reference);
        assertThat(removed.apiCalls().byOperation())
                .containsEntry(MODIFY, 1)
                .containsEntry("ElasticLoadBalancingV2:AddTags", 1);
        assertThat(attributes(https))
                .containsEntry(FRAME, "")
                .containsEntry(CSP, "")
                .containsEntry(SERVER, "true");
        assertThat(tags(https)).containsEntry("https-setup:security-headers", "off");
        ApplyResult off = fx.executor().apply(reference);
        assertThat(off.apiCalls().writes()).isZero();
        assertThat(off.apiCalls().byOperation()).doesNotContainKey(DESCRIBE);

        DestroyResult gone = fx.executor().destroy(reference);
        assertThat(gone.deleted()).extracting(Change::kind).contains(ResourceKind.HTTPS_LISTENER);
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        fx.assertPolicyAllowsEveryCall(reference);
    }

    private Listener httpsListener(String loadBalancerArn) {
        return fx.elb.describeListeners(r -> r.loadBalancerArn(loadBalancerArn)).listeners().stream()
                .filter(l -> l.port() == 443)
                .findFirst()
                .orElseThrow();
    }

    private Map<String, String> attributes(String listenerArn) {
        return fx.elb.describeListenerAttributes(r -> r.listenerArn(listenerArn)).attributes().stream()
                .collect(Collectors.toMap(ListenerAttribute::key, ListenerAttribute::value));
    }

    private Map<String, String> tags(String arn) {
        return fx.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
