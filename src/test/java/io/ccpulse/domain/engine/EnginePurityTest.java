package io.ccpulse.domain.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Engine purity")
class EnginePurityTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ccpulse.domain.engine");

    @Test
    @DisplayName("the engine imports no Vert.x, Micrometer, JDBC, HikariCP or Flyway")
    void noIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.vertx..", "io.micrometer..", "java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..")
                .check(ENGINE);
    }

    @Test
    @DisplayName("the engine never reads the clock: time is an argument")
    void noClock() {
        noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .check(ENGINE);
    }
}
