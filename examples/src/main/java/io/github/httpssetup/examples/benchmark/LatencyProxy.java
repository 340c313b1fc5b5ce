package io.github.httpssetup.examples.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The same simulated round trip as {@link FixedLatency}, for processes the benchmark cannot give an SDK
 * interceptor to (a Maven build, a command-line jar): a local HTTP proxy in front of the emulator that
 * waits a fixed time before it forwards each request. Requests are forwarded concurrently, so parallel
 * calls overlap their latency as they would on a network.
 */
final class LatencyProxy implements AutoCloseable {

    /** Headers the JDK's HTTP client sets itself (and refuses), or that describe one hop only. */
    private static final Set<String> HOP_HEADERS = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "upgrade",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer",
            "proxy-connection");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "latency-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;
    private final URI target;
    private final long latencyMs;

    LatencyProxy(URI target, long latencyMs) throws IOException {
        this.target = target;
        this.latencyMs = latencyMs;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(threads)
                .build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    /** The endpoint to give the process instead of the emulator's. */
    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            target.resolve(exchange.getRequestURI().toString()))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header :
                    exchange.getRequestHeaders().entrySet()) {
                if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(v -> request.header(header.getKey(), v));
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
