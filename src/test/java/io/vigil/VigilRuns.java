package io.vigil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorScenario;
import io.vigil.shared.ManagedTenantId;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Runs of Vigil without a web server, one after another on one database of their own,
 * against a standalone Graph simulator that outlives them: what a restart does. Closing
 * it stops every run and the simulator.
 */
public final class VigilRuns implements AutoCloseable {

	private final GraphSimulator simulator;

	private final Path certificate;

	private final String database = TestDatabase.createDatabase();

	private final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database, "postgres", "postgres"));

	private final Class<?>[] testBeans;

	private final List<ConfigurableApplicationContext> runs = new ArrayList<>();

	/**
	 * @param scenario the simulator's scenario, a resource on the test classpath
	 * @param simulatorClock the simulator's time
	 * @param temp where the simulator's certificate is written for Vigil to trust
	 * @param testBeans added to every run's context
	 */
	public VigilRuns(String scenario, Clock simulatorClock, Path temp, Class<?>... testBeans) throws IOException {
		try (InputStream in = VigilRuns.class.getResourceAsStream(scenario)) {
			this.simulator = GraphSimulator.start(SimulatorScenario.load(in), simulatorClock, 0);
		}
		this.certificate = Files.writeString(temp.resolve("simulator.pem"), simulator.certificatePem());
		this.testBeans = testBeans;
	}

	public GraphSimulator simulator() {
		return simulator;
	}

	public JdbcClient jdbc() {
		return jdbc;
	}

	/**
	 * Starts a run on the Graph simulator; {@code arguments} are command-line arguments,
	 * so they win over the test profile.
	 */
	public ConfigurableApplicationContext start(String... arguments) {
		var sources = Stream.concat(Stream.of(VigilApplication.class), Stream.of(testBeans)).toArray(Class<?>[]::new);
		var common = Stream.of("--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--app.graph.mode=live",
				"--app.graph.login-base-url=" + simulator.baseUrl(),
				"--app.graph.graph-base-url=" + simulator.baseUrl(),
				"--app.graph.trusted-certificate-file=" + certificate);
		var run = new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.profiles("test")
			.run(Stream.concat(common, Stream.of(arguments)).toArray(String[]::new));
		runs.add(run);
		return run;
	}

	/** How many sign-ins of the tenant are stored. */
	public long signIns(ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from sign_in where managed_tenant_id = ?")
			.param(tenant.value())
			.query(Long.class)
			.single();
	}

	@Override
	public void close() {
		runs.forEach(ConfigurableApplicationContext::close);
		simulator.close();
	}

}
