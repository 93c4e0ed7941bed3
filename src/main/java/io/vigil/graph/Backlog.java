package io.vigil.graph;

import java.util.function.Supplier;

/**
 * Marks Graph reads that catch up on a backlog (a new tenant's first day of history, a
 * tenant that was not polled for a while) rather than keep a tenant current: they take
 * the app registration's request budget only while a share of it stays free, so a
 * thousand tenants connected at once do not delay the polls of the tenants already
 * current. The poller decides per tenant; the budget reads it.
 */
public final class Backlog {

	private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

	private Backlog() {
	}

	public static <T> T call(Supplier<T> work) {
		var outer = ACTIVE.get();
		ACTIVE.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			if (outer == null) {
				ACTIVE.remove();
			}
		}
	}

	public static void run(Runnable work) {
		call(() -> {
			work.run();
			return null;
		});
	}

	public static boolean active() {
		return Boolean.TRUE.equals(ACTIVE.get());
	}

}
