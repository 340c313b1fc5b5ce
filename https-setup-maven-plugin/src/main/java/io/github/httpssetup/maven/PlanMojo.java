package io.github.httpssetup.maven;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.report.JsonReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Shows what apply would change, without changing anything. With failOnChanges it is a drift check for CI. */
@Mojo(name = PlanMojo.GOAL, threadSafe = true, requiresProject = false)
public final class PlanMojo extends AbstractHttpsSetupMojo {
    static final String GOAL = "plan";

    /** Fail the build when AWS differs from the description (or a conflict blocks apply). */
    @Parameter(property = "https-setup.failOnChanges", defaultValue = "false")
    boolean failOnChanges;

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    JsonReport.Command reportCommand() {
        return JsonReport.Command.PLAN;
    }

    @Override
    void run() throws MojoFailureException {
        HttpsSetup setup = setup();
        Plan plan = executor().plan(setup);
        info(plan.render());
        report(JsonReport.of(plan).withDuration(elapsed()).withApiCalls(calls.snapshot()));
        if (failOnChanges && (plan.hasChanges() || plan.hasConflicts())) {
            throw new MojoFailureException("AWS differs from " + configFile.getName() + ": " + plan.summary()
                    + " Run mvn https-setup:apply to converge it (failOnChanges is set).");
        }
    }
}
