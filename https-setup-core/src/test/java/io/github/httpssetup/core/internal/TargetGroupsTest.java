package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.TargetProtocol;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** The pure part of {@link TargetGroups}: its name, and the comparison of wanted and actual values. */
class TargetGroupsTest {

    static HttpsSetup.Builder spec() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("eu-west-1")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0123456789abcdef0"));
    }

    static Run plan(HttpsSetup spec) {
        return new Run(
                spec,
                null,
                Run.Mode.PLAN,
                EngineConfig.builder().listener(e -> {}).build());
    }

    @Test
    void name_isTheStackTgAndSixHexOfProtocolPortAndVpc() {
        String name = TargetGroups.name("shop", TargetProtocol.HTTP, 8080, "vpc-1");

        assertThat(name)
                .matches("shop-tg-[0-9a-f]{6}")
                .isEqualTo("shop-tg-" + HostedZones.sha256("HTTP:8080:vpc-1").substring(0, 6))
                .isEqualTo(TargetGroups.name("shop", TargetProtocol.HTTP, 8080, "vpc-1"));
        assertThat(TargetGroups.name("shop", TargetProtocol.HTTP, 9090, "vpc-1"))
                .isNotEqualTo(name);
        assertThat(TargetGroups.name("shop", TargetProtocol.HTTPS, 8080, "vpc-1"))
                .isNotEqualTo(name);
        assertThat(TargetGroups.name("shop", TargetProtocol.HTTP, 8080, "vpc-2"))
                .isNotEqualTo(name);
    }

    @Test
    void name_ofTheLongestStack_fitsTheElb32CharacterLimit() {
        String stack = "a".repeat(HttpsSetup.MAX_STACK_LENGTH);

        assertThat(TargetGroups.name(stack, TargetProtocol.HTTPS, 65535, "vpc-0123456789abcdef0"))
                .hasSizeLessThanOrEqualTo(32);
    }

    @Test
    void nameOf_readsTheNameOutOfTheArn() {
        assertThat(
                        TargetGroups.nameOf(
                                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-tg-abc123/0123456789abcdef"))
                .isEqualTo("shop-tg-abc123");
        assertThat(TargetGroups.nameOf("not-an-arn")).isEqualTo("not-an-arn");
    }

    @Test
    void differences_listsOnlyTheChangedValues_fromActualToWanted() {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("healthCheck.path", "/actuator/health");
        wanted.put("healthCheck.port", "traffic-port");
        wanted.put("stickiness.enabled", "false");

        assertThat(TargetGroups.differences(
                        Map.of("healthCheck.path", "/", "healthCheck.port", "traffic-port"), wanted))
                .containsExactly(
                        new AttributeChange("healthCheck.path", "/", "/actuator/health"),
                        new AttributeChange("stickiness.enabled", null, "false"));
        assertThat(TargetGroups.differences(wanted, wanted)).isEmpty();
    }

    @Test
    void wantedHealthCheck_defaultsToTheTrafficPortAndTheTargetsProtocol() {
        TargetGroups group = new TargetGroups(
                plan(spec().targets(t -> t.instanceIds("i-0123456789abcdef0").protocol(TargetProtocol.HTTPS))
                        .build()));

        assertThat(group.wantedHealthCheck())
                .containsExactly(
                        entry("healthCheck.protocol", "HTTPS"), entry("healthCheck.port", "traffic-port"),
                        entry("healthCheck.path", "/"), entry("healthCheck.matcher", "200"),
                        entry("healthCheck.interval", "30"), entry("healthCheck.timeout", "5"),
                        entry("healthCheck.healthyThreshold", "5"), entry("healthCheck.unhealthyThreshold", "2"));
    }

    @Test
    void wantedHealthCheck_matchesWhatTheTargetGroupReportsForTheSameValues() {
        TargetGroups group = new TargetGroups(plan(spec().targets(t -> t.instanceIds("i-0123456789abcdef0")
                        .healthCheck(h -> h.path("/health")
                                .port(9000)
                                .matcher("200-299")
                                .interval(Duration.ofSeconds(15))
                                .timeout(Duration.ofSeconds(4))
                                .healthyThreshold(3)
                                .unhealthyThreshold(4)))
                .build()));
        TargetGroup actual = TargetGroup.builder()
                .healthCheckProtocol(ProtocolEnum.HTTP)
                .healthCheckPort("9000")
                .healthCheckPath("/health")
                .matcher(m -> m.httpCode("200-299"))
                .healthCheckIntervalSeconds(15)
                .healthCheckTimeoutSeconds(4)
                .healthyThresholdCount(3)
                .unhealthyThresholdCount(4)
                .build();

        assertThat(TargetGroups.differences(TargetGroups.actualHealthCheck(actual), group.wantedHealthCheck()))
                .isEmpty();
    }

    @Test
    void wantedAttributes_setStickinessOnlyWhenAsked() {
        assertThat(new TargetGroups(plan(spec().build())).wantedAttributes())
                .containsExactly(
                        entry("deregistration_delay.timeout_seconds", "300"), entry("stickiness.enabled", "false"));
        assertThat(new TargetGroups(plan(spec().targets(t -> t.instanceIds("i-0123456789abcdef0")
                                        .deregistrationDelay(Duration.ofSeconds(30))
                                        .stickiness(Duration.ofHours(1)))
                                .build()))
                        .wantedAttributes())
                .containsExactly(
                        entry("deregistration_delay.timeout_seconds", "30"),
                        entry("stickiness.enabled", "true"),
                        entry("stickiness.type", "lb_cookie"),
                        entry("stickiness.lb_cookie.duration_seconds", "3600"));
    }

    @Test
    void defaults_needNoAttributeCallAfterTheCreate() {
        assertThat(TargetGroups.differences(
                        TargetGroups.ELB_DEFAULTS, new TargetGroups(plan(spec().build())).wantedAttributes()))
                .isEmpty();
    }
}
