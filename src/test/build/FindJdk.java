import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK of one feature version for a run of the integration suite, and links it where the run
 * expects it: {@code java FindJdk.java <version> <link> [<home>]}. A home given (-Djdk25.home) must be
 * that version; else it looks where JDKs are installed: JAVA_HOME_<version>_X64 and JAVA<version>_HOME,
 * Maven's toolchains.xml, /usr/lib/jvm, /usr/java, /opt, SDKMAN!, IntelliJ's and Gradle's JDKs, macOS's
 * JavaVirtualMachines. Where there is none, the link leads to the JDK running this, the run's tests
 * skip themselves with the reason, and this says so loudly; in CI (the environment variable CI set)
 * it fails the build instead.
 */
public class FindJdk {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    public static void main(String[] args) throws IOException {
        int feature = Integer.parseInt(args[0]);
        Path link = Path.of(args[1]);
        String given = args.length > 2 && !args[2].isBlank() && !args[2].startsWith("${") ? args[2] : null;
        Path home;
        if (given != null) {
            home = Path.of(given);
            if (!isJdk(home, feature)) {
                fail("the JDK given (" + given + ") is not a JDK " + feature);
            }
        } else {
            home = candidates(feature).stream().filter(candidate -> isJdk(candidate, feature)).findFirst().orElse(null);
        }
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        if (home != null) {
            Files.createSymbolicLink(link, home.toRealPath());
            System.out.println("[INFO] JDK " + feature + " for its run: " + home.toRealPath());
            return;
        }
        Files.createSymbolicLink(link, Path.of(System.getProperty("java.home")));
        String missing = "no JDK " + feature + " was found (looked at JAVA_HOME_" + feature + "_X64, JAVA" + feature
                + "_HOME, ~/.m2/toolchains.xml, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks, ~/.gradle/jdks,"
                + " /Library/Java/JavaVirtualMachines): install one, or name it with -Djdk" + feature + ".home=<path>";
        if (System.getenv("CI") != null) {
            fail(missing + "; CI runs every run of the suite");
        }
        System.out.println("[WARNING] " + "=".repeat(100));
        System.out.println("[WARNING] " + missing + ".");
        System.out.println("[WARNING] The run on JDK " + feature + " (wildfly-jdk" + feature + ") is SKIPPED.");
        System.out.println("[WARNING] " + "=".repeat(100));
    }

    private static void fail(String why) {
        System.err.println("[ERROR] " + why);
        System.exit(1);
    }

    /** Where JDKs are found, in order: the environment's names for one, Maven's toolchains, then installations. */
    private static List<Path> candidates(int feature) throws IOException {
        Set<Path> candidates = new LinkedHashSet<>();
        Map<String, String> environment = System.getenv();
        environment.forEach((name, value) -> {
            if (name.matches("JAVA_HOME_" + feature + "(_.*)?") || name.equals("JAVA" + feature + "_HOME")) {
                candidates.add(Path.of(value));
            }
        });
        Path home = Path.of(System.getProperty("user.home"));
        Path toolchains = home.resolve(".m2/toolchains.xml");
        if (Files.isRegularFile(toolchains)) {
            Matcher jdkHome = Pattern.compile("<jdkHome>\\s*([^<]+?)\\s*</jdkHome>").matcher(Files.readString(toolchains));
            while (jdkHome.find()) {
                candidates.add(Path.of(jdkHome.group(1)));
            }
        }
        for (Path parent : List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt"), Path.of("/opt/java"),
                home.resolve(".sdkman/candidates/java"), home.resolve(".jdks"), home.resolve(".gradle/jdks"),
                Path.of("/Library/Java/JavaVirtualMachines"))) {
            candidates.addAll(children(parent));
        }
        List<Path> all = new ArrayList<>();
        for (Path candidate : candidates) {
            all.add(candidate);
            all.add(candidate.resolve("Contents/Home")); // macOS bundles
        }
        return all;
    }

    private static List<Path> children(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.sorted().toList();
        }
    }

    /** Whether {@code home} is a JDK (its {@code release} file, a {@code javac}) of {@code feature}. */
    private static boolean isJdk(Path home, int feature) {
        try {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/javac"))) {
                return false;
            }
            Matcher version = VERSION.matcher(Files.readString(release));
            return version.find() && Integer.parseInt(version.group(1)) == feature;
        } catch (IOException e) {
            return false;
        }
    }
}
