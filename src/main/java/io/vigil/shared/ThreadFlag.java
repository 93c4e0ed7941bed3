package io.vigil.shared;

import java.util.function.Supplier;

/**
 * A flag that code sets for the work it runs on the current thread (nested calls keep it
 * set), and that code further down reads: how {@link ActingAsVigil} and the Graph
 * budget's backlog marking travel without a parameter through every call in between.
 */
public final class ThreadFlag {

	private final ThreadLocal<Boolean> active = new ThreadLocal<>();

	public <T> T call(Supplier<T> work) {
		var outer = active.get();
		active.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			if (outer == null) {
				active.remove();
			}
		}
	}

	public void run(Runnable work) {
		call(() -> {
			work.run();
			return null;
		});
	}

	public boolean active() {
		return Boolean.TRUE.equals(active.get());
	}

}
