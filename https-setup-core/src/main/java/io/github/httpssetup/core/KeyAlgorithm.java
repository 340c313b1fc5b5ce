package io.github.httpssetup.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The key algorithm of a certificate, as ACM names it. ACM issues certificates with {@link #RSA_2048} (the default),
 * {@link #EC_PRIME256V1} and {@link #EC_SECP384R1}; the other algorithms exist only on imported certificates, which
 * can be used through {@link CertificateSpec#arn()}.
 */
public enum KeyAlgorithm {
    /** RSA with a 2048-bit key (the default; understood by every client). */
    RSA_2048("RSA_2048", true),
    /** RSA with a 3072-bit key (imported certificates only). */
    RSA_3072("RSA_3072", false),
    /** RSA with a 4096-bit key (imported certificates only). */
    RSA_4096("RSA_4096", false),
    /** ECDSA on the P-256 curve. */
    EC_PRIME256V1("EC_prime256v1", true),
    /** ECDSA on the P-384 curve. */
    EC_SECP384R1("EC_secp384r1", true),
    /** ECDSA on the P-521 curve (imported certificates only). */
    EC_SECP521R1("EC_secp521r1", false);

    private final String awsName;
    private final boolean requestable;

    KeyAlgorithm(String awsName, boolean requestable) {
        this.awsName = awsName;
        this.requestable = requestable;
    }

    /**
     * The spelling ACM uses, such as {@code "RSA_2048"} or {@code "EC_prime256v1"}.
     *
     * @return ACM's name of this algorithm
     */
    public String awsName() {
        return awsName;
    }

    /** Whether ACM can issue a certificate with this algorithm (the others only exist on imported certificates). */
    boolean requestable() {
        return requestable;
    }

    /**
     * The algorithm ACM calls {@code awsName}; the case is ignored.
     *
     * @param awsName ACM's name, such as {@code "EC_prime256v1"}
     * @return the matching algorithm
     * @throws IllegalArgumentException when no algorithm has that name; the message lists the known names
     */
    public static KeyAlgorithm fromAwsName(String awsName) {
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.awsName.equalsIgnoreCase(awsName)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("\"" + awsName + "\" is not an ACM key algorithm: use one of "
                + Arrays.stream(values()).map(KeyAlgorithm::awsName).collect(Collectors.joining(", ")));
    }
}
