package io.github.httpssetup.testing;

/** Where the AWS emulator of a test run comes from, in the order they are tried. */
public enum EmulatorKind {
    /** An endpoint given in {@code AWS_ENDPOINT_URL}, used as is (nothing is started). */
    ENDPOINT,
    /** A {@code moto_server} executable found on {@code PATH}. */
    MOTO_ON_PATH,
    /** A pinned moto installed into a virtual environment under the user's cache directory. */
    MOTO_VIRTUALENV,
    /** LocalStack in Docker through Testcontainers (needs {@code LOCALSTACK_AUTH_TOKEN}). */
    LOCALSTACK
}
