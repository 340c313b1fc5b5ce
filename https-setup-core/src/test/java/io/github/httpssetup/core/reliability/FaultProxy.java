package io.github.httpssetup.core.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * A fault-injecting HTTP reverse proxy between the AWS SDK and the emulator, on 127.0.0.1. Pass {@link #endpoint()}
 * as the executor's endpoint override and {@link #tagger()} as an interceptor (it names the operation of each request
 * in a header the proxy reads and strips).
 *
 * <p>Faults are injected <em>before</em> the request reaches the emulator, as AWS's front end does: the SDK receives
 * exactly the bytes AWS would send — throttling in each service's own wire format and status, 500/503 server errors,
 * connection resets (the socket is closed with RST, no response), added latency — and "not found right after create"
 * errors for eventual consistency. Decisions are deterministic: a hash of the seed, the operation and how many times
 * that operation was seen, compared with the rates.
 */
final class FaultProxy implements AutoCloseable {

    static final String OPERATION_HEADER = "x-reliability-operation";

    /** What may happen to one request. */
    enum Fault {
        NONE,
        THROTTLE,
        SERVER_ERROR,
        UNAVAILABLE,
        RESET,
        NOT_YET
    }

    /** Fails the next {@code times} calls of {@code operation} after each successful {@code after} with {@code code}. */
    record NotYetRule(String after, String operation, String code, int times) {}

    private final URI target;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pendingNotYet = new ConcurrentHashMap<>();
    private final List<NotYetRule> notYetRules = new CopyOnWriteArrayList<>();
    private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicLong requestIds = new AtomicLong();
    private volatile long seed;
    private volatile double throttleRate;
    private volatile double serverErrorRate;
    private volatile double resetRate;
    private volatile int latencyMillis;
    private volatile boolean onlyWrites;

    FaultProxy(URI target) {
        this.target = target;
        try {
            this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        pool.submit(this::acceptLoop);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Names each request's operation ({@code ELBv2:CreateTargetGroup}) in a header for the proxy. */
    static ExecutionInterceptor tagger() {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                return context.httpRequest().toBuilder()
                        .putHeader(OPERATION_HEADER, service + ":" + operation)
                        .build();
            }
        };
    }

    // ---- configuration ----

    /** Random faults: throttling, 5xx (half 500, half 503) and connection resets, each at its rate, from a seed. */
    synchronized FaultProxy random(long seed, double throttleRate, double serverErrorRate, double resetRate) {
        this.seed = seed;
        this.throttleRate = throttleRate;
        this.serverErrorRate = serverErrorRate;
        this.resetRate = resetRate;
        return this;
    }

    FaultProxy latency(int millis) {
        this.latencyMillis = millis;
        return this;
    }

    /** Random faults only on mutating calls (reads pass). */
    FaultProxy onlyWrites(boolean onlyWrites) {
        this.onlyWrites = onlyWrites;
        return this;
    }

    FaultProxy notYet(String after, String operation, String code, int times) {
        notYetRules.add(new NotYetRule(after, operation, code, times));
        return this;
    }

    /** Fails the next {@code times} calls of {@code operation} with {@code code}, at once. */
    FaultProxy failNext(String operation, String code, int times) {
        notYetRules.add(new NotYetRule("(now)", operation, code, times));
        pendingNotYet.computeIfAbsent(operation, k -> new AtomicInteger()).set(times);
        return this;
    }

    /** Resets the connection of the next {@code times} calls of {@code operation}, before they reach the emulator. */
    FaultProxy resetNext(String operation, int times) {
        return failNext(operation, "RESET", times);
    }

