package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pre-flight warning about a domain registered in the account that delegates elsewhere than its zone. */
class DelegationMismatchTest {

    private static final Set<String> ZONE = Set.of("ns-1.awsdns-01.org", "ns-2.awsdns-02.com");

    @Test
    void delegationMismatch_isNull_whenTheDomainDelegatesToTheZone() {
        assertThat(DomainRegistration.delegationMismatch("example.com", ZONE, ZONE, "ACM cannot validate"))
                .isNull();
    }

    @Test
    void delegationMismatch_namesBothSetsOfNameServers_andTheFix() {
        String warning = DomainRegistration.delegationMismatch(
                "example.com", Set.of("ns1.other-dns.net"), ZONE, "certificate arn:x stays PENDING_VALIDATION");

        assertThat(warning)
                .contains("delegates to ns1.other-dns.net, not to its hosted zone's name servers")
                .contains("ns-1.awsdns-01.org")
                .contains("certificate arn:x stays PENDING_VALIDATION until it does")
                .contains("domain.registration")
                .contains("Route 53 Domains");
    }

    @Test
    void delegationMismatch_forAZoneStillToBeCreated_saysItsNameServersWillBeNew() {
        String warning = DomainRegistration.delegationMismatch(
                "example.com", Set.of("ns1.other-dns.net"), Set.of(), "ACM cannot validate the certificate");

        assertThat(warning)
                .contains("the hosted zone this stack creates gets name servers of its own")
                .contains("outputs.nameServers");
    }
}
