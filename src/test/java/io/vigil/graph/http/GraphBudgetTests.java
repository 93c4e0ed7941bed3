package io.vigil.graph.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import io.vigil.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget against real PostgreSQL, with several "replicas" (budget instances, own
 * connections) at once.
 */
class GraphBudgetTests {

	private DriverManagerDataSource dataSource;

	@BeforeEach
	void database() {
		dataSource = new DriverManagerDataSource(TestDatabase.createDatabase(), "postgres", "postgres");
		Flyway.configure().dataSource(dataSource).load().migrate();
	}

	@Test
	void grantsAtMostTheTenantLimitPerWindow() {
		var budget = budget(new GraphBudget.Limits(100, 3, Duration.ofSeconds(5)));
		for (int i = 0; i < 3; i++) {
			assertThat(budget.tryAcquire("app", "tenant-a")).isEmpty();
		}
		var wait = budget.tryAcquire("app", "tenant-a");
		// the window and its slack for the request to reach Graph (a tenth of it here)
		assertThat(wait).get()
			.satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(5000), Duration.ofMillis(5500)));
		assertThat(budget.tryAcquire("app", "tenant-b")).as("another tenant has its own bucket").isEmpty();
	}

	@Test
	void sharesTheAppLimitAcrossTenants() {
		var budget = budget(new GraphBudget.Limits(4, 3, Duration.ofSeconds(5)));
		assertThat(budget.tryAcquire("app", "t1")).isEmpty();
		assertThat(budget.tryAcquire("app", "t2")).isEmpty();
		assertThat(budget.tryAcquire("app", "t3")).isEmpty();
		assertThat(budget.tryAcquire("app", "t4")).isEmpty();
		assertThat(budget.tryAcquire("app", "t5")).as("app-wide limit reached").isPresent();
		assertThat(budget.tryAcquire("other-app", "t5")).as("another app registration").isEmpty();
	}

	@Test
	void aBacklogTakesOnlyPartOfWhatCurrentPollsLeave() {
		var budget = budget(new GraphBudget.Limits(10, 10, Duration.ofSeconds(5), 0.5));
		for (int i = 0; i < 5; i++) {
			assertThat(budget.tryAcquire("app", "new-" + i, true)).as("half of the ten").isEmpty();
		}
		assertThat(budget.tryAcquire("app", "new-5", true)).as("the backlog's share is used up")
			.get()
			.satisfies(d -> assertThat(d).isPositive());
		assertThat(budget.tryAcquire("app", "current-1", false)).as("current polls still go").isEmpty();
		assertThat(budget.tryAcquire("app", "current-2")).isEmpty();
		assertThat(budget.tryAcquire("app", "new-6", true)).as("half of the eight the current ones leave: 4 < 5")
			.isPresent();
		for (int i = 3; i <= 5; i++) {
			assertThat(budget.tryAcquire("app", "current-" + i)).isEmpty();
		}
		assertThat(budget.tryAcquire("app", "current-6")).as("the app limit holds for all").isPresent();
	}

	@Test
	void blocksATenantForItsRetryAfter() {
		var budget = budget(new GraphBudget.Limits(100, 5, Duration.ofSeconds(10)));
		budget.block("app", "tenant-a", Duration.ofSeconds(30));
		assertThat(budget.tryAcquire("app", "tenant-a")).get()
			.satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30)));
		assertThat(budget.tryAcquire("app", "tenant-b")).isEmpty();
	}

	@Test
	void holdsAcrossConcurrentReplicas() throws Exception {
		var limits = new GraphBudget.Limits(6, 6, Duration.ofMillis(500));
		var replicas = List.of(budget(limits), budget(limits), budget(limits), budget(limits));
		// each grant happened somewhere between the moments before and after its call: a
		// thread descheduled around
		// the call (2 busy cores) widens the interval, it never makes grants look closer
		// together than they were
		var granted = Collections.synchronizedList(new ArrayList<Instant[]>());
		var deadline = Instant.now().plusSeconds(3);
		var errors = ConcurrentHashMap.<Throwable>newKeySet();
		try (var threads = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 8; i++) {
				var replica = replicas.get(i % replicas.size());
				threads.execute(() -> {
					try {
						while (Instant.now().isBefore(deadline)) {
							var before = Instant.now();
							if (replica.tryAcquire("app", "tenant").isEmpty()) {
								granted.add(new Instant[] { before, Instant.now() });
							}
						}
					}
					catch (Throwable ex) {
						errors.add(ex);
					}
				});
			}
		}
		assertThat(errors).isEmpty();
		// Slots are 0.75 s apart (window + slack) for every 6 grants: any 7 grants span
		// at least that, so the latest
		// "after" of 7 consecutive grants minus their earliest "before" must exceed 0.6
		// s.
		var times = granted.stream().sorted(java.util.Comparator.comparing(t -> t[0])).toList();
		for (int i = 0; i + 6 < times.size(); i++) {
			var seven = times.subList(i, i + 7);
			var latestAfter = seven.stream().map(t -> t[1]).max(Instant::compareTo).orElseThrow();
			assertThat(Duration.between(seven.getFirst()[0], latestAfter)).isGreaterThan(Duration.ofMillis(600));
		}
		assertThat(times).as("the replicas kept granting while slots were free").hasSizeBetween(12, 30);
	}

	private GraphBudget budget(GraphBudget.Limits limits) {
		return new GraphBudget(JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), limits);
	}

}
