package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The executor's builder refuses a bad endpoint at once, with a message that says what to write instead. */
class HttpsSetupExecutorBuilderTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost:5000",
                "ftp://localhost:5000",
                "file:///tmp/aws",
                "http://",
                "http:///path",
                "http//localhost:5000",
                "localhost",
                "http://local host:5000",
                "://localhost:5000"
            })
    void endpointOverride_whenNotAnHttpUrlWithAHost_failsWithConfiguration(String endpoint) {
        assertThatThrownBy(() -> HttpsSetupExecutor.builder().endpointOverride(endpoint))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessage("endpoint override " + endpoint + " is not a URL: use e.g. http://localhost:5000")
                .satisfies(e -> assertThat(((HttpsSetupException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    @Test
    void endpointOverride_asAUri_isCheckedTheSameWay() {
        assertThatThrownBy(() -> HttpsSetupExecutor.builder().endpointOverride(URI.create("localhost:5000")))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessage("endpoint override localhost:5000 is not a URL: use e.g. http://localhost:5000");
        assertThatThrownBy(() -> HttpsSetupExecutor.builder().endpointOverride(URI.create("tcp://localhost:5000")))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("is not a URL");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:5000",
                "https://emulator.internal",
                " http://127.0.0.1:4566 ",
                "HTTP://localhost:5000",
                "http://localhost:5000/prefix"
            })
    void endpointOverride_acceptsHttpAndHttpsUrls(String endpoint) {
        assertThat(HttpsSetupExecutor.builder().endpointOverride(endpoint).build())
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void endpointOverride_blankMeansAwsOwnEndpoints(String endpoint) {
        assertThat(HttpsSetupExecutor.builder()
                        .endpointOverride(endpoint)
                        .endpointOverride((URI) null)
                        .build())
                .isNotNull();
    }

    @Test
    void parallelism_belowOne_isRefused() {
        assertThatThrownBy(() -> HttpsSetupExecutor.builder().parallelism(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be at least 1, was 0");
    }
}
