package io.vigil.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * A signed-in person (password and second factor done) for tests that drive the web
 * layer. The account is stored too: every request reads the signed-in account afresh, and
 * a session whose account does not exist ends.
 */
public final class TestSignIn {

	private TestSignIn() {
	}

	public static Object as(JdbcClient jdbc, OrganizationId organization, Role role) {
		return as(jdbc, organization, role, null);
	}

	/**
	 * A person who sees only some of the organization's tenants (all of them if null).
	 */
	public static Object as(JdbcClient jdbc, OrganizationId organization, Role role,
			@Nullable Set<ManagedTenantId> scope) {
		var user = new VigilUser(UUID.randomUUID(), organization,
				role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example",
				"Test " + role, role, scope, true, false);
		return principal(jdbc, user);
	}

	public static Object principal(JdbcClient jdbc, VigilUser user) {
		jdbc.sql(
				"""
						insert into user_account (id, organization_id, email, display_name, password_hash, role, tenant_scope,
						  totp_enabled, demo, created_at) values (?, ?, ?, ?, '-', ?, ?, ?, ?, ?) on conflict (id) do nothing""")
			.params(user.id(), user.organizationId().value(), user.email(), user.displayName(), user.role().name(),
					user.tenantScope() == null ? null
							: user.tenantScope().stream().map(ManagedTenantId::value).toArray(UUID[]::new),
					user.totpEnabled(), user.demo(), Timestamp.from(Instant.now()))
			.update();
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
