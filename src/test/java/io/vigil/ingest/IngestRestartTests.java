package io.vigil.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

import io.vigil.Simulation;
import io.vigil.VigilRuns;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.shared.ManagedTenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

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

	/** A small budget and pages, so that the first run is stopped mid-way. */
	static final String[] SLOW = { "--app.graph.budget.tenant-limit=2", "--app.graph.budget.window=PT1S",
			"--app.ingest.page-size=100" };

	@Test
	void restartMidRunEndsWithTheSameRowsAsAnUninterruptedRun(@TempDir Path temp) throws Exception {
		try (var runs = new VigilRuns("/simulator/restart.yml", Clock.systemUTC(), temp,
				IngestedEventsRecorder.class)) {
			var simulator = runs.simulator();
			var jdbc = runs.jdbc();
			var first = runs.start(SLOW);
			var msp = new Simulation(first, simulator).organization("Restart MSP");
			var tenant = msp.connect(FOXTROT, "Foxtrot");
			var firstEvents = first.getBean(IngestedEventsRecorder.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> runs.signIns(tenant) >= 300);
			first.close();
			var storedAtStop = runs.signIns(tenant);
			assertThat(storedAtStop).as("stopped mid-run").isLessThan(1500);

			var second = runs.start(SLOW);
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
	}

	private static Set<String> graphIds(JdbcClient jdbc, ManagedTenantId tenant) {
		return jdbc.sql("select graph_id from sign_in where managed_tenant_id = ?")
			.param(tenant.value())
			.query(String.class)
			.set();
	}

}
