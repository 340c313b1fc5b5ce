package io.github.httpssetup.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** The tags of Elastic Load Balancing resources (load balancers, listeners, rules, target groups). */
final class ElbTags {

    /** ELB's {@code DescribeTags} takes at most 20 ARNs. */
    static final int PER_CALL = 20;

    private ElbTags() {}

    /** ARN → tags (key → value, in ELB's order), one {@code DescribeTags} per 20 ARNs; none for no ARN. */
    static Map<String, Map<String, String>> read(Run run, Collection<String> arns) {
        Map<String, Map<String, String>> tags = new TreeMap<>();
        List<String> list = new ArrayList<>(arns);
        for (int i = 0; i < list.size(); i += PER_CALL) {
            List<String> chunk = list.subList(i, Math.min(list.size(), i + PER_CALL));
            for (TagDescription d :
                    run.aws().elb().describeTags(r -> r.resourceArns(chunk)).tagDescriptions()) {
                tags.put(
                        d.resourceArn(),
                        d.tags().stream()
                                .collect(Collectors.toMap(
                                        Tag::key,
                                        t -> t.value() == null ? "" : t.value(),
                                        (a, b) -> b,
                                        LinkedHashMap::new)));
            }
        }
        return tags;
    }
}
