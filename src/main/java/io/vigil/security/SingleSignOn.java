package io.vigil.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vigil.graph.EntraSignIn;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.SecretSealing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single sign-on with Entra ID, per organization: people whose email is in the organization's domain sign in at
 * their own Entra tenant (which enforces its MFA and conditional access) and are matched to their Vigil account by
 * email. Only existing accounts of that organization sign in this way; nobody is created on the fly.
 */
@Service
public class SingleSignOn {

	static final String PREFIX = "org-";

	private final JdbcClient jdbc;

	private final SecretSealing sealing;

	private final EntraSignIn entra;

	private final SecuritySettings settings;

	private final AccountRepository accounts;

	private final AuditLog audit;

	private final Clock clock;

	SingleSignOn(JdbcClient jdbc, SecretSealing sealing, EntraSignIn entra, SecuritySettings settings,
			AccountRepository accounts, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.sealing = sealing;
		this.entra = entra;
		this.settings = settings;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public void configure(OrganizationId organization, String entraTenantId, String clientId, Secret clientSecret,
			String emailDomain, String actor) {
		if (!entraTenantId.strip().matches("[0-9a-fA-F-]{36}") || !clientId.strip().matches("[0-9a-fA-F-]{36}")) {
			throw new AccountException("The tenant id and the client id are GUIDs");
		}
		if (!emailDomain.strip().matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}") || clientSecret.reveal().isBlank()) {
			throw new AccountException("Give the email domain (like msp.example) and the client secret");
		}
		jdbc.sql("""
				insert into organization_sso (organization_id, entra_tenant_id, client_id, client_secret, email_domain,
				  created_at) values (?, ?, ?, ?, ?, ?)
				on conflict (organization_id) do update set entra_tenant_id = excluded.entra_tenant_id,
				  client_id = excluded.client_id, client_secret = excluded.client_secret,
				  email_domain = excluded.email_domain""")
			.params(organization.value(), entraTenantId.strip(), clientId.strip(),
					sealing.seal(clientSecret, context(organization)), emailDomain.strip().toLowerCase(Locale.ROOT),
					Timestamp.from(clock.instant()))
			.update();
		audit.record(organization, actor, "sso.configured", emailDomain, "success",
				Map.of("entraTenant", entraTenantId.strip(), "clientId", clientId.strip()));
	}

	@Transactional(readOnly = true)
	public Optional<SsoSettings> settings(OrganizationId organization) {
		return jdbc.sql("select entra_tenant_id, client_id, email_domain from organization_sso where organization_id = ?")
			.param(organization.value())
			.query((rs, row) -> new SsoSettings(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	/** The sign-in to start for an email address, when its domain signs in with Entra ID. */
	@Transactional(readOnly = true)
	public Optional<String> registrationFor(String email) {
		var at = email.lastIndexOf('@');
		if (at < 0) {
			return Optional.empty();
		}
		return jdbc.sql("select organization_id from organization_sso where lower(email_domain) = lower(?)")
			.param(email.substring(at + 1).strip())
			.query(UUID.class)
			.optional()
			.map(id -> PREFIX + id);
	}

	Optional<ClientRegistration> registration(String registrationId) {
		if (!registrationId.startsWith(PREFIX)) {
			return Optional.empty();
		}
		OrganizationId organization;
		try {
			organization = new OrganizationId(UUID.fromString(registrationId.substring(PREFIX.length())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return jdbc.sql("select entra_tenant_id, client_id, client_secret from organization_sso where organization_id = ?")
			.param(organization.value())
			.query((rs, row) -> ClientRegistration.withRegistrationId(registrationId)
				.clientId(rs.getString("client_id"))
				.clientSecret(sealing.open(rs.getBytes("client_secret"), context(organization)).reveal())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(settings.baseUrl().toString().replaceAll("/+$", "") + "/login/oauth2/code/{registrationId}")
				.scope("openid", "profile", "email")
				.authorizationUri(entra.authorizationUri(rs.getString("entra_tenant_id")).toString())
				.tokenUri(entra.tokenUri(rs.getString("entra_tenant_id")).toString())
				.jwkSetUri(entra.keysUri(rs.getString("entra_tenant_id")).toString())
				.issuerUri(entra.issuer(rs.getString("entra_tenant_id")))
				.userNameAttributeName("preferred_username")
				.clientName("Entra ID")
				.build())
			.optional();
	}

	/** The Vigil account the Entra sign-in belongs to: same email, same organization, or none. */
	@Transactional
	Optional<VigilUser> accountFor(String registrationId, OidcUser entraUser) {
		var organization = new OrganizationId(UUID.fromString(registrationId.substring(PREFIX.length())));
		var email = entraUser.getEmail() != null ? entraUser.getEmail() : entraUser.getPreferredUsername();
		var account = accounts.findByEmail(String.valueOf(email))
			.map(AccountRepository.Account::user)
			.filter(user -> user.organizationId().equals(organization));
		audit.record(organization, String.valueOf(email), "login.sso", String.valueOf(email),
				account.isPresent() ? "success" : "refused",
				account.isPresent() ? Map.of() : Map.of("reason", "no Vigil account with this email"));
		return account;
	}

	private static String context(OrganizationId organization) {
		return "sso:" + organization.value();
	}

}
