package dev.capydb.authsync;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure of docs/architecture.md, checked on every build: packages depend one way,
 * down the pipeline, and the public API stands on its own.
 */
@AnalyzeClasses(packages = "dev.capydb.authsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.capydb.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule thePublicApiImportsNoInternals = noClasses()
            .that().resideInAnyPackage("dev.capydb.authsync", "dev.capydb.authsync.events", "dev.capydb.authsync.sender")
            .should().dependOnClassesThat().resideInAPackage("dev.capydb.authsync.internal..");

    @ArchTest
    static final ArchRule sharedPiecesAreALeaf = noClasses()
            .that().resideInAPackage("dev.capydb.authsync.internal.common")
            .should().dependOnClassesThat(resideInAPackage("dev.capydb.authsync..")
                    .and(not(resideInAPackage("dev.capydb.authsync.internal.common"))));

    @ArchTest
    static final ArchRule signaturesAndNormalizersNeedNothingAboveThem = noClasses()
            .that().resideInAnyPackage("dev.capydb.authsync.internal.verification",
                    "dev.capydb.authsync.internal.normalization")
            .should().dependOnClassesThat().resideInAnyPackage("dev.capydb.authsync.internal.providers",
                    "dev.capydb.authsync.internal.receiving", "dev.capydb.authsync.internal.mirroring",
                    "dev.capydb.authsync.internal.backfill", "dev.capydb.authsync.internal.wiring");
}
