package io.github.httpssetup.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Seeds, through the SDK, the world the HTTPS recipe starts from: a VPC with an internet gateway and a
 * public route table, public subnets in several availability zones, one private subnet, an application
 * security group, and running instances in one zone.
 *
 * <pre>{@code
 * Ec2World world = Ec2Fixture.builder().instances(2).instanceTags(Map.of("app", "shop")).build()
 *         .seed(aws.client(Ec2Client.builder()));
 * }</pre>
 */
public final class Ec2Fixture {

    /**
     * The image of each endpoint and region, found once: an emulator's catalogue of Amazon images is fixed (a reset
     * restores the same one), and listing it is the costliest call of a seed (moto answers close to 1 MB).
     */
    private static final Map<String, String> IMAGES = new ConcurrentHashMap<>();

    private final int instances;
    private final int publicZones;
    private final int instanceZoneIndex;
    private final Map<String, String> instanceTags;
    private final boolean ipv6;
    private final String name;

    private Ec2Fixture(Builder builder) {
        this.instances = builder.instances;
        this.publicZones = builder.publicZones;
        this.instanceZoneIndex = builder.instanceZoneIndex;
        this.instanceTags = Map.copyOf(builder.instanceTags);
        this.ipv6 = builder.ipv6;
        this.name = builder.name;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the world in the client's region and returns its ids. */
    public Ec2World seed(Ec2Client ec2) {
        List<AvailabilityZone> zones = ec2.describeAvailabilityZones().availabilityZones().stream()
                .sorted(Comparator.comparing(AvailabilityZone::zoneName))
                .toList();
        if (zones.size() < publicZones) {
            throw new IllegalStateException(
                    "The region has " + zones.size() + " availability zones; " + publicZones + " asked");
        }
        String region = zones.get(0).regionName();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")
                        .amazonProvidedIpv6CidrBlock(ipv6)
                        .tagSpecifications(tags(ResourceType.VPC, name)))
                .vpc()
                .vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(a -> a.value(true)));
        String ipv6Block = ipv6
                ? ec2.describeVpcs(r -> r.vpcIds(vpcId))
                        .vpcs()
                        .get(0)
                        .ipv6CidrBlockAssociationSet()
                        .get(0)
                        .ipv6CidrBlock()
                : null;

