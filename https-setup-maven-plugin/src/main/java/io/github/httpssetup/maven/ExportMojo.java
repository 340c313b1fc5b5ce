package io.github.httpssetup.maven;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.export.CloudFormationTemplate;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the stack as a CloudFormation template (JSON), for CloudFormation to own: the same resources, names and
 * settings apply would create. Reads only, like plan.
 */
@Mojo(name = ExportMojo.GOAL, threadSafe = true, requiresProject = false)
public final class ExportMojo extends AbstractHttpsSetupMojo {
    static final String GOAL = "export";

    /** Where the template goes. */
    @Parameter(
            property = "https-setup.exportFile",
            defaultValue = "${project.build.directory}/https-setup/cloudformation.json")
    File exportFile;

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    void run() throws MojoFailureException {
        HttpsSetup setup = setup();
        CloudFormationTemplate template = executor().export(setup);
        template.warnings().forEach(getLog()::warn);
        Path file = (exportFile == null ? new File("target/https-setup/cloudformation.json") : exportFile).toPath();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, template.toJson());
        } catch (IOException e) {
            throw new MojoFailureException(
                    "Could not write the template to " + file + ": " + e.getMessage()
                            + ". Point -Dhttps-setup.exportFile at a writable path.",
                    e);
        }
        info("CloudFormation template of stack " + setup.stack() + " written to " + file + " ("
                + template.logicalIds().size()
                + " resources). Deploy it with: aws cloudformation deploy --template-file " + file + " --stack-name "
                + setup.stack() + " --region " + setup.region());
    }
}
