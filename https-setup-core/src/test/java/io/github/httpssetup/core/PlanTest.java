package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static final Change CREATE_CERT = new Change(
            ChangeAction.CREATE,
            ResourceKind.CERTIFICATE,
            "example.com, www.example.com",
            null,
            List.of(
                    new AttributeChange("names", null, "example.com, www.example.com"),
                    new AttributeChange("arn", null, AttributeChange.KNOWN_AFTER_APPLY)),
            "");
    private static final Change UPDATE_TG = new Change(
            ChangeAction.UPDATE,
            ResourceKind.TARGET_GROUP,
            "shop-tg-1a2b3c",
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-tg-1a2b3c/0123456789abcdef",
            List.of(new AttributeChange("healthCheck.path", "/", "/actuator/health")),
            "health check changed");
    private static final Change ZONE =
            Change.of(ChangeAction.UNCHANGED, ResourceKind.HOSTED_ZONE, "example.com", "Z123", "");
    private static final Change CONFLICT = Change.of(
            ChangeAction.CONFLICT,
            ResourceKind.LOAD_BALANCER,
            "shop-https",
            "arn:lb",
            "exists but is not owned by stack shop");

    @Test
    void render_showsEachResourceWithItsAttributesAndTheSummary() {
        Plan plan = new Plan("shop", "eu-west-1", List.of(ZONE, CREATE_CERT, UPDATE_TG));

        assertThat(plan.render())
                .isEqualTo(String.join(
                        "\n",
                        "https-setup plan for stack \"shop\" in eu-west-1",
                        "",
                        "      hosted zone example.com [Z123] (unchanged)",
                        "  +   certificate example.com, www.example.com",
                        "        names: \"example.com, www.example.com\"",
                        "        arn: (known after apply)",
                        "  ~   target group shop-tg-1a2b3c [arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-tg-1a2b3c/0123456789abcdef] (health check changed)",
                        "        healthCheck.path: \"/\" -> \"/actuator/health\"",
                        "",
                        "Plan: 1 to create, 1 to update, 0 to replace, 0 to delete, 1 unchanged, 0 conflicts."));
    }

    @Test
    void render_whenNothingDiffers_saysNoChanges() {
        Plan plan = new Plan("shop", "eu-west-1", List.of(ZONE));

        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.render())
                .endsWith("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 unchanged, 0 conflicts."
                        + "\nNo changes. AWS matches the description.");
    }

    @Test
    void render_whenConflicts_explainsHowToResolve_andCountsOneConflict() {
        Plan plan = new Plan("shop", "eu-west-1", List.of(ZONE, CONFLICT));

        assertThat(plan.hasConflicts()).isTrue();
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.render())
                .contains("  !   load balancer shop-https [arn:lb] (exists but is not owned by stack shop)")
                .contains("1 conflict.")
                .contains("set adopt: true");
    }

    @Test
    void conflictException_listsTheConflictsAndTheWayOut() {
        ConflictException e = new ConflictException(List.of(CONFLICT));

        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Apply refused, nothing was changed: 1 resource exists that the stack does not own:"
                                + "\n  ! load balancer shop-https (exists but is not owned by stack shop)"
                                + "\nSet adopt: true to take them over (they will be tagged and changed to match), or remove or rename them.");
    }

    @Test
    void counts_countEveryAction() {
        Plan plan = new Plan("shop", "eu-west-1", List.of(ZONE, CREATE_CERT, UPDATE_TG, CONFLICT));

        assertThat(plan.counts())
                .containsEntry(ChangeAction.CREATE, 1)
                .containsEntry(ChangeAction.UPDATE, 1)
                .containsEntry(ChangeAction.UNCHANGED, 1)
                .containsEntry(ChangeAction.CONFLICT, 1)
                .containsEntry(ChangeAction.DELETE, 0);
    }
}
