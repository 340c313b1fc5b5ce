/**
 * The engine behind {@link io.github.httpssetup.core.HttpsSetupExecutor}: the step graph, one class per resource
 * of the chain, the AWS clients and the run state.
 *
 * <p><strong>Not part of the API.</strong> Nothing here is covered by compatibility promises; types are public only
 * where another package of this module needs them. Use {@code io.github.httpssetup.core} instead.
 */
package io.github.httpssetup.core.internal;
