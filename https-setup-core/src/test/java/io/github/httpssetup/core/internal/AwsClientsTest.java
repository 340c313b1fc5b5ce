package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.HttpClientType;
import io.github.httpssetup.core.HttpsSetupException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class AwsClientsTest {

    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    @Test
    void newClients_createNothingUntilAClientIsAskedFor() {
        try (AwsClients clients = new AwsClients("eu-west-1", null, NOWHERE, List.of(), 8)) {
            assertThat(clients.created()).isEmpty();
        }
    }

    @Test
    void aClient_isCreatedOnceOnFirstUse_withTheSharedParts_andNoOther() {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret"));
        try (AwsClients clients = new AwsClients("eu-west-1", credentials, NOWHERE, List.of(), 8)) {
            assertThat(clients.ec2()).isSameAs(clients.ec2());
            assertThat(clients.route53()).isNotNull();

            assertThat(clients.created()).containsExactly("credentials", "ec2", "http", "route53");
        }
    }

    @Test
    void theDomainsClient_isCreatedOnlyWhenAsked() {
        try (AwsClients clients = new AwsClients("eu-west-1", null, NOWHERE, List.of(), 8)) {
            clients.ec2();
            clients.elb();
            clients.acm();
            clients.route53();
            assertThat(clients.created()).doesNotContain("route53domains");

            clients.domains();
            assertThat(clients.created()).contains("route53domains");
        }
    }

    @Test
    void anUnsupportedPartition_isRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> new AwsClients("us-iso-east-1", null, NOWHERE, List.of(), 8))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("aws-iso partition");
    }

    @Test
    void theSharedHttpClient_isUrlConnectionByDefault_andApacheWhenAsked() {
        try (AwsClients clients = new AwsClients("eu-west-1", null, NOWHERE, List.of(), 8)) {
            assertThat(clients.httpClientType()).isEqualTo(HttpClientType.URL_CONNECTION);
        }
        try (SdkHttpClient url = AwsClients.httpClient(HttpClientType.URL_CONNECTION, 8);
                SdkHttpClient apache = AwsClients.httpClient(HttpClientType.APACHE, 8)) {
            assertThat(url).isInstanceOf(UrlConnectionHttpClient.class);
            assertThat(apache).isInstanceOf(ApacheHttpClient.class);
        }
    }
}
