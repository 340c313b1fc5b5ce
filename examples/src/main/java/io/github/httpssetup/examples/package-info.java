/** Examples of https-setup. */
package io.github.httpssetup.examples;
