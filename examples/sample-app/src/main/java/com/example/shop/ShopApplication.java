package com.example.shop;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The application https-setup puts HTTPS in front of: plain HTTP on port 8080 (or $PORT), with a health
 * check at /health for the load balancer's target group.
 */
public final class ShopApplication {

    private ShopApplication() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/health", exchange -> respond(exchange, 200, "ok\n"));
        server.createContext("/", exchange -> respond(exchange, 200, "Hello from the shop, served over "
                + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto") + "\n"));
        server.start();
        System.out.println("Listening on http://0.0.0.0:" + port);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
