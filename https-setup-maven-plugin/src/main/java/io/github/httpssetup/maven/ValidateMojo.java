package io.github.httpssetup.maven;

import io.github.httpssetup.core.HttpsSetup;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Parses and validates https-setup.yaml: no credentials needed, no AWS call. */
@Mojo(name = ValidateMojo.GOAL, threadSafe = true, requiresProject = false)
public final class ValidateMojo extends AbstractHttpsSetupMojo {
    static final String GOAL = "validate";

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    void run() throws MojoFailureException {
        HttpsSetup setup = setup();
        getLog().info(configFile.getName() + " is valid: " + setup.summary());
    }
}
