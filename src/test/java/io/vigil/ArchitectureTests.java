package io.vigil;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.vigil", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/**
	 * msal4j and the Graph wire format stay inside the graph module; others see only
	 * Vigil's own records.
	 */
	@ArchTest
	static final ArchRule microsoftLibrariesStayInGraph = noClasses().that()
		.resideOutsideOfPackage("io.vigil.graph..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("com.microsoft..", "com.sun.net.httpserver..");

	/**
	 * The Graph simulator is for the demo and the tests: no production code reaches it.
	 * Only its own wiring (never in the prod profile) and the jar's {@code simulator}
	 * command know it; SafeDefaultsTests checks that no bean of it exists in production.
	 */
	@ArchTest
	static final ArchRule simulatorStaysOffTheProductionPath = noClasses().that()
		.resideOutsideOfPackage("io.vigil.graph.simulator..")
		.and()
		.doNotHaveFullyQualifiedName("io.vigil.graph.GraphSimulatorCommand")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.vigil.graph.simulator..");

	/** Secrets are encrypted and decrypted only by the tenants module. */
	@ArchTest
	static final ArchRule onlyTenantsDecryptSecrets = noClasses().that()
		.resideOutsideOfPackage("io.vigil.tenants..")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("javax.crypto.Cipher");

	/**
	 * The Sigma engine is plain Java (SnakeYAML, the IP library, JSpecify): no Spring,
	 * JDBC, JSON library, Graph or other Vigil types, so it could be a library of its
	 * own.
	 */
	@ArchTest
	static final ArchRule sigmaEngineIsPlainJava = classes().that()
		.resideInAPackage("io.vigil.detection.sigma..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "io.vigil.detection.sigma..", "org.yaml.snakeyaml..", "inet.ipaddr..",
				"com.google.re2j..", "org.jspecify..");

}
