package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bucket policy the load balancer's access logs need, per region, and the check of a given policy. */
class AccessLogDeliveryTest {

    private static final String ACCOUNT = "111122223333";

    @Test
    void policy_inARegionOpenedBeforeAugust2022_grantsTheRegionsElbAccount_underThePrefixAndAccount() {
        AccessLogDelivery seoul = new AccessLogDelivery("ap-northeast-2", "shop-logs", Optional.of("prod"));

        assertThat(seoul.statement(ACCOUNT))
                .isEqualTo("{\"Sid\": \"HttpsSetupElbAccessLogs\", \"Effect\": \"Allow\","
                        + " \"Principal\": {\"AWS\": \"arn:aws:iam::600734575887:root\"}, \"Action\": \"s3:PutObject\","
                        + " \"Resource\": \"arn:aws:s3:::shop-logs/prod/AWSLogs/111122223333/*\"}");
        assertThat(seoul.allows(seoul.policy(ACCOUNT), ACCOUNT)).isTrue();
    }

    @Test
    void policy_inANewerRegion_grantsTheLogDeliveryServicePrincipal() {
        AccessLogDelivery hyderabad = new AccessLogDelivery("ap-south-2", "shop-logs", Optional.empty());

        assertThat(hyderabad.statement(ACCOUNT))
                .contains("\"Principal\": {\"Service\":" + " \"logdelivery.elasticloadbalancing.amazonaws.com\"}")
                .contains("\"Resource\": \"arn:aws:s3:::shop-logs/AWSLogs/111122223333/*\"");
        assertThat(hyderabad.allows(hyderabad.policy(ACCOUNT), ACCOUNT)).isTrue();
    }

    @Test
    void policy_inChinaAndGovCloud_usesThePartitionsArns() {
        assertThat(new AccessLogDelivery("cn-north-1", "b-logs", Optional.empty()).statement(ACCOUNT))
                .contains("arn:aws-cn:iam::638102146993:root")
                .contains("arn:aws-cn:s3:::b-logs/AWSLogs/");
        assertThat(new AccessLogDelivery("us-gov-west-1", "b-logs", Optional.empty()).statement(ACCOUNT))
                .contains("arn:aws-us-gov:iam::048591011584:root");
    }

    @Test
    void allows_acceptsWildcardsAndTheBareAccountId_andRefusesWhatDoesNotCoverTheLogKeys() {
        AccessLogDelivery d = new AccessLogDelivery("eu-west-1", "logs", Optional.of("alb"));
        String elb = "156460612806";

        assertThat(d.allows(policy("{\"AWS\": \"" + elb + "\"}", "s3:PutObject", "arn:aws:s3:::logs/*"), ACCOUNT))
                .isTrue();
        assertThat(d.allows(policy("\"*\"", "s3:*", "arn:aws:s3:::logs/alb/AWSLogs/" + ACCOUNT + "/*"), ACCOUNT))
                .isTrue();
        assertThat(d.allows(
                        policy(
                                "{\"AWS\": [\"arn:aws:iam::" + elb + ":root\"]}",
                                "[\"s3:PutObject\"]",
                                "[\"arn:aws:s3:::logs/alb/*\"]"),
                        ACCOUNT))
                .isTrue();
        assertThat(d.allows(policy("{\"AWS\": \"" + elb + "\"}", "s3:GetObject", "arn:aws:s3:::logs/*"), ACCOUNT))
                .as("another action")
                .isFalse();
        assertThat(d.allows(policy("{\"AWS\": \"127311923021\"}", "s3:PutObject", "arn:aws:s3:::logs/*"), ACCOUNT))
                .as("another region's ELB account")
                .isFalse();
        assertThat(d.allows(policy("{\"AWS\": \"" + elb + "\"}", "s3:PutObject", "arn:aws:s3:::logs/other/*"), ACCOUNT))
                .as("another prefix")
                .isFalse();
        assertThat(d.allows(
                        policy(
                                "{\"AWS\": \"" + elb + "\"}",
                                "s3:PutObject",
                                "arn:aws:s3:::logs/alb/AWSLogs/" + "999988887777/*"),
                        ACCOUNT))
                .as("another account's logs")
                .isFalse();
        assertThat(d.allows(null, ACCOUNT)).isFalse();
        assertThat(d.allows("not json", ACCOUNT)).isFalse();
    }

    @Test
    void allows_whenTheAccountIsNotKnownYet_acceptsTheAccountTheResourceNames() {
        AccessLogDelivery d = new AccessLogDelivery("eu-west-1", "logs", Optional.empty());

        assertThat(d.allows(d.policy(ACCOUNT), AccessLogDelivery.UNKNOWN_ACCOUNT))
                .isTrue();
        assertThat(AccessLogDelivery.accountOf("arn:aws:elasticloadbalancing:eu-west-1:" + ACCOUNT
                        + ":loadbalancer/app/shop-https/50dc6c495c0c9188"))
                .isEqualTo(ACCOUNT);
        assertThat(AccessLogDelivery.accountOf(null)).isEqualTo(AccessLogDelivery.UNKNOWN_ACCOUNT);
    }

    private static String policy(String principal, String action, String resource) {
        String a = action.startsWith("[") ? action : "\"" + action + "\"";
        String r = resource.startsWith("[") ? resource : "\"" + resource + "\"";
        return "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": " + principal
                + ", \"Action\": " + a + ", \"Resource\": " + r + "}}";
    }
}
