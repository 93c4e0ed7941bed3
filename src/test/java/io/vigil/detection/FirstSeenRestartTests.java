package io.vigil.detection;

import java.nio.file.Path;
import java.time.Duration;

import io.vigil.MovableClock;
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
 * The first-seen baseline survives a restart: one run of Vigil stores three weeks of an
 * account's sign-ins from home and stops; the next run, on the same database, sees the
 * account sign in from Brazil and knows that is new (RULE-1205), from what the first run
 * stored. The simulator runs standalone, outliving both runs.
 */
class FirstSeenRestartTests {

	static final String LIMA = "33330000-0000-4000-8000-00000000000c";

	@Test
	void theBaselineOfTheFirstRunServesTheNext(@TempDir Path temp) throws Exception {
		// stopped while the first run ingests the history
		var simulatorClock = new MovableClock();
		simulatorClock.stop();
		try (var runs = new VigilRuns("/simulator/first-seen-restart.yml", simulatorClock, temp)) {
			var simulator = runs.simulator();
			var first = runs.start("--app.ingest.initial-lookback=P30D");
			var msp = new Simulation(first, simulator).organization("Restart MSP");
			var tenant = msp.connect(LIMA, "Lima");
			var history = SimulatorProbe.visibleSignInIds(simulator, LIMA).size();
			await().atMost(Duration.ofSeconds(45)).until(() -> runs.signIns(tenant) >= history);
			first.close();
			// the simulator's time runs again: the attack, 5 s after its start, comes out
			simulatorClock.resume();
			assertThat(firstSeen(runs.jdbc(), tenant)).as("nothing new before the restart").isZero();
			assertThat(SimulatorProbe.visibleSignInIds(simulator, LIMA)).as("the attack comes after the first run")
				.hasSize(history);

			runs.start("--app.ingest.initial-lookback=P30D");
			await().atMost(Duration.ofSeconds(120)).until(() -> firstSeen(runs.jdbc(), tenant) == 1);
			var account = runs.jdbc()
				.sql("select account_id from incident where managed_tenant_id = ? and rule_id = 'RULE-1205'")
				.param(tenant.value())
				.query(String.class)
				.single();
			assertThat(account).isEqualTo(simulator.user(LIMA, 4));
		}
	}

	private static long firstSeen(JdbcClient jdbc, ManagedTenantId tenant) {
		return jdbc.sql("select count(*) from incident where managed_tenant_id = ? and rule_id = 'RULE-1205'")
			.param(tenant.value())
			.query(Long.class)
			.single();
	}

}
