package io.vigil.detection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.SimulatedOrganization;
import io.vigil.MovableClock;
import io.vigil.TestDatabase;
import io.vigil.VigilApplication;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorScenario;
import io.vigil.shared.ManagedTenantId;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first-seen baseline survives a restart: one run of Vigil stores three weeks of an
 * account's sign-ins from home and stops; the next run, on the same database, sees the
 * account sign in from Brazil and knows that is new (RULE-1205), from what the first run
 * stored. The simulator runs standalone, outliving both runs.
 */
class FirstSeenRestartTests {

	static final String LIMA = "33330000-0000-4000-8000-00000000000c";

	final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	GraphSimulator simulator;

	/** Stopped while the first run ingests the history. */
	final MovableClock simulatorClock = stopped();

	@AfterEach
	void stop() {
		contexts.forEach(ConfigurableApplicationContext::close);
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void theBaselineOfTheFirstRunServesTheNext(@TempDir Path temp) throws Exception {
		try (var in = getClass().getResourceAsStream("/simulator/first-seen-restart.yml")) {
			simulator = GraphSimulator.start(SimulatorScenario.load(in), simulatorClock, 0);
		}
		var certificate = temp.resolve("simulator.pem");
		Files.writeString(certificate, simulator.certificatePem());
		var database = TestDatabase.createDatabase();
		var jdbc = JdbcClient.create(new DriverManagerDataSource(database, "postgres", "postgres"));

		var first = start(database, certificate);
		var tenants = first.getBean(ManagedTenants.class);
		var msp = SimulatedOrganization.create(tenants, simulator, "Restart MSP");
		var organization = msp.id();
		var tenant = msp.connect(LIMA, "Lima");
		var history = SimulatorProbe.visibleSignInIds(simulator, LIMA).size();
		await().atMost(Duration.ofSeconds(45)).until(() -> count(jdbc, tenant) >= history);
		first.close();
		// the simulator's time runs again: the attack, 5 s after its start, comes out
		simulatorClock.resume();
		assertThat(firstSeen(jdbc, tenant)).as("nothing new before the restart").isZero();
		assertThat(SimulatorProbe.visibleSignInIds(simulator, LIMA)).as("the attack comes after the first run")
			.hasSize(history);

		start(database, certificate);
		await().atMost(Duration.ofSeconds(120)).until(() -> firstSeen(jdbc, tenant) == 1);
		var account = jdbc.sql("select account_id from incident where managed_tenant_id = ? and rule_id = 'RULE-1205'")
			.param(tenant.value())
			.query(String.class)
			.single();
		assertThat(account).isEqualTo(simulator.user(LIMA, 4));
	}

	private static MovableClock stopped() {
		var clock = new MovableClock();
		clock.stop();
		return clock;
	}

	private ConfigurableApplicationContext start(String database, Path certificate) {
		var context = new SpringApplicationBuilder(VigilApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run("--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--app.graph.mode=live",
					"--app.graph.login-base-url=" + simulator.baseUrl(),
					"--app.graph.graph-base-url=" + simulator.baseUrl(),
					"--app.graph.trusted-certificate-file=" + certificate, "--app.ingest.initial-lookback=P30D");
		contexts.add(context);
		return context;
	}

	private static long count(JdbcClient jdbc, ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from sign_in where managed_tenant_id = ?")
			.param(tenant.value())
			.query(Long.class)
			.single();
	}

	private static long firstSeen(JdbcClient jdbc, ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from incident where managed_tenant_id = ? and rule_id = 'RULE-1205'")
			.param(tenant.value())
			.query(Long.class)
			.single();
	}

}
