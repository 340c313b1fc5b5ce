package io.github.httpssetup.maven;

import io.github.httpssetup.core.HttpsSetup;
import java.util.ArrayList;
import java.util.List;
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
        getLog().info(configFile.getName() + " is valid: stack " + setup.stack() + " in " + setup.region() + ", "
                + served(setup));
    }

    /** The URL and how many names more; with sites, how many, and each one's name, URL and names more. */
    static String served(HttpsSetup setup) {
        if (setup.sites().isEmpty()) {
            return setup.url() + more(setup.allNames().size());
        }
        List<String> sites = new ArrayList<>();
        setup.sites()
                .forEach((name, site) -> sites.add(
                        name + " " + setup.siteUrl(name) + more(site.allNames().size())));
        return setup.sites().size() + " sites: " + String.join(", ", sites);
    }

    private static String more(int names) {
        return names > 1 ? " (+" + (names - 1) + " names)" : "";
    }
}
