package io.github.httpssetup.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalDemoTest {

    @Test
    void pluginLine_showsThePluginsLines_withoutMavensBanner() {
        assertThat(LocalDemo.pluginLine("[INFO] Scanning for projects...")).isNull();
        assertThat(LocalDemo.pluginLine("[INFO] --- https-setup:0.1.0-SNAPSHOT:plan (default-cli) @ shop ---"))
                .isNull();
        assertThat(LocalDemo.pluginLine("[INFO] BUILD SUCCESS")).isNull();
        assertThat(LocalDemo.pluginLine("[INFO] ")).isNull();
        assertThat(LocalDemo.pluginLine("[INFO] URL: https://example.com")).isEqualTo("URL: https://example.com");
        assertThat(LocalDemo.pluginLine("[INFO]   +   certificate example.com"))
                .isEqualTo("  +   certificate example.com");
        assertThat(LocalDemo.pluginLine("[WARNING] something")).isEqualTo("[WARNING] something");
    }
}
