package io.vigil.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.SimulatedOrganization;
import io.vigil.TestDatabase;
import io.vigil.VigilApplication;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorScenario;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the application in the middle of a run and starts it again on the same database:
 * the end result is exactly what an uninterrupted run stores, and no sign-in is published
 * twice. The simulator runs standalone here (as {@code java -jar vigil.jar simulator}
 * does), outliving both application runs, and the app reaches it in live mode through a
 * trusted certificate file.
 */
class IngestRestartTests {

	static final String FOXTROT = "ffffffff-0000-4000-8000-000000000006";

	final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	GraphSimulator simulator;

	@AfterEach
	void stop() {
		contexts.forEach(ConfigurableApplicationContext::close);
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void restartMidRunEndsWithTheSameRowsAsAnUninterruptedRun(@TempDir Path temp) throws Exception {
		try (var in = getClass().getResourceAsStream("/simulator/restart.yml")) {
			simulator = GraphSimulator.start(SimulatorScenario.load(in), Clock.systemUTC(), 0);
		}
		var certificate = temp.resolve("simulator.pem");
		Files.writeString(certificate, simulator.certificatePem());
		var database = TestDatabase.createDatabase();

		var jdbc = JdbcClient.create(new DriverManagerDataSource(database, "postgres", "postgres"));
		var first = start(database, certificate);
		var tenants = first.getBean(ManagedTenants.class);
		var msp = SimulatedOrganization.create(tenants, simulator, "Restart MSP");
		var organization = msp.id();
		var tenant = msp.connect(FOXTROT, "Foxtrot");
		var firstEvents = first.getBean(IngestedEventsRecorder.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, tenant) >= 300);
		first.close();
		var storedAtStop = count(jdbc, tenant);
		assertThat(storedAtStop).as("stopped mid-run").isLessThan(1500);

		var second = start(database, certificate);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(graphIds(jdbc, tenant))
				.isEqualTo(SimulatorProbe.visibleSignInIds(simulator, FOXTROT)));
		assertThat(graphIds(jdbc, tenant)).hasSize(1500);

		var published = new ArrayList<Long>(firstEvents.ids());
		published.addAll(second.getBean(IngestedEventsRecorder.class).ids());
		assertThat(new HashSet<>(published)).as("every stored sign-in published exactly once")
			.hasSameSizeAs(published)
			.isEqualTo(jdbc.sql("select id from sign_in").query(Long.class).set());
	}

	private ConfigurableApplicationContext start(String database, Path certificate) {
		var context = new SpringApplicationBuilder(VigilApplication.class, IngestedEventsRecorder.class)
			.web(WebApplicationType.NONE)
			.profiles("test")
			// Command-line arguments, so they win over the test profile's simulator mode.
			.run("--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--app.graph.mode=live",
					"--app.graph.login-base-url=" + simulator.baseUrl(),
					"--app.graph.graph-base-url=" + simulator.baseUrl(),
					"--app.graph.trusted-certificate-file=" + certificate, "--app.graph.budget.tenant-limit=2",
					"--app.graph.budget.window=PT1S", "--app.ingest.page-size=100");
		contexts.add(context);
		return context;
	}

	private static long count(JdbcClient jdbc, ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from sign_in where managed_tenant_id = ?")
			.param(tenant.value())
			.query(Long.class)
			.single();
	}

	private static java.util.Set<String> graphIds(JdbcClient jdbc, ManagedTenantId tenant) {
		return jdbc.sql("select graph_id from sign_in where managed_tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.set();
	}

}
