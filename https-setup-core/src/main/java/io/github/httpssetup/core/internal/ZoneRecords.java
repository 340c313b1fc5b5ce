package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The record sets of one hosted zone, read once per run and shared by the certificate (validation
 * records) and the alias records, plus the writes both need.
 */
final class ZoneRecords {

    private final Run run;
    private final String zoneId;
    private final List<ResourceRecordSet> records;

    private ZoneRecords(Run run, String zoneId, List<ResourceRecordSet> records) {
        this.run = run;
        this.zoneId = zoneId;
        this.records = records;
    }

    /**
     * Reads every record set of the zone (one call per 300 records). A page can end inside a group of record sets of
     * one name and type (weighted, latency, failover... records): the next page then starts at its identifier too.
     */
    static ZoneRecords read(Run run, String zoneId) {
        List<ResourceRecordSet> all = new ArrayList<>();
        String nextName = null;
        RRType nextType = null;
        String nextIdentifier = null;
        do {
            String name = nextName;
            RRType type = nextType;
            String identifier = nextIdentifier;
            ListResourceRecordSetsResponse page = run.route53().listResourceRecordSets(r -> {
                r.hostedZoneId(zoneId).maxItems("300");
                if (name != null) {
                    r.startRecordName(name).startRecordType(type).startRecordIdentifier(identifier);
                }
            });
            all.addAll(page.resourceRecordSets());
            boolean more = Boolean.TRUE.equals(page.isTruncated()) && page.nextRecordName() != null;
            nextName = more ? page.nextRecordName() : null;
            nextType = more ? page.nextRecordType() : null;
            nextIdentifier = more ? page.nextRecordIdentifier() : null;
        } while (nextName != null);
        return new ZoneRecords(run, zoneId, all);
    }

    /** The record set with that name and type, if any. */
    Optional<ResourceRecordSet> find(String name, RRType type) {
        String n = DnsNames.normalize(name);
        return records.stream()
                .filter(r -> r.type() == type && DnsNames.normalize(r.name()).equals(n))
                .findFirst();
    }

    List<ResourceRecordSet> all() {
        return records;
    }

    String zoneId() {
        return zoneId;
    }

    /** One record set to write and how: Route 53's change (not the plan's {@link io.github.httpssetup.core.Change}). */
    record Write(Change change) {}

    /** Sends one change batch and waits until Route 53 reports it INSYNC. */
    static void change(Run run, String zoneId, List<Write> writes, String comment, boolean waitInSync) {
        if (writes.isEmpty()) {
            return;
        }
        List<Change> changes = writes.stream().map(Write::change).toList();
        ChangeResourceRecordSetsResponse response;
        try {
            response = run.route53()
                    .changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                            .changeBatch(b -> b.comment(comment).changes(changes)));
        } finally {
            run.invalidate(ResourceKind.ALIAS_RECORD);
        }
        if (!waitInSync || response.changeInfo().status() == ChangeStatus.INSYNC) {
            return;
        }
        String changeId = response.changeInfo().id();
        run.await(
                "dns",
                "waiting for Route 53 to apply the change (" + comment + ")",
                run.spec().waitTimeout(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                () -> run.route53().getChange(r -> r.id(changeId)).changeInfo().status() == ChangeStatus.INSYNC
                        ? Optional.of(Boolean.TRUE)
                        : Optional.empty(),
                () -> new HttpsSetupException(
                        ErrorCode.WAIT_TIMEOUT,
                        "Route 53 did not apply change " + changeId
                                + " within " + run.spec().waitTimeout().toMinutes()
                                + " min; it usually takes under a minute."
                                + " Run again later: the records are in place and the run is safe to repeat."));
    }

    static Write upsert(ResourceRecordSet set) {
        return new Write(Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(set)
                .build());
    }

    static Write delete(ResourceRecordSet set) {
        return new Write(Change.builder()
                .action(ChangeAction.DELETE)
                .resourceRecordSet(set)
                .build());
    }
}
