package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionsTest {

    @Test
    void of_eachPartitionsRegion_givesItsPartition_asArnsSpellIt() {
        assertThat(Partitions.of("ap-northeast-2")).isEqualTo("aws");
        assertThat(Partitions.of("cn-north-1")).isEqualTo("aws-cn");
        assertThat(Partitions.of("us-gov-west-1")).isEqualTo("aws-us-gov");
        assertThat(Partitions.of("us-iso-east-1")).isEqualTo("aws-iso");
    }
}
