package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.events.EventPublisher;
import dev.capydb.authsync.internal.mirroring.Mirror;
import dev.capydb.authsync.internal.mirroring.MirrorException;
import dev.capydb.authsync.internal.mirroring.MirrorWrite;
import dev.capydb.authsync.internal.mirroring.SeenObjects;
import dev.capydb.authsync.internal.normalization.InvalidPayloadException;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import dev.capydb.authsync.internal.providers.Provider;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk of a backfill: each user, organization or membership, as the body its provider
 * would have sent, through the provider's normalizer and the webhooks' own write path as a snapshot
 * of the object, so the ordering guard and soft delete hold as for a webhook, and the mirror tells
 * an object it inserts ({@code UserCreated}, {@code OrganizationCreated}, {@code MemberAdded}) from
 * one it changes ({@code …Updated}). Each object's delivery key is its row and source time: a second
 * run, or a chunk retried after a crash, finds it recorded and changes nothing. In a reconciliation
 * (a {@link SourceWalk} is the job's transient data), it also records each object read for the run,
 * for the sweep that looks for what the source no longer holds.
 */
@Named("capydbBackfillWriter")
@Dependent
public class BackfillWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String provider;

    @Inject
    Mirror mirror;

    @Inject
    StepContext step;

    @Inject
    JobContext job;

    @Inject
    RunningBackfills running;

    @Inject
    EventPublisher events;

    @Inject
    SeenObjects seen;

    /**
     * The delivery key of a snapshot: its row and source time, so that the same object unchanged is
     * recognised by a second run. A user's key is its id alone, as before organizations were mirrored.
     */
    static String key(NormalizedEvent event) {
        String row = switch (event.subject()) {
            case USER -> event.subjectId();
            case ORGANIZATION -> "organization:" + event.subjectId();
            case MEMBERSHIP -> "membership:" + event.subjectId();
        };
        return "backfill:" + row + "@" + event.sourceTime();
    }

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        // A copy: a chunk that fails leaves the checkpoint's counts as they were.
        BackfillCounts counts = ((BackfillCounts) step.getPersistentUserData()).copy();
        Provider source = Provider.byId(provider).orElseThrow(() -> new IllegalStateException("No provider " + provider));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<MirrorWrite> writes = new ArrayList<>(items.size());
        for (Object item : items) {
            counts.read++;
            try {
                NormalizedEvent event = source.normalizer().normalize((JsonObject) item).asSnapshot();
                writes.add(new MirrorWrite(provider, key(event), now, event, now));
            } catch (InvalidPayloadException e) {
                counts.skip(e.getMessage());
            }
        }
        List<Mirror.Result> results = mirror.applyAll(writes,
                (write, outcome) -> events.changed(provider, write.event(), outcome, write.deletedAt()));
        for (Mirror.Result result : results) {
            MirrorException failure = result.failure();
            if (failure != null && !failure.isPermanent()) {
                throw failure; // the chunk fails; a restart resumes from the last checkpoint
            } else if (failure != null) {
                counts.skip("the database refused a value (" + failure.reason() + ")");
            } else {
                counts.count(result.value());
            }
        }
        if (job.getTransientUserData() instanceof SourceWalk walk) {
            seen.seen(walk.runId(), writes.stream().map(MirrorWrite::event).toList());
            walk.counted(counts);
        }
        step.setPersistentUserData(counts);
        running.update(job.getExecutionId(), counts);
    }
}
