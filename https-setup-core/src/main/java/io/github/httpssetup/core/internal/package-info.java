/**
 * The engine behind {@link io.github.httpssetup.core.HttpsSetupExecutor}: the step graph, one class per resource
 * of the chain, the AWS clients and the run state.
 *
 * <p><strong>Not part of the API.</strong> Nothing here is covered by compatibility promises. Only
 * {@link io.github.httpssetup.core.internal.Engine} and its {@link io.github.httpssetup.core.internal.EngineConfig}
 * are public, for the executor, {@link io.github.httpssetup.core.internal.ApiCallCounter}, for the tests of
 * other packages, and {@link io.github.httpssetup.core.internal.SiteRouting}, whose rule layout the validator counts
 * against the load balancer's quotas; everything else is package-private. No public signature of {@code io.github.httpssetup.core}
 * names a type of this package (a unit test checks it). Use {@code io.github.httpssetup.core} instead.
 */
package io.github.httpssetup.core.internal;
