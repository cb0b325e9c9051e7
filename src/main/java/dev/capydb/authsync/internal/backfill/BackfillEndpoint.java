package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.Backfill;
import dev.capydb.authsync.BackfillProgress;
import dev.capydb.authsync.internal.common.AdminEndpoint;
import dev.capydb.authsync.internal.common.BearerToken;
import dev.capydb.authsync.internal.common.Problem;
import dev.capydb.authsync.internal.config.Settings;
import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' calls of the backfill, under {@code /capydb-auth/backfill}, each with
 * {@code Authorization: Bearer <capydb.auth.backfill.secret>}; registered only when that secret is
 * set:
 *
 * <ul>
 * <li>{@code POST /better-auth}, {@code POST /clerk}: starts one, 202 with its progress;
 * <li>{@code GET /executions/<id>}: its progress;
 * <li>{@code POST /executions/<id>/stop}, {@code POST /executions/<id>/restart}.
 * </ul>
 */
public final class BackfillEndpoint extends AdminEndpoint {

    private static final long serialVersionUID = 1L;

    /** Where the calls answer, relative to the context root. */
    public static final String PATH = "/capydb-auth/backfill";
    private static final Pattern EXECUTION = Pattern.compile("/executions/(\\d{1,18})(/stop|/restart)?");

    public BackfillEndpoint(String secret) {
        super(new BearerToken(secret, "capydb-auth-backfill", Settings.BACKFILL_SECRET));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher execution = EXECUTION.matcher(String.valueOf(request.getPathInfo()));
        if (execution.matches() && execution.group(2) == null) {
            answer(response, 200, () -> json(backfill().progress(Long.parseLong(execution.group(1)))));
        } else {
            notFound(response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = String.valueOf(request.getPathInfo());
        Matcher execution = EXECUTION.matcher(path);
        Backfill backfill = backfill();
        if (path.equals("/better-auth")) {
            answer(response, 202, () -> json(backfill.progress(backfill.startBetterAuth())));
        } else if (path.equals("/clerk")) {
            answer(response, 202, () -> json(backfill.progress(backfill.startClerk())));
        } else if (execution.matches() && "/stop".equals(execution.group(2))) {
            long id = Long.parseLong(execution.group(1));
            answer(response, 202, () -> {
                backfill.stop(id);
                return json(backfill.progress(id));
            });
        } else if (execution.matches() && "/restart".equals(execution.group(2))) {
            answer(response, 202, () -> json(backfill.progress(backfill.restart(Long.parseLong(execution.group(1))))));
        } else {
            notFound(response);
        }
    }

    /** 404 for an unknown execution, 409 with the batch runtime's reason (not running, ...). */
    @Override
    protected Problem refusal(RuntimeException failure) {
        if (failure instanceof NoSuchJobExecutionException) {
            return new Problem(404, Problem.NO_SUCH_EXECUTION, "No backfill has this execution id");
        }
        return failure instanceof BatchRuntimeException
                ? new Problem(409, Problem.BACKFILL_REFUSED, failure.getClass().getSimpleName()) : null;
    }

    private static JsonObject json(BackfillProgress progress) {
        JsonObjectBuilder reasons = JSON.createObjectBuilder();
        progress.skipReasons().forEach(reasons::add);
        return JSON.createObjectBuilder()
                .add("execution", progress.executionId())
                .add("job", progress.job())
                .add("status", progress.status())
                .add("total", progress.total())
                .add("read", progress.read())
                .add("mirrored", progress.mirrored())
                .add("unchanged", progress.unchanged())
                .add("skipped", progress.skipped())
                .add("skipReasons", reasons)
                .build();
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        new Problem(404, Problem.NOT_FOUND, "No such backfill call").send(response);
    }

    private static Backfill backfill() {
        return CDI.current().select(Backfill.class).get();
    }
}
