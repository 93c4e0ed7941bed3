package io.vigil.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.vigil.graph.SignInEventType;
import io.vigil.graph.SignInFeed;
import io.vigil.graph.SignInPage;
import io.vigil.graph.SignInQuery;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorScenario;
import io.vigil.graph.simulator.SimulatorScenario.Faults;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where an ingested sign-in's time goes, one stage at a time on one thread (so each
 * figure is that stage's cost per sign-in): fetching and parsing pages from the
 * simulator, inserting them, and reading them back as detection does. Then what the
 * database alone spends on a record by column type and compression, in scratch tables.
 * Each stage runs three rounds; the last is reported. Run:
 * {@code ./mvnw test -Pbenchmark -Dtest=IngestStagesBenchmark}
 * ({@code -Dbenchmark.server=jdbc:postgresql://host:port/} for another PostgreSQL).
 */
@Tag("benchmark")
class IngestStagesBenchmark {

	private static final int SIGN_INS = 25_000;

	private static final List<String> SCRATCH = List.of("text", "text storage external", "json", "jsonb",
			"jsonb storage external", "jsonb compression lz4");

	private final List<String> lines = new ArrayList<>();

	@Test
	void stages(@TempDir Path temp) throws Exception {
		var tenant = new TenantScenario("00000000-0000-4000-8000-0000000stage", "Stages", "stages.example", 200,
				Duration.ofHours(3), Duration.ofHours(1), SIGN_INS / 60.0, 0.5, 0, Duration.ZERO, 0, 0, true, false,
				Faults.NONE, List.of());
		var scenario = new SimulatorScenario(99, "stages-client", new Secret("stages-secret"), List.of(tenant));
		try (var simulator = GraphSimulator.start(scenario, Clock.systemUTC(), 0)) {
			var certificate = temp.resolve("simulator.pem");
			Files.writeString(certificate, simulator.certificatePem());
			var database = IngestBenchmark.benchmarkDatabase();
			try (var app = IngestBenchmark.startApp(database, simulator, certificate)) {
				var credentials = new GraphCredentials(tenant.tenantId(), scenario.clientId(), scenario.clientSecret());
				var jdbc = app.getBean(JdbcClient.class);
				var transactions = app.getBean(TransactionTemplate.class);
				List<SignInPage> pages = List.of();
				for (int round = 1; round <= 3; round++) {
					var last = round == 3;
					var fetched = new ArrayList<SignInPage>();
					stage(last, "fetch and parse (simulator in the same JVM, HTTPS)",
							() -> fetchAll(app.getBean(SignInFeed.class), credentials, fetched));
					pages = fetched;
					var ids = new ArrayList<Long>();
					var into = newTenant(app.getBean(ManagedTenants.class), round);
					var store = app.getBean(SignInStore.class);
					var now = Instant.now();
					stage(last, "compress and insert into sign_in (13 columns, 7 indexes)", () -> {
						for (var page : fetched) {
							transactions
								.execute(status -> store.insert(into.organization, into.tenant, page.signIns(), now))
								.forEach(signIn -> ids.add(signIn.facts().id()));
						}
						return ids.size();
					});
					var log = app.getBean(SignInLog.class);
					stage(last, "read back from memory (detection of a page just stored)", () -> {
						int read = 0;
						for (int i = 0; i < ids.size(); i += 1000) {
							read += log
								.ingestedRecords(into.organization, ids.subList(i, Math.min(ids.size(), i + 1000)))
								.size();
						}
						return read;
					});
					stage(last, "read back from the database (a page delivered again)", () -> {
						int read = 0;
						for (int i = 0; i < ids.size(); i += 1000) {
							read += log.records(into.organization, ids.subList(i, Math.min(ids.size(), i + 1000)))
								.size();
						}
						return read;
					});
				}
				scratchTables(jdbc, transactions, pages);
			}
		}
		Files.createDirectories(Path.of("target/benchmarks"));
		Files.write(Path.of("target/benchmarks/ingest-stages.txt"), lines);
	}

	private void scratchTables(JdbcClient jdbc, TransactionTemplate transactions, List<SignInPage> pages) {
		for (int i = 0; i < SCRATCH.size(); i++) {
			var definition = SCRATCH.get(i);
			var type = definition.split(" ")[0];
			var table = "scratch_" + i;
			jdbc.sql("create table " + table + " (id bigserial primary key, record " + type + ")").update();
			if (definition.contains(" ")) {
				try {
					jdbc.sql("alter table " + table + " alter column record set "
							+ definition.substring(type.length() + 1))
						.update();
				}
				catch (RuntimeException ex) {
					lines.add("database only: record " + definition + ": not supported by this server");
					continue;
				}
			}
			for (int round = 1; round <= 3; round++) {
				stage(round == 3, "database only: record " + definition, () -> {
					int rows = 0;
					for (var page : pages) {
						var records = page.signIns().stream().map(signIn -> signIn.record()).toArray(String[]::new);
						rows += transactions.execute(status -> jdbc
							.sql("insert into " + table + " (record) select r::" + type + " from unnest(?::text[]) r")
							.params((Object) records)
							.update());
					}
					return rows;
				});
			}
		}
	}

	private static int fetchAll(SignInFeed feed, GraphCredentials credentials, List<SignInPage> into) {
		var now = Instant.now();
		int count = 0;
		for (var type : SignInEventType.values()) {
			var page = feed.firstPage(credentials, new SignInQuery(type, now.minus(Duration.ofHours(4)), now, 1000),
					io.vigil.shared.MemberSelection.ALL);
			into.add(page);
			count += page.signIns().size();
			while (page.nextLink() != null) {
				page = feed.nextPage(credentials, page.nextLink(), io.vigil.shared.MemberSelection.ALL);
				into.add(page);
				count += page.signIns().size();
			}
		}
		return count;
	}

	private static Target newTenant(ManagedTenants tenants, int round) {
		var organization = tenants.createOrganization("Stages " + round).id();
		var registration = tenants.registerGraphApp(organization, "stages-" + round, new Secret("unused"));
		var tenant = tenants
			.connect(organization, registration, "00000000-0000-4000-8000-00000000000" + round, "Target " + round)
			.id();
		return new Target(organization, tenant);
	}

	private void stage(boolean report, String name, IntSupplier work) {
		var started = System.nanoTime();
		var count = work.getAsInt();
		var seconds = (System.nanoTime() - started) / 1e9;
		assertThat(count).isEqualTo(SIGN_INS);
		if (report) {
			var line = String.format("%-60s %7.0f sign-ins/s  %6.1f µs each", name, count / seconds,
					seconds * 1e6 / count);
			System.out.println("BENCHMARK " + line);
			lines.add(line);
		}
	}

	private record Target(io.vigil.shared.OrganizationId organization, io.vigil.shared.ManagedTenantId tenant) {
	}

}
