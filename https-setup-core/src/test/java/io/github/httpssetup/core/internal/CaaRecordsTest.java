package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** RFC 8659's tree climbing over the zone's CAA records, with ACM's issuers. */
class CaaRecordsTest {

    private static ResourceRecordSet caa(String name, String... values) {
        return ResourceRecordSet.builder()
                .name(name + ".")
                .type(RRType.CAA)
                .ttl(300L)
                .resourceRecords(Arrays.stream(values)
                        .map(v -> ResourceRecord.builder().value(v).build())
                        .toList())
                .build();
    }

    @Test
    void blocked_whenTheApexAllowsAnotherAuthorityOnly_everyNameBelowIsBlocked_withTheRecordToAdd() {
        List<CaaRecords.Blocked> blocked = CaaRecords.blocked(
                "example.com",
                List.of(caa("example.com", "0 issue \"letsencrypt.org\"")),
                List.of("example.com", "www.example.com"));

        assertThat(blocked).extracting(CaaRecords.Blocked::name).containsExactly("example.com", "www.example.com");
        assertThat(blocked.get(1).at()).isEqualTo("example.com");
        assertThat(blocked.get(1).message())
                .contains("0 issue \"letsencrypt.org\"")
                .contains("CAA_ERROR")
                .contains("example.com CAA 0 issue \"amazon.com\"");
    }

    @Test
    void blocked_isEmpty_whenAnAmazonIssuerIsAllowed_orThereIsNoCaaRecord_orOnlyIodef() {
        for (String issuer : List.of("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com")) {
            assertThat(CaaRecords.blocked(
                            "example.com",
                            List.of(caa("example.com", "0 issue \"letsencrypt.org\"", "0 issue \"" + issuer + "\"")),
                            List.of("example.com")))
                    .as(issuer)
                    .isEmpty();
        }
        assertThat(CaaRecords.blocked("example.com", List.of(), List.of("example.com")))
                .isEmpty();
        assertThat(CaaRecords.blocked(
                        "example.com",
                        List.of(caa("example.com", "0 iodef \"mailto:security@example.com\"")),
                        List.of("example.com")))
                .isEmpty();
    }

    @Test
    void blocked_theClosestNameWithCaaRecordsDecides_andTheClimbStopsThere() {
        List<ResourceRecordSet> records = List.of(
                caa("example.com", "0 issue \"letsencrypt.org\""), caa("www.example.com", "0 issue \"amazon.com\""));

        assertThat(CaaRecords.blocked("example.com", records, List.of("www.example.com", "api.example.com")))
                .extracting(CaaRecords.Blocked::name)
                .containsExactly("api.example.com");
    }

    @Test
    void blocked_aWildcardUsesIssuewildWhenPresent_elseIssue() {
        List<ResourceRecordSet> wildOnlyOthers =
                List.of(caa("example.com", "0 issue \"amazon.com\"", "0 issuewild \"letsencrypt.org\""));
        List<ResourceRecordSet> issueOnly = List.of(caa("example.com", "0 issue \"amazon.com\""));

        assertThat(CaaRecords.blocked("example.com", wildOnlyOthers, List.of("*.example.com", "example.com")))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.name()).isEqualTo("*.example.com");
                    assertThat(b.property()).isEqualTo("issuewild");
                });
        assertThat(CaaRecords.blocked("example.com", issueOnly, List.of("*.example.com")))
                .isEmpty();
    }

    @Test
    void blocked_anEmptyIssuerForbidsEveryAuthority_andAnUnknownCriticalTagToo() {
        assertThat(CaaRecords.blocked(
                        "example.com", List.of(caa("example.com", "0 issue \";\"")), List.of("example.com")))
                .hasSize(1);
        assertThat(CaaRecords.blocked(
                        "example.com",
                        List.of(caa("example.com", "0 issue \"amazon.com\"", "128 tbs \"unknown\"")),
                        List.of("example.com")))
                .hasSize(1);
    }

    @Test
    void parse_readsFlagsTagAndTheIssuerBeforeItsParameters() {
        assertThat(CaaRecords.parse("0 issue \"Amazon.com; account=123\""))
                .contains(new CaaRecords.Property(false, "issue", "amazon.com"));
        assertThat(CaaRecords.parse("128 issuewild \"amazontrust.com\""))
                .contains(new CaaRecords.Property(true, "issuewild", "amazontrust.com"));
        assertThat(CaaRecords.parse("garbage")).isEmpty();
    }

    @Test
    void blocked_recordsAboveTheZoneApexAreNotSeen() {
        assertThat(CaaRecords.blocked(
                        "app.example.com",
                        List.of(caa("example.com", "0 issue \"letsencrypt.org\"")),
                        List.of("app.example.com")))
                .isEmpty();
    }
}
