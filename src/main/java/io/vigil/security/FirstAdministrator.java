package io.vigil.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import io.vigil.shared.Secret;
import io.vigil.shared.Sha256;
import io.vigil.tenants.ManagedTenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator: Vigil starts without any password. When no account exists it
 * prints a one-time setup link (only its hash is stored; it expires), or, for automated
 * installs, creates the administrator from {@code app.security.bootstrap.*}. The link
 * works once: the first completed setup marks it used.
 */
@Service
public class FirstAdministrator {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private final Accounts accounts;

	private final ManagedTenants tenants;

	private final JdbcClient jdbc;

	private final SecuritySettings settings;

	private final AuditLog audit;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	FirstAdministrator(Accounts accounts, ManagedTenants tenants, JdbcClient jdbc, SecuritySettings settings,
			AuditLog audit, Clock clock) {
		this.accounts = accounts;
		this.tenants = tenants;
		this.jdbc = jdbc;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * After everything else that runs at start (demo mode creates its accounts first).
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.LOWEST_PRECEDENCE)
	void onStart() {
		if (accounts.anyAccount()) {
			return;
		}
		var bootstrap = settings.bootstrap();
		if (bootstrap.configured()) {
			create(bootstrap.organization(), "Administrator", bootstrap.email(), new Secret(bootstrap.password()),
					"bootstrap");
			log.info("Created the first administrator {} from app.security.bootstrap (second factor enrolment at "
					+ "first sign-in)", bootstrap.email());
			return;
		}
		// the one place the token is printed in full: it is how the operator finds the
		// link (it works once, 24 h)
		var link = settings.baseUrl().resolve("/setup?token=" + newToken().reveal());
		log.warn("""

				  No administrator exists yet. Set one up (valid for {}, once) at:
				    {}
				""", settings.setupLinkValidity(), link);
	}

	/** A new setup token; earlier unused ones stop working. */
	@Transactional
	public Secret newToken() {
		var bytes = new byte[32];
		random.nextBytes(bytes);
		var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		var now = clock.instant();
		jdbc.sql("update setup_token set used_at = ? where used_at is null").param(Timestamp.from(now)).update();
		jdbc.sql("insert into setup_token (token_hash, created_at, expires_at) values (?, ?, ?)")
			.params(Sha256.of(token), Timestamp.from(now), Timestamp.from(now.plus(settings.setupLinkValidity())))
			.update();
		return new Secret(token);
	}

	@Transactional(readOnly = true)
	public boolean isValid(String token) {
		return jdbc
			.sql("select exists (select 1 from setup_token where token_hash = ? and used_at is null "
					+ "and expires_at > ?)")
			.params(Sha256.of(token), Timestamp.from(clock.instant()))
			.query(Boolean.class)
			.single();
	}

	/** Uses the token (once) to create the organization and its first administrator. */
	@Transactional
	public VigilUser setUp(String token, String organizationName, String displayName, String email, Secret password) {
		var used = jdbc
			.sql("update setup_token set used_at = ? where token_hash = ? and used_at is null " + "and expires_at > ?")
			.params(Timestamp.from(clock.instant()), Sha256.of(token), Timestamp.from(clock.instant()))
			.update();
		if (used != 1) {
			audit.record(null, email, AuditAction.SETUP_FIRST_ADMINISTRATOR, email, "refused",
					Map.of("reason", "invalid, used or expired link"));
			throw new AccountException("This setup link is invalid, used or expired");
		}
		return create(organizationName, displayName, email, password, "setup link");
	}

	private VigilUser create(String organizationName, String displayName, String email, Secret password, String how) {
		if (organizationName == null || organizationName.isBlank()) {
			throw new AccountException("The organization needs a name");
		}
		var organization = tenants.createOrganization(organizationName.strip()).id();
		var user = accounts.create(organization, email, displayName, password, Role.ORG_ADMIN, null, false, how);
		audit.record(organization, email, AuditAction.SETUP_FIRST_ADMINISTRATOR, email, "success", Map.of("via", how));
		return user;
	}

}
