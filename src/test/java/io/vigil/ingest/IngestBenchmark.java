package io.vigil.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vigil.TestDatabase;
import io.vigil.VigilApplication;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorScenario;
import io.vigil.graph.simulator.SimulatorScenario.Faults;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Tag;
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
 * Load harness for the ingest pipeline: the Graph simulator serves 100,000 sign-ins of
 * 3-12 KB over HTTPS, and the application ingests them into PostgreSQL (parse, normalize,
 * batch insert, cursor, event). Reports sign-ins per second; asserts only that everything
 * arrived. Graph's request budget is lifted here: this measures Vigil, not Microsoft's
 * throttling. Run: {@code ./mvnw test -Pbenchmark}.
 */
@Tag("benchmark")
class IngestBenchmark {

	static final int TENANTS = 4;

	static final int PER_TENANT = 25_000;

	@Test
	void ingestThroughput(@TempDir Path temp) throws Exception {
		var tenantScenarios = new ArrayList<TenantScenario>();
		for (int i = 0; i < TENANTS; i++) {
			tenantScenarios.add(new TenantScenario("0000000" + i + "-0000-4000-8000-00000000bench", "Bench " + i,
					"bench" + i + ".example", 200, Duration.ofHours(3), Duration.ofHours(1), PER_TENANT / 60.0, 0.5, 0,
					Duration.ZERO, 0, 0, true, false, Faults.NONE, List.of()));
		}
		var scenario = new SimulatorScenario(99, "bench-client", new Secret("bench-secret"), tenantScenarios);
		try (var simulator = GraphSimulator.start(scenario, Clock.systemUTC(), 0)) {
			var certificate = temp.resolve("simulator.pem");
			Files.writeString(certificate, simulator.certificatePem());
			var database = benchmarkDatabase();
			var jdbc = JdbcClient.create(new DriverManagerDataSource(database, "postgres", "postgres"));
			try (var app = startApp(database, simulator, certificate, "--app.ingest.page-size=1000",
					"--app.ingest.max-concurrent-tenants=" + TENANTS)) {
				var tenants = app.getBean(ManagedTenants.class);
				var organization = tenants.createOrganization("Benchmark MSP").id();
				var registration = tenants.registerGraphApp(organization, scenario.clientId(), scenario.clientSecret());
				var started = System.nanoTime();
				for (var tenant : tenantScenarios) {
					tenants.connect(organization, registration, tenant.tenantId(), tenant.displayName());
				}
				var expected = (long) TENANTS * PER_TENANT;
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> jdbc.sql("select count(*) from sign_in").query(Long.class).single() >= expected);
				var seconds = (System.nanoTime() - started) / 1e9;
				report(jdbc, expected, seconds);
			}
		}
	}

	/**
	 * The application ingesting from the simulator over HTTPS (the production path), with
	 * Graph's request budget lifted: the harness measures Vigil, not Microsoft's
	 * throttling.
	 */
	static ConfigurableApplicationContext startApp(String database, GraphSimulator simulator, Path certificate,
			String... more) {
		var arguments = new ArrayList<>(List.of("--spring.datasource.url=" + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--app.graph.mode=live", "--app.graph.login-base-url=" + simulator.baseUrl(),
				"--app.graph.graph-base-url=" + simulator.baseUrl(),
				"--app.graph.trusted-certificate-file=" + certificate, "--app.graph.request-timeout=PT60S",
				"--app.graph.budget.app-limit=1000000", "--app.graph.budget.tenant-limit=1000000",
				"--logging.level.io.vigil=WARN"));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(VigilApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run(arguments.toArray(String[]::new));
	}

	/**
	 * A fresh database on the embedded server, or on the server
	 * {@code -Dbenchmark.server} names (a JDBC URL up to the database name, user and
	 * password postgres): the embedded PostgreSQL build has no lz4, production servers
	 * do.
	 */
	static String benchmarkDatabase() throws Exception {
		var server = System.getProperty("benchmark.server");
		if (server == null || server.isBlank()) {
			return TestDatabase.createDatabase();
		}
		var name = "vigil_benchmark_" + System.currentTimeMillis();
		try (var connection = DriverManager.getConnection(server + "postgres", "postgres", "postgres");
				var statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		return server + name;
	}

	private static void report(JdbcClient jdbc, long count, double seconds) throws Exception {
		var stored = jdbc.sql("select count(*) from sign_in").query(Long.class).single();
		assertThat(stored).isEqualTo(count);
		var recordKb = jdbc.sql("select avg(length(record::text)) / 1024.0 from sign_in").query(Double.class).single();
		var bytesPerSignIn = jdbc.sql("select pg_total_relation_size('sign_in') / count(*) from sign_in")
			.query(Long.class)
			.single();
		var line = String.format(
				"ingest: %d sign-ins from %d tenants in %.1f s = %.0f sign-ins/s; normalized record %.1f KB avg; "
						+ "%d bytes on disk per sign-in (table, TOAST and indexes); %d cores",
				count, TENANTS, seconds, count / seconds, recordKb, bytesPerSignIn,
				Runtime.getRuntime().availableProcessors());
		System.out.println("BENCHMARK " + line);
		Files.createDirectories(Path.of("target/benchmarks"));
		Files.writeString(Path.of("target/benchmarks/ingest.txt"), line + System.lineSeparator());
	}

}
