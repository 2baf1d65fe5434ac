package vn.onedesk.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The architecture as the brief draws it, checked on the compiled classes of every module the gateway sees:
 * the queue engine is plain Java that is handed the time; the protocol knows nothing of queues or servers;
 * monitoring owns the metrics; inside the gateway, features depend on the MQTT toolkit and on each other
 * without cycles, and nothing but the wiring at the top depends on the wiring.
 */
@AnalyzeClasses(packages = "vn.onedesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theQueueEngineUsesNothingButPlainJava = classes()
            .that().resideInAPackage("vn.onedesk.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("vn.onedesk.engine..", "java.lang..", "java.util..",
                    "java.time..", "java.math..")
            .because("the engine decides and reports; MQTT, HTTP, JSON and SQL belong to the adapters");

    @ArchTest
    static final ArchRule theQueueEngineNeverReadsTheClock = noClasses()
            .that().resideInAPackage("vn.onedesk.engine..")
            .should().dependOnClassesThat().areAssignableTo(Clock.class)
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalTime.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .because("time is an input of every decision, so that replay and tests are deterministic");

    @ArchTest
    static final ArchRule theProtocolKnowsNothingOfQueuesOrServers = classes()
            .that().resideInAPackage("vn.onedesk.protocol..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("vn.onedesk.protocol..", "java..",
                    "com.fasterxml.jackson..")
            .because("kiosk-protocol is the wire contract that devices and the gateway share");

    @ArchTest
    static final ArchRule monitoringDependsOnNoAdapterOrEngine = noClasses()
            .that().resideInAPackage("vn.onedesk.monitoring..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.onedesk.gateway..", "vn.onedesk.engine..",
                    "io.vertx..")
            .because("monitoring owns metric names and dashboards, behind interfaces the gateway calls");

    @ArchTest
    static final ArchRule onlyTheGatewaysMonitoringPackageTouchesMicrometer = noClasses()
            .that().resideInAPackage("vn.onedesk.gateway..")
            .and().resideOutsideOfPackage("vn.onedesk.gateway.monitoring..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
            .because("metric names are defined once, in the monitoring module");

    @ArchTest
    static final ArchRule theGatewaysFeaturePackagesHaveNoCycles = slices()
            .matching("vn.onedesk.gateway.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theMqttToolkitDependsOnNoFeature = noClasses()
            .that().resideInAPackage("vn.onedesk.gateway.mqtt..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.onedesk.gateway.ticketing..",
                    "vn.onedesk.gateway.counters..", "vn.onedesk.gateway.displays..", "vn.onedesk.gateway.presence..",
                    "vn.onedesk.gateway.queue..", "vn.onedesk.gateway.persistence..", "vn.onedesk.gateway.http..",
                    "vn.onedesk.gateway.demo..", "vn.onedesk.gateway.reports..")
            .because("the MQTT server is a toolkit the features plug into, as vertx-mqtt is for it");

    @ArchTest
    static final ArchRule onlyTheWiringDependsOnTheWiring = noClasses()
            .that().resideInAPackage("vn.onedesk.gateway.(*)..")
            .should().dependOnClassesThat().resideInAPackage("vn.onedesk.gateway")
            .because("Main and OneDeskGateway assemble the features; a feature that reached back would be a cycle");
}
