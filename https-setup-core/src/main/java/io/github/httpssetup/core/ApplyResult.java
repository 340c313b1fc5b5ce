package io.github.httpssetup.core;

import java.time.Duration;
import java.util.List;

/**
 * What {@link HttpsSetupExecutor#apply(HttpsSetup)} did.
 *
 * @param changes  the changes made (an empty list when AWS already matched)
 * @param outputs  the URL, ARNs, DNS name, name servers
 * @param duration wall time of the run
 * @param apiCalls the AWS calls made, per service, reads and writes
 */
public record ApplyResult(List<Change> changes, Outputs outputs, Duration duration, ApiCalls apiCalls) {

    public ApplyResult {
        changes = List.copyOf(changes);
    }

    /** The URL the application now answers on. */
    public String url() {
        return outputs.url();
    }

    /** Whether anything was written. */
    public boolean changed() {
        return changes.stream().anyMatch(c -> c.action().writes());
    }

    /** A few lines for people: what changed, the URL, the counts. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (!changed()) {
            out.append("No changes: AWS already matches the description.\n");
        } else {
            out.append(Plan.renderChanges(
                    "Applied "
                            + changes.stream().filter(c -> c.action().writes()).count() + " changes:",
                    changes.stream().filter(c -> c.action().writes()).toList(),
                    false));
        }
        out.append("URL: ").append(outputs.url()).append('\n');
        outputs.siteUrls()
                .forEach((site, url) -> out.append("  site ")
                        .append(site)
                        .append(": ")
                        .append(url)
                        .append('\n'));
        if (outputs.loadBalancerDnsName() != null) {
            out.append("Load balancer: ").append(outputs.loadBalancerDnsName()).append('\n');
        }
        if (outputs.certificateArn() != null) {
            out.append("Certificate: ").append(outputs.certificateArn()).append('\n');
        }
        if (!outputs.domainRegisteredInAccount() && !outputs.nameServers().isEmpty()) {
            out.append("Name servers (set them at your registrar): ")
                    .append(String.join(", ", outputs.nameServers()))
                    .append('\n');
        }
        out.append("Took ").append(duration.toMillis()).append(" ms, ").append(apiCalls);
        return out.toString();
    }
}
