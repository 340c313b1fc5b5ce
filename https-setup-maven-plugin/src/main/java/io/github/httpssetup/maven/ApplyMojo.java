package io.github.httpssetup.maven;

import io.github.httpssetup.core.ApplyResult;
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
    void run() throws MojoFailureException {
        ApplyResult result = executor().apply(setup());
        info(result.render());
    }
}
