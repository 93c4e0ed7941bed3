package io.vigil.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.ProcessCpu;
import io.vigil.SimulatorProcess;
import io.vigil.TestDatabase;
import io.vigil.VigilApplication;
import io.vigil.graph.simulator.GraphSimulator;
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
 * Load harness for the ingest pipeline: the Graph simulator, in a process of its own,
 * serves 100,000 sign-ins of 3-12 KB over HTTPS, and the application ingests them into
 * PostgreSQL (parse, normalize, compress, batch insert, cursor, event, detection). Rounds
 * of four tenants of the same size first warm the JVM up and give the organization its
 * compression dictionary; then four more are measured. Reports sign-ins per second, bytes
 * on disk per sign-in (table, indexes, TOAST, dictionaries) and CPU time per sign-in of
 * the Vigil process and of the database server, each from the process's own CPU
 * accounting, from connecting the measured tenants until every sign-in is committed and
 * detection has evaluated every page. Asserts only that everything arrived, once. Graph's
 * request budget is lifted here: this measures Vigil, not Microsoft's throttling. Run:
 * {@code ./mvnw test -Pbenchmark -Dtest=IngestBenchmark}.
 */
@Tag("benchmark")
class IngestBenchmark {

	static final int TENANTS = 4;

	static final int PER_TENANT = 25_000;

	/**
	 * Rounds of the same workload ingested before the measurement
	 * (-Dbenchmark.warmUpRounds, 4 by default): they give the organization its
	 * compression dictionary and let the JIT compile the hot path. On two cores the
	 * optimizing compiler's queue took about 80 s of ingesting to drain (JFR's
	 * compilation events, 2026-12-01): after one round the reader and the columns' code
	 * still ran unoptimized into the measurement, which then measured a replica's first
	 * minute rather than its day. The compiler threads still appear (the measured
	 * tenants' first connection runs code not run before).
	 */
	static final int WARM_UP_ROUNDS = Integer.getInteger("benchmark.warmUpRounds", 4);

	static final int WARM_UP = WARM_UP_ROUNDS * TENANTS * PER_TENANT;

	static final int ALL_TENANTS = (WARM_UP_ROUNDS + 1) * TENANTS;

