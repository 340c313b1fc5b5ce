package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;

class ListenerActionTest {

    private static final String TG =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/0123456789abcdef";
    private static final String OTHER_TG =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/old/fedcba9876543210";

    @Test
    void matches_whenRedirectOmitsHostPathQuery_treatsThemAsDefaults() {
        Action moto = Action.builder()
                .type(ActionTypeEnum.REDIRECT)
                .redirectConfig(c -> c.protocol("HTTPS").port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_301))
                .build();

        assertThat(ListenerAction.redirectToHttps(443).matches(List.of(moto))).isTrue();
    }

    @Test
    void matches_whenRedirectSpellsOutTheDefaults_asAwsDoes() {
        Action aws = Action.builder()
                .type(ActionTypeEnum.REDIRECT)
                .redirectConfig(c -> c.protocol("HTTPS")
                        .port("443")
                        .host("#{host}")
                        .path("/#{path}")
                        .query("#{query}")
                        .statusCode(RedirectActionStatusCodeEnum.HTTP_301))
                .build();

        assertThat(ListenerAction.redirectToHttps(443).matches(List.of(aws))).isTrue();
    }

    @Test
    void matches_whenRedirectDiffersInPortStatusOrPath_isFalse() {
        ListenerAction wanted = ListenerAction.redirectToHttps(443);

        assertThat(wanted.matches(List.of(redirect("8443", RedirectActionStatusCodeEnum.HTTP_301, null))))
                .isFalse();
        assertThat(wanted.matches(List.of(redirect("443", RedirectActionStatusCodeEnum.HTTP_302, null))))
                .isFalse();
        assertThat(wanted.matches(List.of(redirect("443", RedirectActionStatusCodeEnum.HTTP_301, "/maintenance"))))
                .isFalse();
    }

    @Test
    void matches_whenRedirectProtocolIsLowerCase_ignoresCase() {
        Action lower = Action.builder()
                .type(ActionTypeEnum.REDIRECT)
                .redirectConfig(c -> c.protocol("https").port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_301))
                .build();

        assertThat(ListenerAction.redirectToHttps(443).matches(List.of(lower))).isTrue();
    }

    @Test
    void matches_forward_findsTheGroupInTargetGroupArnOrInAOneGroupForwardConfig() {
        Action plain =
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(TG).build();
        Action config = Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(TG).weight(1)))
                .build();
        Action both = plain.toBuilder().forwardConfig(config.forwardConfig()).build();

        assertThat(ListenerAction.forward(TG).matches(List.of(plain))).isTrue();
        assertThat(ListenerAction.forward(TG).matches(List.of(config))).isTrue();
        assertThat(ListenerAction.forward(TG).matches(List.of(both))).isTrue();
        assertThat(ListenerAction.forward(OTHER_TG).matches(List.of(plain))).isFalse();
    }

    @Test
    void matches_whenForwardIsWeightedOrThereAreSeveralActions_isFalse() {
        Action weighted = Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(
                        t -> t.targetGroupArn(TG).weight(1),
                        t -> t.targetGroupArn(OTHER_TG).weight(1)))
                .build();
        Action plain =
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(TG).build();
        Action fixed = Action.builder()
                .type(ActionTypeEnum.FIXED_RESPONSE)
                .fixedResponseConfig(c -> c.statusCode("503"))
                .build();

        assertThat(ListenerAction.forward(TG).matches(List.of(weighted))).isFalse();
        assertThat(ListenerAction.forward(TG).matches(List.of(fixed, plain))).isFalse();
        assertThat(ListenerAction.forward(TG).matches(List.of(fixed))).isFalse();
    }

    @Test
    void matches_whenTheTargetGroupIsNotKnownYet_isFalse_soThePlanShowsAnUpdate() {
        Action plain =
                Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(TG).build();

        assertThat(ListenerAction.forward(null).matches(List.of(plain))).isFalse();
        assertThat(ListenerAction.forward(null).toString()).isEqualTo("forward to (known after apply)");
    }

    @Test
    void toAws_redirect_spellsOutHostPathAndQuery() {
        Action action = ListenerAction.redirectToHttps(8443).toAws();

        assertThat(action.type()).isEqualTo(ActionTypeEnum.REDIRECT);
        assertThat(action.redirectConfig().protocol()).isEqualTo("HTTPS");
        assertThat(action.redirectConfig().port()).isEqualTo("8443");
        assertThat(action.redirectConfig().host()).isEqualTo("#{host}");
        assertThat(action.redirectConfig().path()).isEqualTo("/#{path}");
        assertThat(action.redirectConfig().query()).isEqualTo("#{query}");
        assertThat(action.redirectConfig().statusCode()).isEqualTo(RedirectActionStatusCodeEnum.HTTP_301);
    }

    @Test
    void describe_readsAsThePlanShowsIt() {
        assertThat(ListenerAction.describe(List.of(redirect("443", RedirectActionStatusCodeEnum.HTTP_302, "/x"))))
                .isEqualTo("redirect (HTTP_302) to HTTPS port 443, path /x");
        assertThat(ListenerAction.describe(List.of(Action.builder()
                        .type(ActionTypeEnum.FORWARD)
                        .targetGroupArn(TG)
                        .build())))
                .isEqualTo("forward to " + TG);
        assertThat(ListenerAction.describe(List.of(
                        Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).build())))
                .isEqualTo("fixed-response");
        assertThat(ListenerAction.describe(List.of())).isEqualTo("none");
    }

    private static Action redirect(String port, RedirectActionStatusCodeEnum status, String path) {
        return Action.builder()
                .type(ActionTypeEnum.REDIRECT)
                .redirectConfig(c -> c.protocol("HTTPS").port(port).path(path).statusCode(status))
                .build();
    }

    // ---- the weight-0 step of a target group replacement ----

    @Test
    void joining_keepsTheReplacedGroupsAtWeight1_andAddsTheNewOneAtWeight0_whichIsJoiningRecognises() {
        Action joining = ListenerAction.joining(java.util.List.of("arn:old"), "arn:new");

        assertThat(joining.forwardConfig().targetGroups())
                .extracting(t -> t.targetGroupArn() + "=" + t.weight())
                .containsExactly("arn:old=1", "arn:new=0");
        assertThat(ListenerAction.forwardedGroups(java.util.List.of(joining))).containsExactly("arn:new", "arn:old");
        assertThat(ListenerAction.isJoining(java.util.List.of(joining), java.util.List.of("arn:old"), "arn:new"))
                .isTrue();
        assertThat(ListenerAction.isJoining(java.util.List.of(joining), java.util.List.of("arn:other"), "arn:new"))
                .isFalse();
        assertThat(ListenerAction.isJoining(
                        java.util.List.of(ListenerAction.forward("arn:old").toAws()),
                        java.util.List.of("arn:old"),
                        "arn:new"))
                .isFalse();
        assertThat(ListenerAction.of(java.util.List.of(joining)))
                .as("a weighted forward is not a plain forward")
                .isEmpty();
    }
}
