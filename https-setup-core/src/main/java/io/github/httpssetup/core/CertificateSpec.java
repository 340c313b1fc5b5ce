package io.github.httpssetup.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The TLS certificate of the HTTPS listener. By default a public ACM certificate is requested for the domain name and
 * its alternative names, validated through DNS in the hosted zone; give an {@link #arn()} to use an existing
 * certificate as is.
 *
 * <pre>{@code
 * CertificateSpec certificate = CertificateSpec.builder().keyAlgorithm(KeyAlgorithm.EC_PRIME256V1).build();
 * }</pre>
 */
public final class CertificateSpec {
    /** The key algorithm of requested certificates by default: {@link KeyAlgorithm#RSA_2048}, understood by all. */
    public static final KeyAlgorithm DEFAULT_KEY_ALGORITHM = KeyAlgorithm.RSA_2048;
    /** How long to wait for a requested certificate to be issued by default: 30 minutes. */
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofMinutes(30);

    private final String arn;
    private final KeyAlgorithm keyAlgorithm;
    private final Duration validationTimeout;

    private CertificateSpec(Builder builder) {
        this.arn = builder.arn == null || builder.arn.isBlank() ? null : builder.arn.trim();
        this.keyAlgorithm = Objects.requireNonNullElse(builder.keyAlgorithm, DEFAULT_KEY_ALGORITHM);
        this.validationTimeout = Objects.requireNonNullElse(builder.validationTimeout, DEFAULT_VALIDATION_TIMEOUT);
    }

    /** {@return a builder with the defaults: no ARN, RSA_2048 keys, a 30-minute validation timeout} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this certificate's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * An existing ACM certificate to use as is, in the same region as the load balancer, such as
     * {@code arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-...}. Empty (the default) = request and manage
     * one.
     *
     * @return the certificate ARN, if given
     */
    public Optional<String> arn() {
        return Optional.ofNullable(arn);
    }

    /**
     * The key algorithm of a requested certificate (default {@link #DEFAULT_KEY_ALGORITHM}); ACM issues
     * {@link KeyAlgorithm#RSA_2048}, {@link KeyAlgorithm#EC_PRIME256V1} and {@link KeyAlgorithm#EC_SECP384R1}.
     *
     * @return the key algorithm
     */
    public KeyAlgorithm keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * How long to wait for a requested certificate to be issued, between 1 second and 72 hours (default
     * {@link #DEFAULT_VALIDATION_TIMEOUT}, 30 minutes).
     *
     * @return the validation timeout
     */
    public Duration validationTimeout() {
        return validationTimeout;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CertificateSpec)) {
            return false;
        }
        CertificateSpec other = (CertificateSpec) o;
        return Objects.equals(arn, other.arn)
                && keyAlgorithm == other.keyAlgorithm
                && validationTimeout.equals(other.validationTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arn, keyAlgorithm, validationTimeout);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "CertificateSpec(", ")");
        if (arn != null) {
            s.add("arn=" + arn);
        }
        return s.add("keyAlgorithm=" + keyAlgorithm)
                .add("validationTimeout=" + Durations.format(validationTimeout))
                .toString();
    }

    /**
     * Builds a {@link CertificateSpec}; never throws for bad values: {@link HttpsSetup.Builder#build()} reports them.
     */
    public static final class Builder {
        private String arn;
        private KeyAlgorithm keyAlgorithm = DEFAULT_KEY_ALGORITHM;
        private Duration validationTimeout = DEFAULT_VALIDATION_TIMEOUT;

        private Builder() {}

        private Builder(CertificateSpec certificate) {
            this.arn = certificate.arn;
            this.keyAlgorithm = certificate.keyAlgorithm;
            this.validationTimeout = certificate.validationTimeout;
        }

        /**
         * Uses an existing ACM certificate as is, instead of requesting one.
         *
         * @param arn the certificate's ARN, in the load balancer's region; {@code null} or blank = request one
         * @return this builder
         */
        public Builder arn(String arn) {
            this.arn = arn;
            return this;
        }

        /**
         * The key algorithm of a requested certificate (default {@link CertificateSpec#DEFAULT_KEY_ALGORITHM}).
         *
         * @param keyAlgorithm the algorithm; {@code null} = the default
         * @return this builder
         */
        public Builder keyAlgorithm(KeyAlgorithm keyAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
            return this;
        }

        /**
         * How long to wait for a requested certificate to be issued (default
         * {@link CertificateSpec#DEFAULT_VALIDATION_TIMEOUT}, 30 minutes).
         *
         * @param validationTimeout 1 second to 72 hours; {@code null} = the default
         * @return this builder
         */
        public Builder validationTimeout(Duration validationTimeout) {
            this.validationTimeout = validationTimeout;
            return this;
        }

        /** {@return the certificate description; checked when the enclosing {@link HttpsSetup} is built} */
        public CertificateSpec build() {
            return new CertificateSpec(this);
        }
    }
}
