package io.github.httpssetup.maven;

import io.github.httpssetup.core.DestroyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.report.JsonReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Deletes what the stack owns. Refuses unless confirmed with the stack's name: {@code -Dhttps-setup.confirm=<stack>}. */
@Mojo(name = DestroyMojo.GOAL, threadSafe = true, requiresProject = false)
public final class DestroyMojo extends AbstractHttpsSetupMojo {
    static final String GOAL = "destroy";

    /** Must equal the stack's name. */
    @Parameter(property = "https-setup.confirm")
    String confirm;

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    JsonReport.Command reportCommand() {
        return JsonReport.Command.DESTROY;
    }

    @Override
    void run() throws MojoFailureException {
        HttpsSetup setup = setup();
        if (!setup.stack().equals(blankToNull(confirm) == null ? null : confirm.trim())) {
            throw new MojoFailureException(
                    "destroy deletes the load balancer, listeners, target group, security groups,"
                            + " certificate and DNS records of stack " + setup.stack() + " in " + setup.region()
                            + ". Nothing was changed. To confirm, run again with -Dhttps-setup.confirm="
                            + setup.stack());
        }
        DestroyResult result = executor().destroy(setup);
        info(result.render());
        report(JsonReport.of(result).withStack(setup.stack(), setup.region()));
    }
}
