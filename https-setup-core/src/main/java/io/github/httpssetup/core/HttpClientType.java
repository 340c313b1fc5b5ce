package io.github.httpssetup.core;

import java.util.Locale;

/**
 * The AWS SDK HTTP client that carries the AWS calls of a run: one instance shared by every service client.
 *
 * <pre>{@code
 * HttpsSetupExecutor executor = HttpsSetupExecutor.builder()
 *     .httpClient(HttpClientType.APACHE)     // URL_CONNECTION unless told otherwise
 *     .build();
 * }</pre>
 *
 * <p>Without a choice in the builder, the system property {@code https-setup.httpClient} ({@code url-connection} or
 * {@code apache}) decides, so that the command line ({@code JAVA_OPTS}) and the Maven goals ({@code -D}) can
 * switch too.
 */
public enum HttpClientType {

    /**
     * The SDK's {@code url-connection-client}, on the JDK's {@code HttpURLConnection} (the default): a fresh JVM
     * starts it faster, which is most of a short run. Connections are kept alive by the JDK (up to
     * {@code http.maxConnections}, default 5, idle per host: each AWS service is its own host; no idle-connection
     * timeout of its own); a proxy comes from the {@code http.proxyHost}/{@code http.proxyPort} system properties or
     * {@code HTTP_PROXY}, as Apache's client takes it (the JDK's own {@code https.proxyHost} also applies), with basic
     * authentication only; no HTTP {@code PATCH} and no {@code Expect: 100-continue}, which none of the APIs used
     * here needs (they are small query, JSON and XML requests).
     */
    URL_CONNECTION,

    /**
     * The SDK's {@code apache-client} (Apache HttpClient 4): its own connection pool with idle-connection reaping,
     * {@code Expect: 100-continue}, NTLM proxy authentication. Slower to start: it builds a connection manager and an
     * SSL socket factory up front.
     */
    APACHE;

    /** The system property read when the builder is not told. */
    public static final String PROPERTY = "https-setup.httpClient";

    /**
     * The type {@code https-setup.httpClient} names, {@link #URL_CONNECTION} when it is not set.
     *
     * @throws HttpsSetupException {@link ErrorCode#CONFIGURATION} when the property names no type
     */
    public static HttpClientType fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return URL_CONNECTION;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "url-connection", "urlconnection" -> URL_CONNECTION;
            case "apache" -> APACHE;
            default ->
                throw new HttpsSetupException(
                        ErrorCode.CONFIGURATION,
                        "-D" + PROPERTY + "=" + value
                                + " is not an HTTP client: use url-connection (the default) or apache");
        };
    }
}
