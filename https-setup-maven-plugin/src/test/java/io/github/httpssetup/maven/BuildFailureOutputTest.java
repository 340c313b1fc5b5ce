package io.github.httpssetup.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What Maven prints when a goal fails, computed by Maven's own exception handler: the goal's message and then the
 * message of every cause it does not already contain. Each problem is printed once, without the core's or the SDK's
 * second wording of it.
 */
class BuildFailureOutputTest {

    private static final String VALID = "stack: shop\nregion: eu-west-1\ndomain:\n  name: example.com\ntargets:\n"
            + "  instanceIds: [i-0123456789abcdef0]\n  port: 8080\n";

    @TempDir
    Path dir;

    @Test
    void validate_whenInstanceTagsAreAList_printsOneProblem_withoutTheFollowOnThatThereAreNoInstances()
            throws Exception {
        String printed = printedByMaven(
                validate(VALID.replace("instanceIds: [i-0123456789abcdef0]", "instanceTags: [app, shop]")));

        assertThat(occurrences(printed, "expected a mapping of tag keys to values"))
                .as(printed)
                .isEqualTo(1);
        assertThat(printed)
                .as(printed)
                .doesNotContain("has no instances")
                .containsPattern("\\n1 problem in \\S*https-setup.yaml$");
    }

    @Test
    void validate_whenAValueIsOutOfRange_printsItOnce() throws Exception {
        String printed = printedByMaven(validate(VALID.replace("port: 8080", "port: 80800")));

        assertThat(occurrences(printed, "80800 is not a port")).as(printed).isEqualTo(1);
    }

    @Test
    void validate_withThreeProblems_printsEachOnce() throws Exception {
        String printed =
                printedByMaven(validate(VALID.replace("instanceIds: [i-0123456789abcdef0]", "instanceTags: [app, shop]")
                                .replace("port: 8080", "port: 80800")
                        + "stak: x\n"));

        assertThat(occurrences(printed, "expected a mapping of tag keys to values"))
                .as(printed)
                .isEqualTo(1);
        assertThat(occurrences(printed, "80800 is not a port")).as(printed).isEqualTo(1);
        assertThat(occurrences(printed, "unknown key 'stak'")).as(printed).isEqualTo(1);
        assertThat(printed)
                .doesNotContain("has no instances")
                .containsPattern("\\n3 problems in \\S*https-setup.yaml$");
    }

    @Test
    void apply_whenAwsRefusesACall_printsTheExplanationOnce_withoutTheSdksOwnWording() throws Exception {
        AwsServiceException refused = AwsServiceException.builder()
                .statusCode(400)
                .message("User is not authorized (Service:"
                        + " ElasticLoadBalancingV2, Status Code: 400, Request ID: 1)")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .errorMessage("User is not authorized")
                        .serviceName("ElasticLoadBalancingV2")
                        .build())
                .build();
        HttpsSetupException e = new HttpsSetupException(
                ErrorCode.AWS_ERROR,
                "ElasticLoadBalancingV2 refused a call:" + " AccessDenied: User is not authorized.",
                refused);

        MojoFailureException failure =
                AbstractHttpsSetupMojo.failure("https-setup:apply failed [AWS_ERROR]: " + e.getMessage(), e);
        String printed = printedByMaven(failure);

        assertThat(occurrences(printed, "User is not authorized")).as(printed).isEqualTo(1);
        assertThat(failure.getSuppressed()).as("kept for -e").containsExactly(e);
    }

    private MojoFailureException validate(String yaml) throws Exception {
        Path file = dir.resolve("https-setup.yaml");
        Files.writeString(file, yaml);
        ValidateMojo mojo = new ValidateMojo();
        mojo.configFile = file.toFile();
        return catchThrowableOfType(MojoFailureException.class, mojo::execute);
    }

    /** The "[ERROR] Failed to execute goal ..." text of a build that failed this way. */
    private static String printedByMaven(MojoFailureException failure) {
        assertThat(failure).isNotNull();
        LifecycleExecutionException lifecycle = new LifecycleExecutionException(
                "Failed to execute goal"
                        + " io.github.httpssetup:https-setup-maven-plugin:validate (default-cli) on project shop: "
                        + failure.getMessage(),
                failure);
        return new DefaultExceptionHandler().handleException(lifecycle).getMessage();
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
