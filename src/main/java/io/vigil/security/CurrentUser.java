package io.vigil.security;

import java.util.Optional;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The person behind the current request, once fully signed in (password and, for staff,
 * second factor).
 */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static Optional<VigilUser> get() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof VigilPrincipal principal) {
			return Optional.of(principal.user());
		}
		return Optional.empty();
	}

	/**
	 * The person on this thread at any stage of signing in (for row-level security), or
	 * null.
	 */
	static @org.jspecify.annotations.Nullable VigilUser anyStage() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof VigilPrincipal principal
				? principal.user() : null;
	}

	public static VigilUser require() {
		return get().orElseThrow(() -> new IllegalStateException("no signed-in user"));
	}

}
