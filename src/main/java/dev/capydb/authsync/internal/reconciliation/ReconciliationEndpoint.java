package dev.capydb.authsync.internal.reconciliation;

import dev.capydb.authsync.Reconciliation;
import dev.capydb.authsync.ReconciliationRun;
import dev.capydb.authsync.internal.common.AdminEndpoint;
import dev.capydb.authsync.internal.common.BearerToken;
import dev.capydb.authsync.internal.common.Problem;
import dev.capydb.authsync.internal.config.Settings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' calls of the reconciliation, under {@code /capydb-auth/reconciliation}, with the
 * backfill's secret ({@code Authorization: Bearer <capydb.auth.backfill.secret>}); registered only
 * when that secret is set:
 *
 * <ul>
 * <li>{@code POST /better-auth}, {@code POST /clerk}: starts one, 202 with the run; with
 * {@code ?confirm-deletions=true}, one that deletes past the safety stop; 409 while a run holds the lock;
 * <li>{@code GET /runs}: the latest runs of every provider, the latest first ({@code ?limit=}, 20 by default);
 * <li>{@code GET /runs/<id>}: one run.
 * </ul>
 */
public final class ReconciliationEndpoint extends AdminEndpoint {

    private static final long serialVersionUID = 1L;

    /** Where the calls answer, relative to the context root. */
    public static final String PATH = "/capydb-auth/reconciliation";
    private static final Pattern RUN = Pattern.compile("/runs/([0-9a-f-]{36})");
    private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]{0,2}");
    private static final int DEFAULT_LIMIT = 20;

    public ReconciliationEndpoint(String secret) {
        super(new BearerToken(secret, "capydb-auth-backfill", Settings.BACKFILL_SECRET));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = String.valueOf(request.getPathInfo());
        Matcher run = RUN.matcher(path);
        if (path.equals("/runs")) {
            String limit = request.getParameter("limit");
            if (limit != null && !LIMIT.matcher(limit).matches()) {
                new Problem(400, Problem.INVALID_PARAMETER, "limit is a number from 1 to 999").send(response);
                return;
            }
            answer(response, 200, () -> {
                JsonArrayBuilder runs = JSON.createArrayBuilder();
                reconciliation().latestRuns(limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit))
                        .forEach(each -> runs.add(json(each)));
                return runs.build();
            });
        } else if (run.matches()) {
            answer(response, 200, () -> reconciliation().run(run.group(1)).map(ReconciliationEndpoint::json).orElseThrow());
        } else {
            notFound(response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String provider = String.valueOf(request.getPathInfo()).substring(1);
        if (!ReconciliationJobs.JOBS.containsKey(provider)) {
            notFound(response);
            return;
        }
        boolean confirmDeletions = "true".equals(request.getParameter("confirm-deletions"));
        Reconciliation reconciliation = reconciliation();
        answer(response, 202, () -> json(confirmDeletions ? reconciliation.startConfirmingDeletions(provider)
                : reconciliation.start(provider)));
    }

    /** 404 for no such run, 409 with the reason a run could not start (its lock is held, ...). */
    @Override
    protected Problem refusal(RuntimeException failure) {
        if (failure instanceof NoSuchElementException) {
            return new Problem(404, Problem.NO_SUCH_RUN, "No reconciliation run has this id");
        }
        return failure instanceof IllegalStateException
                ? new Problem(409, Problem.RECONCILIATION_REFUSED, failure.getMessage()) : null;
    }

    private static JsonObject json(ReconciliationRun run) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", run.id())
                .add("provider", run.provider())
                .add("node", run.node())
                .add("startedBy", run.startedBy())
                .add("status", run.status().wireName())
                .add("startedAt", run.startedAt().toString());
        instant(json, "finishedAt", run.finishedAt());
        json.add("read", run.read())
                .add("repaired", run.repaired())
                .add("unchanged", run.unchanged())
                .add("skipped", run.skipped())
                .add("deleted", run.deleted())
                .add("wouldDelete", run.wouldDelete())
                .add("safetyStop", run.safetyStop());
        if (run.detail() != null) {
            json.add("detail", run.detail());
        }
        return json.build();
    }

    private static void instant(JsonObjectBuilder json, String name, Instant value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.toString());
        }
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        new Problem(404, Problem.NOT_FOUND, "No such reconciliation call").send(response);
    }

    private static Reconciliation reconciliation() {
        return CDI.current().select(Reconciliation.class).get();
    }
}
