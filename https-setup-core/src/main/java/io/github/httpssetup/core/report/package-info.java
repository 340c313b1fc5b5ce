/**
 * The machine-readable report of a run: {@link io.github.httpssetup.core.report.JsonReport} writes a plan, an apply
 * or a destroy (or the error that stopped it) as one versioned JSON document, the one the command line's
 * {@code --output json} and the Maven goals' {@code -Dhttps-setup.output=json} write. Its JSON Schema is the resource
 * {@value io.github.httpssetup.core.report.JsonReport#SCHEMA_RESOURCE}.
 */
package io.github.httpssetup.core.report;
