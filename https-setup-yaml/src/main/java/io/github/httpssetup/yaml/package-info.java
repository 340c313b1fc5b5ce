/** https-setup.yaml mapped onto the core model. */
package io.github.httpssetup.yaml;
