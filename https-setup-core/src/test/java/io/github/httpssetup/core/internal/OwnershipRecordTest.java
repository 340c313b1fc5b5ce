package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class OwnershipRecordTest {

    @Test
    void recordSet_isAQuotedTxtAtTheUnderscoreName_withTtl300() {
        ResourceRecordSet set = OwnershipRecord.recordSet("WWW.Example.com", "shop");

        assertThat(set.name()).isEqualTo("_https-setup.www.example.com.");
        assertThat(set.type()).isEqualTo(RRType.TXT);
        assertThat(set.ttl()).isEqualTo(300L);
        assertThat(set.resourceRecords()).extracting(r -> r.value()).containsExactly("\"https-setup:stack=shop\"");
    }

    @Test
    void ownedName_whenTheMarkIsTheStacks_givesTheNameItMarks() {
        assertThat(OwnershipRecord.ownedName(
                        txt("_https-setup.www.example.com.", "\"https-setup:stack=shop\""), "shop"))
                .contains("www.example.com");
    }

    @Test
    void ownedName_whenTheMarkIsAnotherStacks_orTheRecordIsSomethingElse_isEmpty() {
        assertThat(OwnershipRecord.ownedName(txt("_https-setup.example.com.", "\"https-setup:stack=blog\""), "shop"))
                .isEmpty();
        assertThat(OwnershipRecord.ownedName(
                        txt("_https-setup.example.com.", "\"https-setup:stack=shopping\""), "shop"))
                .isEmpty();
        assertThat(OwnershipRecord.ownedName(txt("example.com.", "\"https-setup:stack=shop\""), "shop"))
                .isEmpty();
        assertThat(OwnershipRecord.ownedName(
                        ResourceRecordSet.builder()
                                .name("_https-setup.example.com.")
                                .type(RRType.CNAME)
                                .ttl(300L)
                                .resourceRecords(r -> r.value("https-setup:stack=shop"))
                                .build(),
                        "shop"))
                .isEmpty();
    }

    @Test
    void ownedName_acceptsTheMarkAmongOtherValues_unquoted_orSplitIntoSeveralStrings() {
        assertThat(OwnershipRecord.ownedName(
                        txt("_https-setup.example.com.", "\"v=spf1 -all\"", "\"https-setup:stack=shop\""), "shop"))
                .contains("example.com");
        assertThat(OwnershipRecord.ownedName(txt("_https-setup.example.com.", "https-setup:stack=shop"), "shop"))
                .contains("example.com");
        assertThat(OwnershipRecord.ownedName(
                        txt("_https-setup.example.com.", "\"https-setup:\" \"stack=shop\""), "shop"))
                .contains("example.com");
    }

    @Test
    void ownedName_ofAWildcardName_unescapesRoute53sSpelling() {
        assertThat(OwnershipRecord.ownedName(
                        txt("_https-setup.\\052.example.com.", "\"https-setup:stack=shop\""), "shop"))
                .contains("*.example.com");
    }

    @Test
    void unquote_handlesEscapes() {
        assertThat(OwnershipRecord.unquote("\"a \\\"b\\\" c\"")).isEqualTo("a \"b\" c");
        assertThat(OwnershipRecord.unquote(null)).isEmpty();
    }

    private static ResourceRecordSet txt(String name, String... values) {
        return ResourceRecordSet.builder()
                .name(name)
                .type(RRType.TXT)
                .ttl(300L)
                .resourceRecords(java.util.Arrays.stream(values)
                        .map(v -> ResourceRecord.builder().value(v).build())
                        .toList())
                .build();
    }
}
