package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The log of the server this run deploys to, with the files its handler rolled over to. */
final class ServerLog {

    private ServerLog() {
    }

    /** Each file's text: the log and its predecessors (Payara's are named log.0, log.1, ...). */
    static List<String> files() {
        Path log = Path.of(ReceiverWar.property("capydb.it.server.log"));
        try (Stream<Path> all = Files.list(log.getParent())) {
            // Not the lock file java.util.logging keeps beside a log while its server runs.
            List<String> texts = all.filter(f -> f.getFileName().toString().startsWith(log.getFileName().toString())
                            && !f.getFileName().toString().endsWith(".lck"))
                    .sorted()
                    .map(ServerLog::read)
                    .toList();
            assertFalse(texts.isEmpty(), "no server log at " + log);
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The records, across all files, that contain {@code text}, each as one line. Most servers write a
     * record per line; Payara Server and GlassFish write the message of a record on the lines after its
     * header, between {@code [[} and {@code ]]}, which this joins to the header.
     */
    static List<String> linesContaining(String text) {
        return files().stream().flatMap(ServerLog::records).filter(line -> line.contains(text)).toList();
    }

    private static Stream<String> records(String text) {
        List<String> records = new ArrayList<>();
        StringBuilder open = null; // a record whose [[ has not been closed yet
        for (String line : text.lines().toList()) {
            if (open != null) {
                open.append(' ').append(line);
                if (line.endsWith("]]")) {
                    records.add(open.toString());
                    open = null;
                }
            } else if (line.endsWith("[[")) {
                open = new StringBuilder(line);
            } else {
                records.add(line);
            }
        }
        if (open != null) {
            records.add(open.toString());
        }
        return records.stream();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
