package io.github.httpssetup.maven;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.report.JsonReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Converges AWS to the description, then prints the URL, the load balancer, the certificate and the name servers. */
@Mojo(name = ApplyMojo.GOAL, threadSafe = true, requiresProject = false)
public final class ApplyMojo extends AbstractHttpsSetupMojo {
    static final String GOAL = "apply";

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    JsonReport.Command reportCommand() {
        return JsonReport.Command.APPLY;
    }

    @Override
    void run() throws MojoFailureException {
        HttpsSetup setup = setup();
        ApplyResult result = executor().apply(setup);
        info(result.render());
        report(JsonReport.of(result).withStack(setup.stack(), setup.region()));
    }
}
