package io.github.httpssetup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class EmulatorSelectorTest {

    /** A machine described in the test: its variables, what is on PATH, whether Docker answers. */
    static final class FakeHost implements EmulatorSelector.Host {
        final Map<String, String> variables = new HashMap<>();
        final Map<String, Path> executables = new HashMap<>();
        boolean docker;

        FakeHost variable(String name, String value) {
            variables.put(name, value);
            return this;
        }

        FakeHost executable(String name) {
            executables.put(name, Paths.get("/opt/bin", name));
            return this;
        }

        FakeHost docker() {
            docker = true;
            return this;
        }

        @Override
        public Optional<String> variable(String name) {
            return Optional.ofNullable(variables.get(name));
        }

        @Override
        public Optional<Path> onPath(String executable) {
            return Optional.ofNullable(executables.get(executable));
        }

        @Override
        public boolean dockerAvailable() {
            return docker;
        }
    }

    @Test
    void select_whenEndpointGiven_usesItAndNothingElse() {
        FakeHost host = new FakeHost()
                .variable("AWS_ENDPOINT_URL", " http://localhost:4566 ")
                .executable("moto_server")
                .executable("python3")
                .docker()
                .variable("LOCALSTACK_AUTH_TOKEN", "t");

        List<EmulatorSelector.Selection> candidates = EmulatorSelector.candidates(host, EmulatorProfile.LENIENT);

        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).kind()).isEqualTo(EmulatorKind.ENDPOINT);
        assertThat(candidates.get(0).endpoint()).isEqualTo(URI.create("http://localhost:4566"));
    }

    @Test
    void select_whenEndpointIsNotAUrl_failsNamingTheVariable() {
        FakeHost host = new FakeHost().variable("AWS_ENDPOINT_URL", "localhost:4566");

        assertThatThrownBy(() -> EmulatorSelector.select(host))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL=localhost:4566")
                .hasMessageContaining("http://localhost:5000");
    }

    @Test
    void select_whenMotoOnPath_startsIt_thenVirtualEnvAsFallback() {
        FakeHost host = new FakeHost().executable("moto_server").executable("python3");

        List<EmulatorSelector.Selection> candidates = EmulatorSelector.candidates(host, EmulatorProfile.LENIENT);

        assertThat(candidates)
                .extracting(EmulatorSelector.Selection::kind)
                .containsExactly(EmulatorKind.MOTO_ON_PATH, EmulatorKind.MOTO_VIRTUALENV);
        assertThat(candidates.get(0).executable()).isEqualTo(Paths.get("/opt/bin/moto_server"));
    }

    @Test
    void select_whenOnlyPython_installsMotoIntoAVirtualEnv() {
        FakeHost host = new FakeHost().executable("python3");

        EmulatorSelector.Selection selection = EmulatorSelector.select(host);

        assertThat(selection.kind()).isEqualTo(EmulatorKind.MOTO_VIRTUALENV);
        assertThat(selection.executable()).isEqualTo(Paths.get("/opt/bin/python3"));
    }

    @Test
    void select_whenOnlyDockerAndToken_usesLocalStack() {
        FakeHost host = new FakeHost().docker().variable("LOCALSTACK_AUTH_TOKEN", "secret");

        assertThat(EmulatorSelector.select(host).kind()).isEqualTo(EmulatorKind.LOCALSTACK);
    }

    @Test
    void select_whenDockerWithoutToken_findsNothing() {
        FakeHost host = new FakeHost().docker();

        EmulatorSelector.Selection selection = EmulatorSelector.select(host);

        assertThat(selection.found()).isFalse();
        assertThat(selection.skipReason())
                .contains(
                        "AWS_ENDPOINT_URL",
                        "python3",
                        "LOCALSTACK_AUTH_TOKEN",
                        "moto[server]==" + MotoInstallation.MOTO_VERSION);
    }

    @Test
    void start_whenNothingAvailable_throwsWithHowToGetOne() {
        assertThatThrownBy(() -> AwsEmulator.start(new FakeHost(), java.util.Map.of()))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageStartingWith("No AWS emulator available")
                .hasMessageContaining("set AWS_ENDPOINT_URL=");
    }

    @Test
    void candidates_underStrictProfile_onlyThePinnedMotoItCanPatch() {
        FakeHost host = new FakeHost()
                .executable("moto_server")
                .executable("python3")
                .docker()
                .variable("LOCALSTACK_AUTH_TOKEN", "t");

        List<EmulatorSelector.Selection> candidates = EmulatorSelector.candidates(host, EmulatorProfile.STRICT);

        assertThat(candidates)
                .extracting(EmulatorSelector.Selection::kind)
                .containsExactly(EmulatorKind.MOTO_VIRTUALENV);
    }

    @Test
    void candidates_underStrictProfileWithAnEndpoint_refusesAndSaysWhy() {
        FakeHost host = new FakeHost()
                .variable("AWS_ENDPOINT_URL", "http://localhost:4566")
                .executable("python3");

        assertThatThrownBy(() -> EmulatorSelector.candidates(host, EmulatorProfile.STRICT))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL")
                .hasMessageContaining("HTTPS_SETUP_EMULATOR_PROFILE=lenient");
    }

    @Test
    void profile_readsTheVariable_lenientByDefault_rejectsGarbage() {
        assertThat(EmulatorProfile.of(new FakeHost().variable("HTTPS_SETUP_EMULATOR_PROFILE", " Strict ")))
                .isEqualTo(EmulatorProfile.STRICT);
        assertThat(EmulatorProfile.parse("lenient")).isEqualTo(EmulatorProfile.LENIENT);
        assertThatThrownBy(() -> EmulatorProfile.parse("picky"))
                .hasMessageContaining("'picky'")
                .hasMessageContaining("strict or lenient");
    }

    @Test
    void required_readsTheCiVariable() {
        assertThat(EmulatorSelector.required(new FakeHost())).isFalse();
        assertThat(EmulatorSelector.required(new FakeHost().variable("HTTPS_SETUP_REQUIRE_EMULATOR", "TRUE")))
                .isTrue();
        assertThat(EmulatorSelector.required(new FakeHost().variable("HTTPS_SETUP_REQUIRE_EMULATOR", "false")))
                .isFalse();
    }

    @Test
    void extension_whenNoneAndRequired_fails_otherwiseSkips() {
        FakeHost required = new FakeHost().variable("HTTPS_SETUP_REQUIRE_EMULATOR", "true");
        FakeHost optional = new FakeHost();

        assertThat(AwsEmulatorExtension.unavailable(new EmulatorUnavailableException("none here"), required))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("none here")
                .hasMessageContaining("HTTPS_SETUP_REQUIRE_EMULATOR=true");
        assertThat(AwsEmulatorExtension.unavailable(new EmulatorUnavailableException("none here"), optional))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("none here");
    }

    @Test
    void acmValidationWait_defaultsToAFewSeconds_andRejectsGarbage() {
        assertThat(AwsEmulator.acmValidationWaitSeconds(new FakeHost())).isEqualTo(2);
        assertThat(AwsEmulator.acmValidationWaitSeconds(new FakeHost().variable("MOTO_ACM_VALIDATION_WAIT", "0")))
                .isZero();
        assertThatThrownBy(() -> AwsEmulator.acmValidationWaitSeconds(
                        new FakeHost().variable("MOTO_ACM_VALIDATION_WAIT", "soon")))
                .hasMessageContaining("MOTO_ACM_VALIDATION_WAIT=soon");
    }

    @Test
    void cacheRoot_followsOverrideThenXdg() {
        assertThat(MotoInstallation.defaultCacheRoot(new FakeHost().variable("HTTPS_SETUP_CACHE_DIR", "/c")))
                .isEqualTo(Paths.get("/c"));
        assertThat(MotoInstallation.defaultCacheRoot(new FakeHost().variable("XDG_CACHE_HOME", "/x")))
                .isEqualTo(Paths.get("/x", "https-setup"));
        assertThat(new MotoInstallation(Paths.get("python3"), Paths.get("/c")).directory())
                .isEqualTo(Paths.get("/c", "moto-" + MotoInstallation.MOTO_VERSION));
    }

    @Test
    void ipv6Subnet_takesTheIndexthSlash64() {
        assertThat(Ec2Fixture.ipv6Subnet("2600:1f18:aaaa:bb00::/56", 2)).isEqualTo("2600:1f18:aaaa:bb02::/64");
    }
}
