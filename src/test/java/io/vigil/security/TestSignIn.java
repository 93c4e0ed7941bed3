package io.vigil.security;

import java.util.UUID;

import io.vigil.shared.OrganizationId;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** A signed-in person (password and second factor done) for tests that drive the web layer. */
public final class TestSignIn {

	private TestSignIn() {
	}

	public static Object as(OrganizationId organization, Role role) {
		var user = new VigilUser(UUID.randomUUID(), organization, role.name().toLowerCase() + "@test.example",
				"Test " + role, role, null, true, false);
		return new VigilPrincipal(user, "", false, true);
	}

	public static Object principal(VigilUser user) {
		return new VigilPrincipal(user, "", false, true);
	}

	/** The current TOTP code for a base32 key, as an authenticator app shows it. */
	public static String totpCode(String key) {
		return Totp.code(key, Totp.step(java.time.Instant.now()));
	}

	public static UsernamePasswordAuthenticationToken token(Object principal) {
		var vigil = (VigilPrincipal) principal;
		return UsernamePasswordAuthenticationToken.authenticated(vigil, null, vigil.getAuthorities());
	}

}
