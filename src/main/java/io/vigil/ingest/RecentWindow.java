package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The entries added last, first in, first out: bounded by their weight and by their age,
 * evicted a whole page at a time. A Caffeine cache does not fit here: its admission
 * favours entries read more than once, and every page is read by each listener of its
 * event, so once full it kept pages already evaluated and turned away the newest, the
 * very ones listeners were about to ask for (which they then read back from the
 * database).
 */
final class RecentWindow<V> {

	private final long maxWeight;

	private final Duration maxAge;

	private final ToLongFunction<V> weigher;

	private final Map<Long, V> byId = new ConcurrentHashMap<>();

	/** Guarded by {@code this}; oldest first. */
	private final ArrayDeque<Page> pages = new ArrayDeque<>();

	private long weight;

	RecentWindow(long maxWeight, Duration maxAge, ToLongFunction<V> weigher) {
		this.maxWeight = maxWeight;
		this.maxAge = maxAge;
		this.weigher = weigher;
	}

	/** Adds a page of entries, then drops the oldest pages beyond the bounds. */
	synchronized void add(Map<Long, V> entries, Instant now) {
		long pageWeight = 0;
		for (var entry : entries.values()) {
			pageWeight += weigher.applyAsLong(entry);
		}
		byId.putAll(entries);
		pages.addLast(new Page(List.copyOf(entries.keySet()), pageWeight, now));
		weight += pageWeight;
		var oldest = now.minus(maxAge);
		while (!pages.isEmpty() && (weight > maxWeight || pages.peekFirst().added().isBefore(oldest))) {
			var page = pages.removeFirst();
			page.ids().forEach(byId::remove);
			weight -= page.weight();
		}
	}

	/** Those of {@code ids} held, by id. */
	Map<Long, V> getAll(Collection<Long> ids) {
		var found = new HashMap<Long, V>(ids.size() * 2);
		for (var id : ids) {
			var value = byId.get(id);
			if (value != null) {
				found.put(id, value);
			}
		}
		return found;
	}

	private record Page(List<Long> ids, long weight, Instant added) {
	}

}
