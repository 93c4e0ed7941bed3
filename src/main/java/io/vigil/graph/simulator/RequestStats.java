package io.vigil.graph.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator saw of its clients' reporting requests, as a harness measuring a
 * client needs it from outside the client ({@code GET /simulator/stats}): requests and
 * 429s, the busiest window per app and per tenant, and when each tenant's sign-in listing
 * of each event type was read to its last page (a complete poll).
 */
final class RequestStats {

	private final Map<String, List<Instant>> byApp = new ConcurrentHashMap<>();

	private final Map<String, List<Instant>> byTenant = new ConcurrentHashMap<>();

	private final Map<String, List<Instant>> completed = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	void request(String app, String tenant, Instant at, boolean wasThrottled) {
		requests.incrementAndGet();
		if (wasThrottled) {
			throttled.incrementAndGet();
			return;
		}
		add(byApp, app, at);
		add(byTenant, app + "|" + tenant.toLowerCase(), at);
	}

	void listingCompleted(String tenant, String eventType, Instant at) {
		add(completed, tenant.toLowerCase() + "|" + eventType, at);
	}

	/** The statistics as JSON. */
	String json(Duration window) {
		var out = new StringBuilder("{\"requests\":").append(requests.get())
			.append(",\"throttled\":")
			.append(throttled.get())
			.append(",\"peakPerApp\":{");
		var first = true;
		for (var entry : new TreeMap<>(byApp).entrySet()) {
			out.append(first ? "" : ",")
				.append('"')
				.append(entry.getKey())
				.append("\":")
				.append(peak(entry.getValue(), window));
			first = false;
		}
		var peakTenant = byTenant.values().stream().mapToInt(times -> peak(times, window)).max().orElse(0);
		out.append("},\"peakPerTenant\":").append(peakTenant).append(",\"completedListings\":{");
		first = true;
		for (var entry : new TreeMap<>(completed).entrySet()) {
			out.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":[");
			var times = snapshot(entry.getValue());
			for (int i = 0; i < times.size(); i++) {
				out.append(i == 0 ? "" : ",").append(times.get(i).toEpochMilli());
			}
			out.append(']');
			first = false;
		}
		return out.append("}}").toString();
	}

	/** The most requests any window of this length held. */
	static int peak(List<Instant> times, Duration window) {
		var sorted = snapshot(times);
		sorted.sort(null);
		int peak = 0;
		int start = 0;
		for (int end = 0; end < sorted.size(); end++) {
			while (!sorted.get(start).plus(window).isAfter(sorted.get(end))) {
				start++;
			}
			peak = Math.max(peak, end - start + 1);
		}
		return peak;
	}

	private static void add(Map<String, List<Instant>> map, String key, Instant at) {
		var times = map.computeIfAbsent(key, k -> new ArrayList<>());
		synchronized (times) {
			times.add(at);
		}
	}

	private static List<Instant> snapshot(List<Instant> times) {
		synchronized (times) {
			return new ArrayList<>(times);
		}
	}

}
