package io.vigil.tenants;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import io.vigil.graph.TenantAccess;
import io.vigil.graph.TenantAccessReport;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Sha256;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connecting a customer tenant through Entra's admin consent: Vigil makes the consent
 * link (with a single-use state bound to the organization), takes the answer Entra
 * redirects back with, checks with a real token and a test call what was granted, and
 * connects the tenant, marked unlicensed when Graph says so.
 */
@Service
public class TenantOnboarding {

	private static final Duration VALIDITY = Duration.ofHours(1);

	private final ManagedTenants tenants;

	private final TenantRepository repository;

	private final TenantAccess access;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TenantAccessChecks accessChecks;

	private final SecureRandom random = new SecureRandom();

	private final org.springframework.context.ApplicationEventPublisher events;

	TenantOnboarding(ManagedTenants tenants, TenantRepository repository, TenantAccess access, JdbcClient jdbc,
			Clock clock, TenantAccessChecks accessChecks,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.accessChecks = accessChecks;
		this.tenants = tenants;
		this.repository = repository;
		this.access = access;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param tenantHint the customer tenant's id or a verified domain
	 * @param redirectUri where Entra sends the admin back (registered on the app)
	 * @return the link to give the customer tenant's administrator
	 */
	@Transactional
	public URI startConsent(OrganizationId organization, UUID appRegistrationId, String tenantHint, String displayName,
			URI redirectUri, String actor) {
		var app = repository.findAppRegistration(organization, appRegistrationId)
			.orElseThrow(() -> new IllegalArgumentException("No such app registration in this organization"));
		if (tenantHint.isBlank() || !tenantHint.strip().matches("[A-Za-z0-9.-]+")) {
			throw new IllegalArgumentException("Give the customer's tenant id or one of its domains");
		}
		var state = newState();
		var now = clock.instant();
		jdbc.sql("""
				insert into tenant_consent_request (state_hash, organization_id, app_registration_id, tenant_hint,
				  display_name, requested_by, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Sha256.of(state), organization.value(), appRegistrationId, tenantHint.strip(),
					displayName.isBlank() ? tenantHint.strip() : displayName.strip(), actor, Timestamp.from(now),
					Timestamp.from(now.plus(VALIDITY)))
			.update();
		return access.adminConsentUrl(app.clientId(), tenantHint.strip(), redirectUri, state);
	}

	/**
	 * Takes Entra's answer ({@code admin_consent}, {@code tenant}, {@code error},
	 * {@code state}).
	 */
	@Transactional
	public ConsentOutcome completeConsent(OrganizationId organization, String state, @Nullable String adminConsent,
			@Nullable String entraTenantId, @Nullable String error, @Nullable String errorDescription, String actor) {
		var outcome = consent(organization, state, adminConsent, entraTenantId, error, errorDescription, actor);
		if (!(outcome instanceof ConsentOutcome.Connected)) {
			events.publishEvent(
					new TenantConsentFailed(UUID.randomUUID(), organization, entraTenantId, outcome.toString(), actor));
		}
		return outcome;
	}

	private ConsentOutcome consent(OrganizationId organization, String state, @Nullable String adminConsent,
			@Nullable String entraTenantId, @Nullable String error, @Nullable String errorDescription, String actor) {
		var request = jdbc.sql("""
				update tenant_consent_request set completed_at = ? where state_hash = ? and organization_id = ?
				  and completed_at is null and expires_at > ?
				returning app_registration_id, tenant_hint, display_name""")
			.params(Timestamp.from(clock.instant()), Sha256.of(state), organization.value(),
					Timestamp.from(clock.instant()))
			.query((rs, row) -> new Request(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.optional();
		if (request.isEmpty()) {
			return new ConsentOutcome.Invalid("This consent answer is not for a request of your organization, "
					+ "or it was used already or has expired. Start the connection again.");
		}
		if (error != null || !"True".equalsIgnoreCase(adminConsent) || entraTenantId == null) {
			return new ConsentOutcome.Refused(error == null ? "Entra did not confirm the consent"
					: error + (errorDescription == null ? "" : ": " + errorDescription));
		}
		var report = access.check(credentials(organization, request.get().appRegistration(), entraTenantId));
		if (!report.consented()) {
			return new ConsentOutcome.NoAccess(report);
		}
		var tenant = tenants.findByEntraTenantId(organization, entraTenantId)
			.map(existing -> tenants.reconnect(organization, existing.id(), request.get().appRegistration(), actor))
			.orElseGet(() -> tenants.connect(organization, request.get().appRegistration(), entraTenantId,
					request.get().displayName(), actor));
		accessChecks.record(organization, tenant.id(), report, actor);
		if (report.licence() == TenantAccessReport.Licence.UNLICENSED) {
			tenants.recordStatus(organization, tenant.id(), TenantStatus.UNLICENSED,
					"No Entra ID P1/P2 licence: Graph does not list sign-in logs for this tenant");
		}
		return new ConsentOutcome.Connected(tenants.find(organization, tenant.id()).orElseThrow(), report);
	}

	private GraphCredentials credentials(OrganizationId organization, UUID appRegistration, String entraTenantId) {
		return tenants.credentials(organization, entraTenantId,
				repository.findAppRegistration(organization, appRegistration).orElseThrow());
	}

	private String newState() {
		var bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private record Request(UUID appRegistration, String tenantHint, String displayName) {
	}

}
