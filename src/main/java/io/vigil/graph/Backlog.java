package io.vigil.graph;

import java.util.function.Supplier;

import io.vigil.shared.ThreadFlag;

/**
 * Marks Graph reads that catch up on a backlog (a new tenant's first day of history, a
 * tenant that was not polled for a while) rather than keep a tenant current: they take
 * the app registration's request budget only while a share of it stays free, so a
 * thousand tenants connected at once do not delay the polls of the tenants already
 * current. The poller decides per tenant; the budget reads it.
 */
public final class Backlog {

	private static final ThreadFlag FLAG = new ThreadFlag();

	private Backlog() {
	}

	public static <T> T call(Supplier<T> work) {
		return FLAG.call(work);
	}

	public static void run(Runnable work) {
		FLAG.run(work);
	}

	public static boolean active() {
		return FLAG.active();
	}

}
