package dev.capydb.authsync.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sends webhooks as a provider would, signing with the JDK directly, independent of the library. */
public final class Webhooks {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Webhooks() {
    }

    public static String hmacSha256Hex(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code path} relative to a deployment's base URL. */
    public static URI resolve(URL base, String path) {
        try {
            return base.toURI().resolve(path);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    public static HttpResponse<String> post(URI uri, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    /** Posts a JSON {@code body} with {@code headers} (the signature's) to {@code provider}'s receiver under {@code base}. */
    public static HttpResponse<String> deliver(URL base, String provider, byte[] body, Map<String, String> headers) {
        return deliver(resolve(base, "capydb-auth/webhooks/" + provider), body, headers);
    }

    /** Posts a JSON {@code body} with {@code headers} (the signature's) to {@code uri}. */
    public static HttpResponse<String> deliver(URI uri, byte[] body, Map<String, String> headers) {
        String[] flat = Stream.concat(Stream.of("Content-Type", "application/json"),
                headers.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))).toArray(String[]::new);
        return post(uri, body, flat);
    }

    public static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Applies {@code task} to every item on {@code threads} threads released at once; the results in item order. */
    public static <T, R> List<R> concurrently(int threads, List<T> items, Function<T, R> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                Callable<R> call = () -> {
                    start.await();
                    return task.apply(item);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
