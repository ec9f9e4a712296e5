package io.ccpulse.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The boundary of the pure domain (STYLE.md): events, facts, settings, engine and KPI formulas
 * import no I/O library and never read the clock; time is always passed in.
 */
class DomainBoundaryTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ccpulse.domain");

    @Test
    @DisplayName("the domain imports no Vert.x, Micrometer, JDBC, HikariCP or Flyway")
    void noIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.vertx..", "io.micrometer..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..",
                "org.postgresql..", "io.netty..", "com.fasterxml..", "picocli..")
                .check(DOMAIN);
    }

    @Test
    @DisplayName("the domain never reads the clock")
    void noClock() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .check(DOMAIN);
    }
}
