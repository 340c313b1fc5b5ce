package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Run}: a planned change completed with what apply learnt. */
class RunTest {

    @Test
    void withId_fillsTheIdAndTheKnownAfterApplyArn_only() {
        Change planned = new Change(
                ChangeAction.CREATE,
                ResourceKind.TARGET_GROUP,
                "shop-tg",
                null,
                List.of(
                        new AttributeChange("port", null, "8080"),
                        new AttributeChange("dnsName", null, AttributeChange.KNOWN_AFTER_APPLY),
                        new AttributeChange("arn", null, AttributeChange.KNOWN_AFTER_APPLY)),
                "");

        Change done = Run.withId(planned, "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-tg/1");

        assertThat(done.id()).isEqualTo("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-tg/1");
        assertThat(done.attributes())
                .containsExactly(
                        new AttributeChange("port", null, "8080"),
                        new AttributeChange("dnsName", null, AttributeChange.KNOWN_AFTER_APPLY),
                        new AttributeChange(
                                "arn", null, "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-tg/1"));
        assertThat(Run.withId(planned, null)).isSameAs(planned);
    }
}
