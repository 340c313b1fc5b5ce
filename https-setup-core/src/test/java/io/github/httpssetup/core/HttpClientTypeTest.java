package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpClientTypeTest {

    @AfterEach
    void clear() {
        System.clearProperty(HttpClientType.PROPERTY);
    }

    @Test
    void withoutTheProperty_theUrlConnectionClientIsUsed() {
        System.clearProperty(HttpClientType.PROPERTY);
        assertThat(HttpClientType.fromSystemProperty()).isEqualTo(HttpClientType.URL_CONNECTION);
    }

    @Test
    void thePropertyNamesEitherClient_inAnyCase() {
        System.setProperty(HttpClientType.PROPERTY, "Apache");
        assertThat(HttpClientType.fromSystemProperty()).isEqualTo(HttpClientType.APACHE);
        System.setProperty(HttpClientType.PROPERTY, "url_connection");
        assertThat(HttpClientType.fromSystemProperty()).isEqualTo(HttpClientType.URL_CONNECTION);
    }

    @Test
    void anUnknownClient_isRefusedWithTheChoices() {
        System.setProperty(HttpClientType.PROPERTY, "netty");
        assertThatThrownBy(HttpClientType::fromSystemProperty)
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("-Dhttps-setup.httpClient=netty")
                .hasMessageContaining("url-connection (the default) or apache")
                .satisfies(e -> assertThat(((HttpsSetupException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    @Test
    void theBuilder_refusesNoClient() {
        assertThatThrownBy(() -> HttpsSetupExecutor.builder().httpClient(null))
                .isInstanceOf(NullPointerException.class);
    }
}
