package io.vigil.graph.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import io.vigil.graph.simulator.SimulatorScenario.GraphLimits;

/**
 * Graph's throttling of the identity reports, as a client meets it: a sliding window of
 * requests per app across all tenants and per app and tenant. A request beyond either
 * limit is answered 429 with the seconds until the window has room again; it is not
 * counted (Graph is harsher: it counts throttled requests too).
 */
final class ReportingLimits {

	private final GraphLimits limits;

	private final Map<String, ArrayDeque<Instant>> windows = new HashMap<>();

	ReportingLimits(GraphLimits limits) {
		this.limits = limits;
	}

	/**
	 * @return empty when the request may be served (it is counted), else Retry-After in
	 * seconds
	 */
	synchronized OptionalLong admit(String app, String tenant, Instant now) {
		var appWindow = window("app|" + app, now);
		var tenantWindow = window("tenant|" + app + "|" + tenant.toLowerCase(), now);
		var wait = Duration.ZERO;
		if (appWindow.size() >= limits.perApp()) {
			wait = until(appWindow.peekFirst(), now);
		}
		if (tenantWindow.size() >= limits.perTenant()) {
			var tenantWait = until(tenantWindow.peekFirst(), now);
			wait = tenantWait.compareTo(wait) > 0 ? tenantWait : wait;
		}
		if (!wait.isZero()) {
			return OptionalLong.of(Math.max(1, (wait.toMillis() + 999) / 1000));
		}
		appWindow.addLast(now);
		tenantWindow.addLast(now);
		return OptionalLong.empty();
	}

	private ArrayDeque<Instant> window(String key, Instant now) {
		var window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
		var start = now.minus(limits.window());
		while (!window.isEmpty() && !window.peekFirst().isAfter(start)) {
			window.removeFirst();
		}
		return window;
	}

	private Duration until(Instant oldest, Instant now) {
		var free = oldest.plus(limits.window());
		return free.isAfter(now) ? Duration.between(now, free) : Duration.ofMillis(1);
	}

}
