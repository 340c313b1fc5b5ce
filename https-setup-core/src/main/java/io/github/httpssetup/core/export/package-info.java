/**
 * Export of a description to other tools: {@link io.github.httpssetup.core.export.CloudFormationTemplate}, the
 * stack as a CloudFormation template, written by
 * {@link io.github.httpssetup.core.HttpsSetupExecutor#export(io.github.httpssetup.core.HttpsSetup)}.
 */
package io.github.httpssetup.core.export;
