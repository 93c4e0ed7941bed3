package io.vigil.shared;

import java.util.function.Supplier;

/**
 * Marks work that Vigil does for itself while serving someone (taking from the shared
 * Graph budget, say): its database connections act for Vigil, not for the signed-in
 * person, whose connections may reach only their own organization's rows. Code decides
 * this, never a request: SQL cannot reach it.
 */
public final class ActingAsVigil {

	private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

	private ActingAsVigil() {
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
