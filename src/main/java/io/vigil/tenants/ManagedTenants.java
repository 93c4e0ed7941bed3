package io.vigil.tenants;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vigil.shared.GraphCredentials;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenants module's API: organizations, their Graph app registration, and the tenants
 * they manage. Every method that reads or changes a tenant takes the organization first;
 * an id of another organization finds nothing.
 */
@Service
public class ManagedTenants {

	private static final Logger log = LoggerFactory.getLogger(ManagedTenants.class);

	private final TenantRepository repository;

	private final SecretCipher cipher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ManagedTenants(TenantRepository repository, SecretCipher cipher, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.cipher = cipher;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Organization createOrganization(String name) {
		var organization = new Organization(new OrganizationId(UUID.randomUUID()), name);
		repository.insertOrganization(organization, clock.instant());
		return organization;
	}

	/** Every organization (for Vigil's own jobs, such as data retention). */
	@Transactional(readOnly = true)
	public List<OrganizationId> organizations() {
		return repository.organizationIds();
	}

	@Transactional(readOnly = true)
	public Optional<Organization> findOrganizationByName(String name) {
		return repository.findOrganizationByName(name);
	}

	/**
	 * Registers the organization's multi-tenant Entra app; the secret is stored
	 * encrypted.
	 * @return the registration's id, which managed tenants reference
	 */
	@Transactional
	public UUID registerGraphApp(OrganizationId organization, String clientId, Secret clientSecret) {
		return registerGraphApp(organization, clientId, clientSecret, "vigil");
	}

	/** As {@link #registerGraphApp(OrganizationId, String, Secret)}, by {@code actor}. */
	@Transactional
	public UUID registerGraphApp(OrganizationId organization, String clientId, Secret clientSecret, String actor) {
		var id = UUID.randomUUID();
		var ciphertext = cipher.encrypt(clientSecret, associatedData(organization, clientId));
		repository.insertAppRegistration(id, organization, clientId, ciphertext, clock.instant());
		log.info("Registered Graph app {} for organization {}", clientId, organization);
		events.publishEvent(new GraphAppRegistered(UUID.randomUUID(), organization, id, clientId, false, actor));
		return id;
	}

	/**
	 * Registers the organization's multi-tenant Entra app with a certificate credential
	 * (PEM: the certificate and its private key), stored encrypted. Refused when the PEM
	 * lacks either.
	 */
	@Transactional
	public UUID registerGraphAppWithCertificate(OrganizationId organization, String clientId, Secret pem) {
		return registerGraphAppWithCertificate(organization, clientId, pem, "vigil");
	}

	/**
	 * As {@link #registerGraphAppWithCertificate(OrganizationId, String, Secret)}, by
	 * {@code actor}.
	 */
	@Transactional
	public UUID registerGraphAppWithCertificate(OrganizationId organization, String clientId, Secret pem,
			String actor) {
		io.vigil.graph.ClientCertificate.validate(pem);
		var id = UUID.randomUUID();
		repository.insertAppRegistration(id, organization, clientId,
				cipher.encrypt(pem, associatedData(organization, clientId)), true, clock.instant());
		log.info("Registered Graph app {} (certificate) for organization {}", clientId, organization);
		events.publishEvent(new GraphAppRegistered(UUID.randomUUID(), organization, id, clientId, true, actor));
		return id;
	}

	/**
	 * Replaces the client secret of the organization's app registration (after rotating
	 * it in Entra); the next Graph call uses the new one, and the old one is no longer
	 * used anywhere.
	 * @return false when the registration is not this organization's
	 */
	@Transactional
	public boolean rotateGraphAppSecret(OrganizationId organization, UUID appRegistrationId, Secret newSecret) {
		var clientId = repository.findAppRegistrations(organization)
			.stream()
			.filter(app -> app.id().equals(appRegistrationId))
			.map(GraphApp::clientId)
			.findFirst();
		if (clientId.isEmpty()) {
			return false;
		}
		repository.updateAppSecret(organization, appRegistrationId,
				cipher.encrypt(newSecret, associatedData(organization, clientId.get())));
		log.info("Rotated the secret of Graph app {} for organization {}", clientId.get(), organization);
		return true;
	}

	/** The organization's app registrations (client ids; never the secrets). */
	@Transactional(readOnly = true)
	public List<GraphApp> graphApps(OrganizationId organization) {
		return repository.findAppRegistrations(organization);
	}

	@Transactional(readOnly = true)
	public Optional<UUID> findGraphApp(OrganizationId organization, String clientId) {
		return repository.findAppRegistrationId(organization, clientId);
	}

	/** Connects a tenant (after admin consent): it is polled from now on. */
	@Transactional
	public ManagedTenant connect(OrganizationId organization, UUID appRegistrationId, String entraTenantId,
			String displayName) {
		return connect(organization, appRegistrationId, entraTenantId, displayName, "vigil");
	}

	/**
	 * @param actor who connects it, for the audit log
	 */
	@Transactional
	public ManagedTenant connect(OrganizationId organization, UUID appRegistrationId, String entraTenantId,
			String displayName, String actor) {
		repository.findAppRegistration(organization, appRegistrationId)
			.orElseThrow(() -> new IllegalArgumentException("No such app registration in this organization"));
		var now = clock.instant();
		var tenant = new ManagedTenant(new ManagedTenantId(UUID.randomUUID()), organization, entraTenantId, displayName,
				appRegistrationId, TenantStatus.CONNECTED, null, now);
		repository.insertTenant(tenant, now);
		events.publishEvent(
				new ManagedTenantConnected(organization, tenant.id(), entraTenantId, actor, UUID.randomUUID()));
		log.info("Connected tenant {} ({}) for organization {}", displayName, entraTenantId, organization);
		return tenant;
	}

	/**
	 * Connects a disconnected tenant again (after a new admin consent): polling resumes.
	 */
	@Transactional
	public ManagedTenant reconnect(OrganizationId organization, ManagedTenantId tenant, String actor) {
		var current = repository.findTenant(organization, tenant)
			.orElseThrow(() -> new IllegalArgumentException("No such tenant in this organization"));
		return reconnect(organization, current, actor);
	}

	/**
	 * As {@link #reconnect(OrganizationId, ManagedTenantId, String)}, after its admin
	 * consented to {@code appRegistration}: a tenant read with another registration until
	 * now moves to this one (how an MSP spreads its tenants over several registrations'
	 * Graph budgets); the next poll uses it.
	 */
	@Transactional
	public ManagedTenant reconnect(OrganizationId organization, ManagedTenantId tenant, UUID appRegistration,
			String actor) {
		var current = repository.findTenant(organization, tenant)
			.orElseThrow(() -> new IllegalArgumentException("No such tenant in this organization"));
		if (repository.moveToApp(organization, tenant, appRegistration)) {
			log.info("Tenant {} moved from app registration {} to {}", tenant, current.appRegistrationId(),
					appRegistration);
			events.publishEvent(new ManagedTenantMoved(UUID.randomUUID(), organization, tenant, current.entraTenantId(),
					current.appRegistrationId(), appRegistration, actor));
		}
		return reconnect(organization, current, actor);
	}

	private ManagedTenant reconnect(OrganizationId organization, ManagedTenant current, String actor) {
		var tenant = current.id();
		if (current.status() == TenantStatus.DISCONNECTED) {
			repository.updateStatus(organization, tenant, TenantStatus.CONNECTED, null, clock.instant());
			events.publishEvent(new ManagedTenantConnected(organization, tenant, current.entraTenantId(), actor,
					UUID.randomUUID()));
		}
		return repository.findTenant(organization, tenant).orElseThrow();
	}

	@Transactional
	public void disconnect(OrganizationId organization, ManagedTenantId tenant) {
		disconnect(organization, tenant, false, "vigil");
	}

	/**
	 * Stops polling the tenant at once; with {@code deleteData} its sign-ins, incidents
	 * and settings are deleted too.
	 * @return false when there is no such connected tenant in the organization
	 */
	@Transactional
	public boolean disconnect(OrganizationId organization, ManagedTenantId tenant, boolean deleteData, String actor) {
		var current = repository.findTenant(organization, tenant);
		if (current.isEmpty() || current.get().status() == TenantStatus.DISCONNECTED) {
			return false;
		}
		if (repository.updateStatus(organization, tenant, TenantStatus.DISCONNECTED, "Disconnected by " + actor,
				clock.instant())) {
			events.publishEvent(
					new ManagedTenantDisconnected(organization, tenant, deleteData, actor, UUID.randomUUID()));
			return true;
		}
		return false;
	}

	@Transactional(readOnly = true)
	public Optional<ManagedTenant> find(OrganizationId organization, ManagedTenantId tenant) {
		return repository.findTenant(organization, tenant);
	}

	@Transactional(readOnly = true)
	public Optional<ManagedTenant> findByEntraTenantId(OrganizationId organization, String entraTenantId) {
		return repository.findTenantByEntraId(organization, entraTenantId);
	}

	@Transactional(readOnly = true)
	public List<ManagedTenant> list(OrganizationId organization) {
		return repository.findTenants(organization);
	}

	/**
	 * The credentials to call Graph for a tenant, with the secret decrypted.
	 * @return empty when the tenant does not exist in this organization or is
	 * disconnected
	 */
	@Transactional(readOnly = true)
	public Optional<GraphCredentials> graphCredentials(OrganizationId organization, ManagedTenantId tenantId) {
		return repository.findTenant(organization, tenantId)
			.filter(tenant -> tenant.status() != TenantStatus.DISCONNECTED)
			.flatMap(tenant -> repository.findAppRegistration(organization, tenant.appRegistrationId())
				.map(app -> credentials(organization, tenant.entraTenantId(), app)));
	}

	GraphCredentials credentials(OrganizationId organization, String entraTenantId,
			TenantRepository.StoredAppRegistration app) {
		var credential = cipher.decrypt(app.secretCiphertext(), associatedData(organization, app.clientId()));
		return app.certificate()
				? new GraphCredentials(organization, entraTenantId, app.clientId(), new Secret(""), credential)
				: new GraphCredentials(organization, entraTenantId, app.clientId(), credential, null);
	}

	/**
	 * Records how the connection fares (licence missing, consent revoked, failing, or
	 * healthy again).
	 */
	@Transactional
	public void recordStatus(OrganizationId organization, ManagedTenantId tenant, TenantStatus status,
			@Nullable String reason) {
		if (status == TenantStatus.DISCONNECTED) {
			throw new IllegalArgumentException("Use disconnect() to disconnect a tenant");
		}
		var current = repository.findTenant(organization, tenant);
		if (current.isEmpty() || current.get().status() == TenantStatus.DISCONNECTED) {
			return;
		}
		if (repository.updateStatus(organization, tenant, status, reason, clock.instant())) {
			log.info("Tenant {} is now {}{}", current.get().displayName(), status, reason == null ? "" : ": " + reason);
		}
	}

	private static String associatedData(OrganizationId organization, String clientId) {
		return organization + "/" + clientId;
	}

}
