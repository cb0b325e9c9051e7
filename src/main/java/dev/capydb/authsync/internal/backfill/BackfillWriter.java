package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.events.UserCreated;
import dev.capydb.authsync.events.UserUpdated;
import dev.capydb.authsync.internal.common.Outcome;
import dev.capydb.authsync.internal.events.EventPublisher;
import dev.capydb.authsync.internal.mirroring.MirrorException;
import dev.capydb.authsync.internal.mirroring.UserMirror;
import dev.capydb.authsync.internal.mirroring.UserWrite;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chunk of a backfill: each user, as the body its provider would have sent, through the
 * provider's normalizer and the webhooks' own write path as a snapshot of the user, so the ordering
 * guard and soft delete hold as for a webhook, and the mirror tells a user it inserts
 * ({@code UserCreated}) from one it changes ({@code UserUpdated}). Each user's delivery key is its id
 * and source time: a second run, or a chunk retried after a crash, finds it recorded and changes nothing.
 */
@Named("capydbBackfillWriter")
@Dependent
public class BackfillWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String provider;

    @Inject
    UserMirror mirror;

    @Inject
    StepContext step;

    @Inject
    JobContext job;

    @Inject
    RunningBackfills running;

    @Inject
    EventPublisher events;

    @Override
    public void writeItems(List<Object> items) {
        // A copy: a chunk that fails leaves the checkpoint's counts as they were.
        BackfillCounts counts = ((BackfillCounts) step.getPersistentUserData()).copy();
        Provider source = Provider.byId(provider).orElseThrow(() -> new IllegalStateException("No provider " + provider));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UserWrite> writes = new ArrayList<>(items.size());
        for (Object item : items) {
            counts.read++;
            try {
                NormalizedEvent event = source.normalizer().normalize((JsonObject) item).asSnapshot();
                writes.add(new UserWrite(provider, "backfill:" + event.user().id() + "@" + event.sourceTime(), now,
                        event, now));
            } catch (InvalidPayloadException e) {
                counts.skip(e.getMessage());
            }
        }
        List<UserMirror.Result> results = mirror.applyAll(writes, (write, outcome) -> {
            if (outcome == Outcome.INSERTED) {
                events.userChanged(new UserCreated(provider, write.event().user()));
            } else if (outcome == Outcome.CHANGED) {
                events.userChanged(new UserUpdated(provider, write.event().user()));
            }
        });
        for (UserMirror.Result result : results) {
            MirrorException failure = result.failure();
            if (failure != null && !failure.isPermanent()) {
                throw failure; // the chunk fails; a restart resumes from the last checkpoint
            } else if (failure != null) {
                counts.skip("the database refused a value (" + failure.reason() + ")");
            } else {
                counts.count(result.value());
            }
        }
        step.setPersistentUserData(counts);
        running.update(job.getExecutionId(), counts);
    }
}
