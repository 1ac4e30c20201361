package no.deling.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import no.deling.core.projection.ProjectionEngine;
import no.deling.readmodel.ReadModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering the compiler cannot see, checked on the compiled classes. */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void load() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("no.deling");
  }

  @Test
  void routesAskTypedQueriesNotTheReadModel() {
    // the live stream is the exception: it takes the read lock to line a resume up with the hub
    noClasses().that().haveSimpleNameEndingWith("Routes").and().resideOutsideOfPackage("no.deling.stream..")
        .should().dependOnClassesThat().belongToAnyOf(ReadModel.class, ProjectionEngine.class)
        .because("routes ask the questions in readmodel.Queries, which take the lock and the visibility rule themselves")
        .check(main);
  }

  @Test
  void theWriteSideNeverReadsTheReadModel() {
    // deciders load what they need from the log (DeciderInputs); a read model may lag behind it
    noClasses().that().haveSimpleNameEndingWith("Decider")
        .should().dependOnClassesThat().resideInAPackage("no.deling.readmodel..")
        .check(main);
  }
}
