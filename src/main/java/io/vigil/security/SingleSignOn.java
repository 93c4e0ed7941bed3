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
 * Single sign-on with Entra ID, per organization, at the organization's own Entra tenant
 * only. A person links their Vigil account once, explicitly, while signed in with Vigil's
 * password and second factor; the link binds the account to Entra's immutable identifiers
 * ({@code tid} + {@code oid}), never to an email claim or a domain. Later sign-ins
 * through Entra find the account by those identifiers; Entra's MFA counts as Vigil's
 * second factor only when its token says it was used ({@code amr} contains {@code mfa}),
 * otherwise Vigil asks for its own. Nobody is created on the fly.
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
		audit.record(organization, actor, AuditAction.SSO_CONFIGURED, emailDomain, "success",
				Map.of("entraTenant", entraTenantId.strip(), "clientId", clientId.strip()));
	}

	@Transactional(readOnly = true)
	public Optional<SsoSettings> settings(OrganizationId organization) {
		return jdbc
			.sql("select entra_tenant_id, client_id, email_domain from organization_sso where organization_id = ?")
			.param(organization.value())
			.query((rs, row) -> new SsoSettings(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	/**
	 * The sign-in to start for an email address: the organization of the account, when
	 * the account is linked to Entra ID and its organization has single sign-on.
	 */
	@Transactional(readOnly = true)
	public Optional<String> registrationFor(String email) {
		return jdbc
			.sql("""
					select a.organization_id from user_account a join organization_sso s on s.organization_id = a.organization_id
					where lower(a.email) = lower(?) and a.sso_object_id is not null and not a.disabled""")
			.param(email.strip())
			.query(UUID.class)
			.optional()
			.map(id -> PREFIX + id);
	}

	/**
	 * The registration a signed-in person links their account through: their
	 * organization's, if it has one.
	 */
	@Transactional(readOnly = true)
	public Optional<String> registrationOf(OrganizationId organization) {
		return settings(organization).map(settings -> PREFIX + organization.value());
	}

	/** Whether the person's account is linked to an Entra ID identity. */
	@Transactional(readOnly = true)
	public boolean isLinked(VigilUser user) {
		return jdbc.sql("select sso_object_id is not null from user_account where id = ?")
			.param(user.id())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Removes the person's own link (audited). */
	@Transactional
	public void unlink(VigilUser user) {
		jdbc.sql("update user_account set sso_entra_tenant_id = null, sso_object_id = null where id = ?")
			.param(user.id())
			.update();
		audit.record(user.organizationId(), user.email(), AuditAction.SSO_UNLINKED, user.email(), "success", Map.of());
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
		return jdbc
			.sql("select entra_tenant_id, client_id, client_secret from organization_sso where organization_id = ?")
			.param(organization.value())
			.query((rs, row) -> ClientRegistration.withRegistrationId(registrationId)
				.clientId(rs.getString("client_id"))
				.clientSecret(sealing.open(rs.getBytes("client_secret"), context(organization)).reveal())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(
						settings.baseUrl().toString().replaceAll("/+$", "") + "/login/oauth2/code/{registrationId}")
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

	/**
	 * What an Entra sign-in vouches for, once its tenant is checked against the
	 * organization's own.
	 */
	private record EntraIdentity(OrganizationId organization, String tenantId, String objectId, boolean mfa) {
	}

	private Optional<EntraIdentity> identity(String registrationId, OidcUser entraUser) {
		var organization = new OrganizationId(UUID.fromString(registrationId.substring(PREFIX.length())));
		var configured = settings(organization).map(SsoSettings::entraTenantId).orElse(null);
		var tenant = entraUser.getClaimAsString("tid");
		var object = entraUser.getClaimAsString("oid");
		if (configured == null || tenant == null || object == null || !configured.equalsIgnoreCase(tenant)) {
			audit.record(organization, String.valueOf(entraUser.getSubject()), AuditAction.LOGIN_SSO,
					String.valueOf(object), "refused",
					Map.of("reason", "the token is not from the organization's own Entra tenant"));
			return Optional.empty();
		}
		var amr = entraUser.getClaimAsStringList("amr");
		return Optional.of(new EntraIdentity(organization, tenant.toLowerCase(java.util.Locale.ROOT), object,
				amr != null && amr.contains("mfa")));
	}

	/**
	 * The signed-in principal for an Entra sign-in: the account linked to its tenant and
	 * object id, in the organization whose sign-in this was, enabled and not locked; its
	 * second factor is done only when Entra used MFA.
	 */
	@Transactional
	Optional<VigilPrincipal> principalFor(String registrationId, OidcUser entraUser) {
		var identity = identity(registrationId, entraUser);
		if (identity.isEmpty()) {
			return Optional.empty();
		}
		var found = identity.get();
		var account = jdbc
			.sql("select id from user_account where sso_entra_tenant_id = ? and sso_object_id = ? "
					+ "and organization_id = ?")
			.params(found.tenantId(), found.objectId(), found.organization().value())
			.query(UUID.class)
			.optional()
			.flatMap(accounts::find);
		var refusal = account.isEmpty() ? "no Vigil account is linked to this Entra identity"
				: account.get().disabled() ? "account disabled"
						: account.get().lockedUntil() != null && account.get().lockedUntil().isAfter(clock.instant())
								? "account locked" : null;
		var who = account.map(a -> a.user().email()).orElse(found.objectId());
		audit.record(found.organization(), who, AuditAction.LOGIN_SSO, who, refusal == null ? "success" : "refused",
				refusal == null ? Map.of("entraMfa", found.mfa()) : Map.of("reason", refusal));
		if (refusal != null) {
			return Optional.empty();
		}
		var linked = account.get();
		return Optional.of(new VigilPrincipal(linked.user(), "", false, found.mfa(), false, linked.sessionEpoch()));
	}

	/**
	 * Links the signed-in person's account to the Entra identity that just signed in,
	 * when it is from their organization's tenant and linked to no other account.
	 * @return what went wrong, in words, or null when linked
	 */
	@Transactional
	@org.jspecify.annotations.Nullable
	String link(VigilUser user, String registrationId, OidcUser entraUser) {
		if (!registrationId.equals(PREFIX + user.organizationId().value())) {
			return "That sign-in was for another organization";
		}
		var identity = identity(registrationId, entraUser);
		if (identity.isEmpty()) {
			return "Entra ID signed you in at another tenant than your organization's";
		}
		var taken = jdbc
			.sql("select count(*) from user_account where sso_entra_tenant_id = ? and sso_object_id = ? "
					+ "and id <> ?")
			.params(identity.get().tenantId(), identity.get().objectId(), user.id())
			.query(Long.class)
			.single();
		if (taken > 0) {
			audit.record(user.organizationId(), user.email(), AuditAction.SSO_LINKED, user.email(), "refused",
					Map.of("reason", "identity linked to another account"));
			return "That Entra ID account is linked to another Vigil account";
		}
		jdbc.sql("update user_account set sso_entra_tenant_id = ?, sso_object_id = ? where id = ?")
			.params(identity.get().tenantId(), identity.get().objectId(), user.id())
			.update();
		audit.record(user.organizationId(), user.email(), AuditAction.SSO_LINKED, user.email(), "success",
				Map.of("entraTenant", identity.get().tenantId(), "objectId", identity.get().objectId()));
		return null;
	}

	private static String context(OrganizationId organization) {
		return "sso:" + organization.value();
	}

}
