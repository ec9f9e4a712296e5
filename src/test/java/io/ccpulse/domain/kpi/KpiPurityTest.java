package io.ccpulse.domain.kpi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KpiPurityTest {

    private static final JavaClasses KPI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ccpulse.domain.kpi");

    @Test
    @DisplayName("the kpi package imports no Vert.x, Micrometer, JDBC, HikariCP or Flyway")
    void noIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.vertx..", "io.micrometer..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..")
                .check(KPI);
    }

    @Test
    @DisplayName("the kpi package never reads the clock")
    void noClock() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .check(KPI);
    }
}
