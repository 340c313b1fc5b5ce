/**
 * {@code https-setup.yaml} mapped onto the core model, {@link io.github.httpssetup.core.HttpsSetup}: start at
 * {@link io.github.httpssetup.yaml.HttpsSetupYaml}.
 *
 * <p>Loading composes SnakeYAML nodes (never objects), keeps each node's line and column, walks them along one table
 * of keys per mapping, and reports every problem at once in a {@link io.github.httpssetup.yaml.YamlConfigException},
 * as a compiler does: {@code file:line:column: key.path: message}, the line, and a caret under the column. The core's
 * own checks are shown at the lines of their keys too. The JSON Schema of the file is in this jar at
 * {@value io.github.httpssetup.yaml.HttpsSetupYaml#SCHEMA_RESOURCE}.
 */
package io.github.httpssetup.yaml;
