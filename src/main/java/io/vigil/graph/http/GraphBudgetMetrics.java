package io.vigil.graph.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vigil.shared.ActingAsVigil;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How much of the app-wide Graph budget the busiest app registration used in the last
 * window, as a share of Vigil's limit (1 = all of it), across every replica (the budget
 * lives in the database). Read on scrape, as Vigil itself.
 */
public final class GraphBudgetMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	private final GraphBudget.Limits limits;

	public GraphBudgetMetrics(JdbcClient jdbc, GraphBudget.Limits limits) {
		this.jdbc = jdbc;
		this.limits = limits;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("vigil.graph.budget.used", this, GraphBudgetMetrics::used)
			.description("Share of the app-wide Graph request budget used in the last window (busiest app)")
			.register(registry);
	}

	private double used() {
		var requests = ActingAsVigil.call(() -> jdbc.sql("""
				select coalesce(max((select count(*) from unnest(recent) t
				                     where t > clock_timestamp() - ?::interval)), 0)
				from graph_budget where bucket like 'app:%'""")
			.param(limits.window().toMillis() + " milliseconds")
			.query(Long.class)
			.single());
		return limits.perApp() == 0 ? 0 : (double) requests / limits.perApp();
	}

}