        String igwId = ec2.createInternetGateway(r -> r.tagSpecifications(tags(ResourceType.INTERNET_GATEWAY, name)))
                .internetGateway()
                .internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igwId).vpcId(vpcId));
        String routeTableId = ec2.createRouteTable(
                        r -> r.vpcId(vpcId).tagSpecifications(tags(ResourceType.ROUTE_TABLE, name + "-public")))
                .routeTable()
                .routeTableId();
        ec2.createRoute(r ->
                r.routeTableId(routeTableId).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId));
        if (ipv6) {
            ec2.createRoute(r -> r.routeTableId(routeTableId)
                    .destinationIpv6CidrBlock("::/0")
                    .gatewayId(igwId));
        }

        Map<String, String> publicSubnets = new LinkedHashMap<>();
        for (int i = 0; i < publicZones; i++) {
            String zone = zones.get(i).zoneName();
            String subnetId =
                    createSubnet(ec2, vpcId, zone, "10.0." + i + ".0/24", ipv6Block, i, name + "-public-" + zone);
            ec2.associateRouteTable(r -> r.routeTableId(routeTableId).subnetId(subnetId));
            publicSubnets.put(zone, subnetId);
        }
        String instanceZone = zones.get(instanceZoneIndex).zoneName();
        String privateSubnetId = createSubnet(
                ec2, vpcId, instanceZone, "10.0.100.0/24", ipv6Block, 100, name + "-private-" + instanceZone);

        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId)
                        .groupName(name + "-app")
                        .description("application instances")
                        .tagSpecifications(tags(ResourceType.SECURITY_GROUP, name + "-app")))
                .groupId();

        List<String> instanceIds = new ArrayList<>();
        if (instances > 0) {
            String subnetId = publicSubnets.getOrDefault(instanceZone, privateSubnetId);
            String imageId = anyImage(ec2);
            List<Tag> tags = new ArrayList<>();
            tags.add(Tag.builder().key("Name").value(name + "-app").build());
            instanceTags.forEach(
                    (k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            List<Instance> started = ec2.runInstances(r -> r.imageId(imageId)
                            .instanceType(InstanceType.T3_MICRO)
                            .minCount(instances)
                            .maxCount(instances)
                            .subnetId(subnetId)
                            .securityGroupIds(groupId)
                            .tagSpecifications(TagSpecification.builder()
                                    .resourceType(ResourceType.INSTANCE)
                                    .tags(tags)
                                    .build()))
                    .instances();
            started.forEach(instance -> instanceIds.add(instance.instanceId()));
            ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(instanceIds));
        }
        return new Ec2World(
                region, vpcId, igwId, routeTableId, publicSubnets, privateSubnetId, groupId, instanceIds, instanceZone);
    }

    /** Stops the instances (as a user's stopped instance would be). */
    public static void stop(Ec2Client ec2, List<String> instanceIds) {
        ec2.stopInstances(r -> r.instanceIds(instanceIds));
        ec2.waiter().waitUntilInstanceStopped(r -> r.instanceIds(instanceIds));
    }

    /** Reads whether the instance is running. */
    public static boolean running(Ec2Client ec2, String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId))
                        .reservations()
                        .get(0)
                        .instances()
                        .get(0)
                        .state()
                        .name()
                == InstanceStateName.RUNNING;
    }

    private static String createSubnet(
            Ec2Client ec2, String vpcId, String zone, String cidr, String ipv6Block, int index, String name) {
        return ec2.createSubnet(r -> {
                    r.vpcId(vpcId)
                            .availabilityZone(zone)
                            .cidrBlock(cidr)
                            .tagSpecifications(tags(ResourceType.SUBNET, name));
                    if (ipv6Block != null) {
                        r.ipv6CidrBlock(ipv6Subnet(ipv6Block, index));
                    }
                })
                .subnet()
                .subnetId();
    }

    /** The index-th /64 of a VPC's /56 block, e.g. {@code 2600:1f18:aaaa:bb00::/56} → {@code 2600:1f18:aaaa:bb01::/64}. */
    static String ipv6Subnet(String vpcBlock, int index) {
        String prefix = vpcBlock.substring(0, vpcBlock.indexOf("::"));
        String[] groups = prefix.split(":");
        int last = Integer.parseInt(groups[groups.length - 1], 16);
        groups[groups.length - 1] = Integer.toHexString((last & 0xff00) | (index & 0xff));
        return String.join(":", groups) + "::/64";
    }

    private static String anyImage(Ec2Client ec2) {
        String key = ec2.serviceClientConfiguration()
                        .endpointOverride()
                        .map(Object::toString)
                        .orElse("aws") + " " + ec2.serviceClientConfiguration().region();
        return IMAGES.computeIfAbsent(key, k -> findImage(ec2));
    }

    private static String findImage(Ec2Client ec2) {
        // One family first: moto serialises a few images in milliseconds and its whole catalogue in seconds (the
        // smallest id of this family is the smallest of all its Amazon x86_64 images, so the choice is the same).
        List<Image> images = ec2.describeImages(r -> r.owners("amazon")
                        .filters(
                                Filter.builder()
                                        .name("architecture")
                                        .values("x86_64")
                                        .build(),
                                Filter.builder()
                                        .name("name")
                                        .values("amzn-ami-minimal-hvm-*")
                                        .build()))
                .images();
        if (images.isEmpty()) {
            images = ec2.describeImages(r -> r.owners("amazon")
                            .filters(Filter.builder()
                                    .name("architecture")
                                    .values("x86_64")
                                    .build()))
                    .images();
        }
        if (images.isEmpty()) {
            images = ec2.describeImages(r -> r.owners("amazon")).images();
        }
        return images.stream()
                .map(Image::imageId)
                .sorted()
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("The emulator knows no Amazon image to start instances from"));
    }

    private static TagSpecification tags(ResourceType type, String name) {
        return TagSpecification.builder()
                .resourceType(type)
                .tags(Tag.builder().key("Name").value(name).build())
                .build();
    }

    /** Builder of {@link Ec2Fixture}. */
    public static final class Builder {
        private int instances = 1;
        private int publicZones = 3;
        private int instanceZoneIndex = 0;
        private Map<String, String> instanceTags = Map.of();
        private boolean ipv6 = false;
        private String name = "fixture";

        private Builder() {}

        /** How many running instances (default 1); 0 for none. */
        public Builder instances(int instances) {
            if (instances < 0) {
                throw new IllegalArgumentException("instances must be >= 0");
            }
            this.instances = instances;
            return this;
        }

        /** How many availability zones get a public subnet (default 3). */
        public Builder publicZones(int publicZones) {
            if (publicZones < 0) {
                throw new IllegalArgumentException("publicZones must be >= 0");
            }
            this.publicZones = publicZones;
            return this;
        }

        /** Which zone (index in name order, default 0) holds the instances and the private subnet. */
        public Builder instanceZoneIndex(int index) {
            this.instanceZoneIndex = index;
            return this;
        }

        /** Tags put on the instances, besides {@code Name}. */
        public Builder instanceTags(Map<String, String> tags) {
            this.instanceTags = Objects.requireNonNull(tags, "tags");
            return this;
        }

        /** Gives the VPC and its subnets IPv6 blocks and the public route table a {@code ::/0} route. */
        public Builder ipv6(boolean ipv6) {
            this.ipv6 = ipv6;
            return this;
        }

        /** Prefix of the Name tags (default {@code fixture}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Ec2Fixture build() {
            return new Ec2Fixture(this);
        }
    }
}
