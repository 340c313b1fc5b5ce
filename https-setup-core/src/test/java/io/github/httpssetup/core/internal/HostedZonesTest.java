package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.model.Tag;

class HostedZonesTest {

    @Test
    void tagChunks_putTheOwnershipTagFirst_andAtMostTenPerCall() {
        Map<String, String> tags = new LinkedHashMap<>();
        IntStream.rangeClosed(1, 12).forEach(i -> tags.put("k" + i, "v"));
        tags.put("https-setup:stack", "shop");

        List<List<Tag>> chunks = HostedZones.tagChunks(tags);

        assertThat(chunks).extracting(List::size).containsExactly(10, 3);
        assertThat(chunks.get(0).get(0).key()).isEqualTo("https-setup:stack");
        assertThat(chunks.stream().flatMap(List::stream).map(Tag::key))
                .hasSize(13)
                .doesNotHaveDuplicates();
    }

    @Test
    void route53Region_isTheGlobalRegionOfTheSpecsPartition() {
        assertThat(AwsClients.route53Region("ap-northeast-2")).isEqualTo(Region.AWS_GLOBAL);
        assertThat(AwsClients.route53Region("cn-northwest-1")).isEqualTo(Region.AWS_CN_GLOBAL);
        assertThat(AwsClients.route53Region("us-gov-west-1")).isEqualTo(Region.AWS_US_GOV_GLOBAL);
    }

    @Test
    void zoneScope_flagsNamesOutsideTheZoneAtADotBoundary_andAtOrBelowADelegation() {
        States.Zone zone = new States.Zone("Z1", "example.com", List.of());
        java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of(
                "example.com", "www.example.com", "shopexample.com", "sub.example.com", "*.api.sub.example.com"));

        List<String> problems = ZoneScope.problems(names, zone, List.of("sub.example.com"));

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("\"shopexample.com\" is outside example.com");
        assertThat(problems.get(1)).startsWith("\"sub.example.com\" is at \"sub.example.com\"");
        assertThat(problems.get(2)).startsWith("\"*.api.sub.example.com\" is below \"sub.example.com\"");
    }
}
