package io.github.httpssetup.maven;

import io.github.httpssetup.core.IamPolicy;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints the least-privilege IAM policy (JSON) that plan, apply and destroy of this description need. No AWS call. */
@Mojo(name = IamPolicyMojo.GOAL, threadSafe = true, requiresProject = false)
public final class IamPolicyMojo extends AbstractHttpsSetupMojo {
    static final String GOAL = "iam-policy";

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    void run() throws MojoFailureException {
        info(IamPolicy.of(setup()).toJson());
    }
}
