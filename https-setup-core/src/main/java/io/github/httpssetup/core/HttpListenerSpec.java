package io.github.httpssetup.core;

import java.util.Objects;

/**
 * The plain-HTTP listener of the load balancer: by default it redirects to HTTPS.
 *
 * <pre>{@code
 * HttpListenerSpec http = HttpListenerSpec.builder().action(HttpAction.FORWARD).build();
 * }</pre>
 */
public final class HttpListenerSpec {
    /** The HTTP port by default: {@value}. */
    public static final int DEFAULT_PORT = 80;
    /** What the HTTP listener does by default: {@link HttpAction#REDIRECT} to HTTPS with a 301. */
    public static final HttpAction DEFAULT_ACTION = HttpAction.REDIRECT;

    private final int port;
    private final HttpAction action;

    private HttpListenerSpec(Builder builder) {
        this.port = builder.port;
        this.action = Objects.requireNonNullElse(builder.action, DEFAULT_ACTION);
    }

    /** {@return a builder with the defaults: port {@value #DEFAULT_PORT}, redirect to HTTPS} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this listener's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The port the load balancer serves plain HTTP on, 1 to 65535 and not the HTTPS port (default
     * {@value #DEFAULT_PORT}); unused when the action is {@link HttpAction#NONE}.
     *
     * @return the HTTP port
     */
    public int port() {
        return port;
    }

    /**
     * What the listener does (default {@link HttpAction#REDIRECT}).
     *
     * @return the action
     */
    public HttpAction action() {
        return action;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HttpListenerSpec)) {
            return false;
        }
        HttpListenerSpec other = (HttpListenerSpec) o;
        return port == other.port && action == other.action;
    }

    @Override
    public int hashCode() {
        return Objects.hash(port, action);
    }

    @Override
    public String toString() {
        return "HttpListenerSpec(port=" + port + ", action=" + action + ")";
    }

    /**
     * Builds an {@link HttpListenerSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private HttpAction action = DEFAULT_ACTION;

        private Builder() {}

        private Builder(HttpListenerSpec listener) {
            this.port = listener.port;
            this.action = listener.action;
        }

        /**
         * The HTTP port (default {@value HttpListenerSpec#DEFAULT_PORT}).
         *
         * @param port 1 to 65535, not the HTTPS port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * What the listener does (default {@link HttpAction#REDIRECT}).
         *
         * @param action the action; {@code null} = the default
         * @return this builder
         */
        public Builder action(HttpAction action) {
            this.action = action;
            return this;
        }

        /** {@return the listener description; checked when the enclosing {@link HttpsSetup} is built} */
        public HttpListenerSpec build() {
            return new HttpListenerSpec(this);
        }
    }
}
