package io.github.httpssetup.core.internal;

import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** The partition a region belongs to, as ARNs spell it; the one place the project decides it. */
public final class Partitions {

    private Partitions() {}

    /**
     * The partition of a region from the SDK's region metadata: {@code aws}, {@code aws-cn}, {@code aws-us-gov},
     * {@code aws-iso}, ... (a region the metadata does not know falls in {@code aws}). Makes no AWS call.
     *
     * @param region a region code such as {@code ap-northeast-2}
     * @return the partition id
     */
    public static String of(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }
}
