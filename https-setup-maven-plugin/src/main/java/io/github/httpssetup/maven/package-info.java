/** The https-setup Maven goals. */
package io.github.httpssetup.maven;
