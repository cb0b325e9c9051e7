package dev.capydb.authsync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The package structure of docs/architecture.md, checked on every build: the ranks its drawing shows,
 * read from the drawing itself, no package cycle, and a public API that stands on its own.
 */
@AnalyzeClasses(packages = "dev.capydb.authsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String INTERNAL = "dev.capydb.authsync.internal.";
    /** The packages a line of the drawing starts with, each {@code internal.<name>}. */
    private static final Pattern DRAWN_PACKAGE = Pattern.compile("\\Ginternal\\.([a-z]+)\\s+");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.capydb.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule thePublicApiImportsNoInternals = noClasses()
            .that().resideInAnyPackage("dev.capydb.authsync", "dev.capydb.authsync.events", "dev.capydb.authsync.sender")
            .should().dependOnClassesThat().resideInAPackage("dev.capydb.authsync.internal..");

    /** A package uses only the packages drawn on lines below its own: none beside it, none above. */
    @ArchTest
    static void everyPackageUsesOnlyThePackagesDrawnBelowIt(JavaClasses classes) throws IOException {
        List<List<String>> ranks = drawnRanks();
        Set<String> drawn = ranks.stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = classes.stream().map(JavaClass::getPackageName).filter(name -> name.startsWith(INTERNAL))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(present, drawn, "every internal package is drawn in docs/architecture.md, once");
        List<String> atOrAbove = new ArrayList<>();
        for (List<String> rank : ranks) {
            atOrAbove.addAll(rank);
            for (String pkg : rank) {
                String[] forbidden = atOrAbove.stream().filter(other -> !other.equals(pkg)).toArray(String[]::new);
                noClasses().that().resideInAPackage(pkg).should().dependOnClassesThat().resideInAnyPackage(forbidden)
                        .because("docs/architecture.md draws " + pkg + " below them")
                        .check(classes);
            }
        }
    }

    /** The drawing's lines that name internal packages, top down, each line's packages. */
    private static List<List<String>> drawnRanks() throws IOException {
        String document = Files.readString(Path.of("docs/architecture.md"));
        int start = document.indexOf("```\n", document.indexOf("## Packages")) + 4;
        String drawing = document.substring(start, document.indexOf("```", start));
        List<List<String>> ranks = new ArrayList<>();
        for (String line : drawing.split("\n")) {
            Matcher pkg = DRAWN_PACKAGE.matcher(line + " ");
            List<String> rank = new ArrayList<>();
            while (pkg.find()) {
                rank.add(INTERNAL + pkg.group(1));
            }
            if (!rank.isEmpty()) {
                ranks.add(rank);
            }
        }
        return ranks;
    }
}
