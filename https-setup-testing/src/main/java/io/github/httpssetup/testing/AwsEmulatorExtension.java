package io.github.httpssetup.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests an {@link AwsEmulator}: as a parameter of test methods, lifecycle methods and
 * constructors. When no emulator can be had the tests are skipped with a message that says how to get
 * one, or fail when {@code HTTPS_SETUP_REQUIRE_EMULATOR=true} (as in CI).
 *
 * <pre>{@code
 * @ExtendWith(AwsEmulatorExtension.class)   // or @AwsEmulatorTest
 * class CertificateIT {
 *     @BeforeEach void clean(AwsEmulator aws) { aws.reset(); }
 * }
 * }</pre>
 */
public final class AwsEmulatorExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(new SystemHost());
    }

    static AwsEmulator emulator(EmulatorSelector.Host host) {
        try {
            return AwsEmulator.shared();
        } catch (EmulatorUnavailableException e) {
            throw unavailable(e, host);
        }
    }

    /** Skips the tests, or fails them when the emulator is required. */
    static RuntimeException unavailable(EmulatorUnavailableException e, EmulatorSelector.Host host) {
        if (EmulatorSelector.required(host)) {
            return new EmulatorUnavailableException(
                    e.getMessage() + " (" + EmulatorSelector.REQUIRE_VARIABLE
                            + "=true turns this skip into a failure.)",
                    e);
        }
        return new TestAbortedException(e.getMessage(), e);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == AwsEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return emulator(new SystemHost());
    }
}