    /** How many requests of an operation reached the proxy (faulted or not). */
    int seen(String operation) {
        AtomicInteger n = seen.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Back to a transparent proxy; counters stay. */
    synchronized void clear() {
        throttleRate = 0;
        serverErrorRate = 0;
        resetRate = 0;
        latencyMillis = 0;
        onlyWrites = false;
        notYetRules.clear();
        pendingNotYet.clear();
        seen.clear();
    }

    int injected() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int injected(Fault fault) {
        AtomicInteger n = injected.get(fault);
        return n == null ? 0 : n.get();
    }

    /** {@code fault operation} lines, in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
    }

    // ---- deciding ----

    static boolean isRead(String operation) {
        String op = operation.substring(operation.indexOf(':') + 1);
        return op.startsWith("Describe") || op.startsWith("List") || op.startsWith("Get") || op.startsWith("Check");
    }

    private Fault decide(String operation) {
        int n = seen.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        AtomicInteger pending = pendingNotYet.get(operation);
        if (pending != null && pending.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
            return "RESET".equals(notYetCode(operation)) ? Fault.RESET : Fault.NOT_YET;
        }
        if (onlyWrites && isRead(operation)) {
            return Fault.NONE;
        }
        double draw = unit(seed, operation, n);
        if (draw < throttleRate) {
            return Fault.THROTTLE;
        }
        draw -= throttleRate;
        if (draw < serverErrorRate) {
            return draw < serverErrorRate / 2 ? Fault.SERVER_ERROR : Fault.UNAVAILABLE;
        }
        draw -= serverErrorRate;
        if (draw < resetRate) {
            return Fault.RESET;
        }
        return Fault.NONE;
    }

    /** A deterministic number in [0, 1) for the n-th call of an operation under a seed (SplitMix64). */
    static double unit(long seed, String operation, int n) {
        long z = seed * 0x9E3779B97F4A7C15L + operation.hashCode() * 0xBF58476D1CE4E5B9L + n * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private void succeeded(String operation) {
        for (NotYetRule rule : notYetRules) {
            if (rule.after().equals(operation)) {
                pendingNotYet
                        .computeIfAbsent(rule.operation(), k -> new AtomicInteger())
                        .set(rule.times());
            }
        }
    }

    private String notYetCode(String operation) {
        return notYetRules.stream()
                .filter(r -> r.operation().equals(operation))
                .map(NotYetRule::code)
                .findFirst()
                .orElse("NotFound");
    }

    // ---- serving ----

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One request per connection: the response says {@code Connection: close}. */
    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = client.getInputStream();
            Message request = Message.read(in, client.getOutputStream());
            if (request == null) {
                return;
            }
            String operation = request.headers.getOrDefault(OPERATION_HEADER, "unknown:" + request.startLine);
            request.headers.remove(OPERATION_HEADER);
            Fault fault = decide(operation);
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            if (fault != Fault.NONE) {
                injected.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
                log.add(fault + " " + operation);
            }
            OutputStream out = client.getOutputStream();
            switch (fault) {
                case RESET -> {
                    client.setSoLinger(true, 0); // RST instead of FIN: "Connection reset"
                    return;
                }
                case NONE -> {
                    Message response = forward(request);
                    if (response.status() / 100 == 2) {
                        succeeded(operation);
                    }
                    response.write(out);
                    return;
                }
                default -> errorResponse(operation, fault).write(out);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the proxy is closing
        }
    }

    private Message forward(Message request) throws IOException {
        try (Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
            upstream.setSoTimeout(120_000);
            request.headers.put("connection", "close");
            request.write(upstream.getOutputStream());
            Message response = Message.read(upstream.getInputStream(), null);
            if (response == null) {
                throw new SocketException("the emulator closed the connection without answering");
            }
            return response;
        }
    }

    // ---- AWS's error responses, per protocol ----

    private Message errorResponse(String operation, Fault fault) {
        String service = protocolOf(operation);
        String requestId = "rel-" + requestIds.incrementAndGet();
        String code;
        int status;
        String message;
        boolean sender;
        switch (fault) {
            case THROTTLE -> {
                sender = true;
                message = "Rate exceeded";
                if (service.equals("EC2")) {
                    code = "RequestLimitExceeded";
                    status = 503;
                    message = "Request limit exceeded.";
                } else if (service.equals("ACM")) {
                    code = "ThrottlingException";
                    status = 400;
                } else {
                    code = "Throttling";
                    status = 400;
                }
            }
            case SERVER_ERROR -> {
                sender = false;
                status = 500;
                message = "We encountered an internal error. Please try again.";
                code = service.equals("EC2")
                        ? "InternalError"
                        : service.equals("ACM") ? "InternalFailure" : "InternalFailure";
            }
            case UNAVAILABLE -> {
                sender = false;
                status = 503;
                message = "Service Unavailable";
                code = service.equals("EC2") ? "Unavailable" : "ServiceUnavailable";
            }
            case NOT_YET -> {
                sender = true;
                status = 400;
                code = notYetCode(operation);
                message = code.equals("CertificateNotFound")
                        ? "Certificate not found"
                        : code.equals("TargetGroupNotFound") ? "One or more target groups not found" : "Not found";
            }
            default -> throw new IllegalArgumentException(fault.toString());
        }
        String body;
        String contentType;
        if (service.equals("ACM")) {
            contentType = "application/x-amz-json-1.1";
            body = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
        } else if (service.equals("EC2")) {
            contentType = "text/xml;charset=UTF-8";
            body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                    + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>" + requestId
                    + "</RequestID></Response>";
        } else { // ELBv2 (query) and Route 53 (REST-XML) share the ErrorResponse shape
            contentType = "text/xml";
            String ns = service.equals("Route 53")
                    ? "https://route53.amazonaws.com/doc/2013-04-01/"
                    : "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
            body = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>"
                    + (sender ? "Sender" : "Receiver")
                    + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>"
                    + requestId
                    + "</RequestId></ErrorResponse>";
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        headers.put("Content-Type", contentType);
        return new Message("HTTP/1.1 " + status + " " + reason(status), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** EC2, ACM (JSON, also Route 53 Domains), ROUTE53 (REST-XML) or ELB (query). */
    static String protocolOf(String operation) {
        String service = operation
                .substring(0, operation.indexOf(':'))
                .toLowerCase(Locale.ROOT)
                .replace(" ", "");
        if (service.equals("ec2")) {
            return "EC2";
        }
        if (service.equals("acm") || service.startsWith("route53domains")) {
            return "ACM";
        }
        if (service.startsWith("route53")) {
            return "Route 53";
        }
        return "ELB";
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /** An HTTP/1.1 request or response, read whole (Content-Length, chunked, or until the connection closes). */
    static final class Message {
        final String startLine;
        /** Lower-cased names for requests read from the wire; as given otherwise. */
        final Map<String, String> headers;

        final byte[] body;

        Message(String startLine, Map<String, String> headers, byte[] body) {
            this.startLine = startLine;
            this.headers = headers;
            this.body = body;
        }

        int status() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        }

        /** Reads a request (answering {@code Expect: 100-continue} on {@code continueTo}) or, when null, a response. */
        static Message read(InputStream in, OutputStream continueTo) throws IOException {
            boolean request = continueTo != null;
            String start = line(in);
            if (start == null || start.isEmpty()) {
                return null;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = line(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            if (request && "100-continue".equalsIgnoreCase(headers.get("expect"))) {
                headers.remove("expect");
                continueTo.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                continueTo.flush();
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                while (true) {
                    String size = line(in);
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        while ((line = line(in)) != null && !line.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    all.write(in.readNBytes(n));
                    line(in);
                }
                body = all.toByteArray();
                headers.remove("transfer-encoding");
            } else if (request) {
                body = new byte[0];
            } else {
                body = in.readAllBytes();
            }
            return new Message(start, headers, body);
        }

        void write(OutputStream out) throws IOException {
            StringBuilder head = new StringBuilder(startLine).append("\r\n");
            List<String> skip = new ArrayList<>(List.of("content-length", "transfer-encoding", "connection"));
            headers.forEach((k, v) -> {
                if (!skip.contains(k.toLowerCase(Locale.ROOT))) {
                    head.append(k).append(": ").append(v).append("\r\n");
                }
            });
            boolean isRequest = !startLine.startsWith("HTTP/");
            if (body.length > 0 || !isRequest) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(c);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
