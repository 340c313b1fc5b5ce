/** The https-setup model and executor. */
package io.github.httpssetup.core;