	@Test
	void ingestThroughput(@TempDir Path temp) throws Exception {
		var yaml = new StringBuilder("""
				seed: 99
				clientId: bench-client
				clientSecret: bench-secret
				tenants:
				""");
		for (int i = 0; i < ALL_TENANTS; i++) {
			var count = PER_TENANT;
			yaml.append("""
					  - tenantId: %s
					    displayName: Bench %d
					    domain: bench%d.example
					    users: 200
					    history: PT3H
					    duration: PT1H
					    signInsPerMinute: %s
					    nonInteractiveShare: 0.5
					    auditsPerHour: 0
					""".formatted(tenantId(i), i, i, count / 60.0));
		}
		try (var simulator = SimulatorProcess.start(yaml.toString(), temp, "-Xmx1g")) {
			var database = benchmarkDatabase();
			var jdbc = JdbcClient.create(new DriverManagerDataSource(database, "postgres", "postgres"));
			var server = ProcessCpu.postgresServer(jdbc);
			try (var app = startApp(database, simulator.baseUrl(), simulator.certificate(),
					"--app.ingest.page-size=1000", "--app.ingest.max-concurrent-tenants=" + TENANTS,
					"--app.retention.dictionary-training-interval=PT2S")) {
				var tenants = app.getBean(ManagedTenants.class);
				var organization = tenants.createOrganization("Benchmark MSP").id();
				var registration = tenants.registerGraphApp(organization, "bench-client", new Secret("bench-secret"));
				for (int i = 0; i < ALL_TENANTS - TENANTS; i++) {
					tenants.connect(organization, registration, tenantId(i), "Warm-up " + i);
				}
				var registry = app.getBean(MeterRegistry.class);
				await().atMost(Duration.ofMinutes(5L * WARM_UP_ROUNDS))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> stored(registry) >= WARM_UP && detected(jdbc) && dictionaryTrained(jdbc));
				var beforeBytes = bytesOnDisk(jdbc);
				var vigilBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow();
				var threadsBefore = ProcessCpu.threads(ProcessHandle.current().pid());
				var databaseBefore = ProcessCpu.of(server);
				var readBackBefore = readBack(registry);
				var parsedAgainBefore = parsedAgain(registry);
				var started = System.nanoTime();
				for (int i = ALL_TENANTS - TENANTS; i < ALL_TENANTS; i++) {
					tenants.connect(organization, registration, tenantId(i), "Bench " + i);
				}
				var expected = (long) TENANTS * PER_TENANT + WARM_UP;
				await().atMost(Duration.ofMinutes(10))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> stored(registry) >= expected && detected(jdbc));
				var seconds = (System.nanoTime() - started) / 1e9;
				var vigil = ProcessHandle.current().info().totalCpuDuration().orElseThrow().minus(vigilBefore);
				var databaseCpu = ProcessCpu.of(server).minus(databaseBefore);
				report(jdbc, expected, seconds, bytesOnDisk(jdbc) - beforeBytes, vigil, databaseCpu,
						threadsSince(threadsBefore), readBack(registry) - readBackBefore,
						parsedAgain(registry) - parsedAgainBefore);
			}
		}
	}

	/** CPU per thread group since {@code before}, the largest first. */
	private static String threadsSince(java.util.Map<String, Duration> before) {
		var measured = (double) TENANTS * PER_TENANT;
		return ProcessCpu.threads(ProcessHandle.current().pid())
			.entrySet()
			.stream()
			.map((entry) -> java.util.Map.entry(entry.getKey(),
					entry.getValue().minus(before.getOrDefault(entry.getKey(), Duration.ZERO))))
			.filter((entry) -> entry.getValue().toMillis() > 0)
			.sorted(java.util.Map.Entry.<String, Duration>comparingByValue().reversed())
			.map((entry) -> "%s %.0f".formatted(entry.getKey().strip(), entry.getValue().toNanos() / 1e3 / measured))
			.collect(java.util.stream.Collectors.joining(", ", "Vigil's threads (µs per sign-in): ", ""));
	}

	private static String tenantId(int i) {
		return "%08d-0000-4000-8000-00000000bench".formatted(i);
	}

	/**
	 * Sign-ins committed, from the application's own counter: counting rows in the
	 * database every 200 ms would scan the table the database is measured on (with
	 * 200,000 rows, that was most of the database's CPU in the runs of 2026-11-30).
	 */
	private static long stored(MeterRegistry registry) {
		return (long) registry.find("vigil.signins.ingested")
			.counters()
			.stream()
			.mapToDouble(counter -> counter.count())
			.sum();
	}

	/**
	 * Sign-ins detection read back from the database instead of memory: each costs a
	 * query, decompressing and parsing again.
	 */
	private static long readBack(MeterRegistry registry) {
		return count(registry, "vigil.signins.read-back");
	}

	/** Sign-ins detection parsed again: their tree was dropped before it came to them. */
	private static long parsedAgain(MeterRegistry registry) {
		return count(registry, "vigil.signins.parsed-again");
	}

	private static long count(MeterRegistry registry, String counter) {
		var found = registry.find(counter).counter();
		return found == null ? 0 : (long) found.count();
	}

	/** Detection has evaluated every page committed so far (a small table to ask). */
	private static boolean detected(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from event_publication where completion_date is null")
			.query(Long.class)
			.single() == 0;
	}

	private static long count(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from sign_in").query(Long.class).single();
	}

	/** Before V39 there are no dictionaries to wait for. */
	private static boolean dictionaryTrained(JdbcClient jdbc) {
		return !jdbc.sql("select to_regclass('sign_in_dictionary') is not null").query(Boolean.class).single()
				|| jdbc.sql("select count(*) from sign_in_dictionary").query(Long.class).single() > 0;
	}

	/**
	 * The sign-in table with its partitions, indexes and TOAST, and the dictionaries the
	 * records need.
	 */
	private static long bytesOnDisk(JdbcClient jdbc) {
		return jdbc.sql("""
				select coalesce((select sum(pg_total_relation_size(inhrelid)) from pg_inherits
				                 where inhparent = 'sign_in'::regclass), 0)
				     + pg_total_relation_size('sign_in')
				     + coalesce(pg_total_relation_size(to_regclass('sign_in_dictionary')), 0)""")
			.query(Long.class)
			.single();
	}

	/**
	 * The application ingesting from the simulator over HTTPS (the production path), with
	 * Graph's request budget lifted: the harness measures Vigil, not Microsoft's
	 * throttling.
	 */
	static ConfigurableApplicationContext startApp(String database, GraphSimulator simulator, Path certificate,
			String... more) {
		return startApp(database, simulator.baseUrl().toString(), certificate, more);
	}

	static ConfigurableApplicationContext startApp(String database, String simulator, Path certificate,
			String... more) {
		var arguments = new ArrayList<>(List.of("--spring.datasource.url=" + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--app.graph.mode=live", "--app.graph.login-base-url=" + simulator,
				"--app.graph.graph-base-url=" + simulator, "--app.graph.trusted-certificate-file=" + certificate,
				"--app.graph.request-timeout=PT60S", "--app.graph.budget.app-limit=1000000",
				"--app.graph.budget.tenant-limit=1000000", "--logging.level.io.vigil=WARN"));
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

	private static void report(JdbcClient jdbc, long count, double seconds, long bytes, Duration vigil,
			Duration database, String threads, long readBack, long parsedAgain) throws Exception {
		assertThat(count(jdbc)).isEqualTo(count);
		assertThat(jdbc.sql("select count(distinct (managed_tenant_id, graph_id)) from sign_in")
			.query(Long.class)
			.single()).isEqualTo(count);
		var measured = (double) TENANTS * PER_TENANT;
		var parts = jdbc
			.sql("""
					select coalesce(sum(pg_relation_size(c.oid)), 0), coalesce(sum(pg_indexes_size(c.oid)), 0),
					       coalesce(sum(pg_total_relation_size(c.oid) - pg_relation_size(c.oid) - pg_indexes_size(c.oid)), 0),
					       (select avg(length(record)) from sign_in)
					from pg_class c where c.oid = 'sign_in'::regclass
					   or c.oid in (select inhrelid from pg_inherits where inhparent = 'sign_in'::regclass)""")
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4) })
			.single();
		var line = String
			.format("ingest: %d sign-ins from %d tenants in %.1f s = %.0f sign-ins/s; %d bytes on disk per sign-in "
					+ "(partitions, indexes, TOAST, dictionaries; of all rows: rows %.0f, indexes %.0f, TOAST %.0f; "
					+ "record %.0f bytes stored); CPU per sign-in: Vigil %.0f µs, "
					+ "database %.0f µs (simulator in its own process); %d cores; sign-ins read back from the database by "
					+ "listeners %d, parsed again by detection %d", TENANTS * PER_TENANT, TENANTS, seconds,
					measured / seconds, (long) (bytes / measured), parts[0] / count, parts[1] / count, parts[2] / count,
					parts[3], vigil.toNanos() / 1e3 / measured, database.toNanos() / 1e3 / measured,
					Runtime.getRuntime().availableProcessors(), readBack, parsedAgain)
				+ "; " + threads;
		System.out.println("BENCHMARK " + line);
		Files.createDirectories(Path.of("target/benchmarks"));
		Files.writeString(Path.of("target/benchmarks/ingest.txt"), line + System.lineSeparator());
	}

}
