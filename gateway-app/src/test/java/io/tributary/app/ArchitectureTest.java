package io.tributary.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The module and package rules of DESIGN.md, checked on the production classes of every module. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        // Modules come as directories or jars depending on the build phase; test-jars and test classes never count.
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.tributary");
    }

    @Test
    @DisplayName("the core depends on no protocol module and not on the application")
    void coreStandsAlone() {
        noClasses().that().resideInAPackage("io.tributary.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tributary.coap..", "io.tributary.pnp..",
                        "io.tributary.upnp..", "io.tributary.nats..", "io.tributary.app..")
                .check(production);
    }

    @ParameterizedTest(name = "{0} depends on no other protocol module")
    @ValueSource(strings = {"coap", "pnp", "upnp", "nats"})
    @DisplayName("protocol modules never depend on each other; they meet in the core")
    void protocolsApart(String protocol) {
        String[] others = Stream.of("coap", "pnp", "upnp", "nats")
                .filter(other -> !other.equals(protocol)).map(other -> "io.tributary." + other + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage("io.tributary." + protocol + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    @DisplayName("the CoAP stack depends on the message model and the core, never on the public facade")
    void coapStackBelowFacade() {
        noClasses().that().resideInAPackage("io.tributary.coap.stack..")
                .should().dependOnClassesThat().resideInAPackage("io.tributary.coap")
                .check(production);
    }

    @ParameterizedTest(name = "no package cycle in io.tributary.{0}")
    @ValueSource(strings = {"core", "coap", "pnp", "upnp", "nats", "app"})
    @DisplayName("each module's packages are free of cycles")
    void noPackageCycles(String module) {
        slices().assignedFrom(packagesOf("io.tributary." + module)).should().beFreeOfCycles().check(production);
    }

    @Test
    @DisplayName("no production class uses a test library")
    void noTestCodeInProduction() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..",
                "reactor.test..", "com.tngtech..").check(production);
    }

    /** One slice per package (the module's root package included), so a cycle between any two packages shows. */
    private static SliceAssignment packagesOf(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(root) || name.startsWith(root + ".") ? SliceIdentifier.of(name)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of " + root;
            }
        };
    }
}
