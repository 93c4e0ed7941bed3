package io.vigil.shared;

import java.util.function.Supplier;

/**
 * Marks work that Vigil does for itself while serving someone (taking from the shared
 * Graph budget, say): its database connections act for Vigil, not for the signed-in
 * person, whose connections may reach only their own organization's rows. Code decides
 * this, never a request: SQL cannot reach it.
 */
public final class ActingAsVigil {

	private static final ThreadFlag FLAG = new ThreadFlag();

	private ActingAsVigil() {
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
