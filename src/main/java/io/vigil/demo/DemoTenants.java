package io.vigil.demo;

import io.vigil.graph.GraphSimulatorDirectory;
import io.vigil.tenants.ManagedTenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.context.annotation.Profile;

/**
 * Connects the simulator's tenants to the demo organization when the app is ready, once:
 * a restart finds them connected and changes nothing. Says in the log what it did and
 * where to look.
 */
@Profile("!prod")
@Component
class DemoTenants {

	private static final Logger log = LoggerFactory.getLogger(DemoTenants.class);

	private final DemoSettings settings;

	private final ManagedTenants tenants;

	private final ObjectProvider<GraphSimulatorDirectory> simulator;

	private final Environment environment;

	private final DemoAccounts accounts;

	private final DemoNotifications notifications;

	private final io.vigil.tenants.TenantAccessChecks accessChecks;

	DemoTenants(DemoSettings settings, ManagedTenants tenants, ObjectProvider<GraphSimulatorDirectory> simulator,
			Environment environment, DemoAccounts accounts, DemoNotifications notifications,
			io.vigil.tenants.TenantAccessChecks accessChecks) {
		this.accessChecks = accessChecks;
		this.notifications = notifications;
		this.accounts = accounts;
		this.settings = settings;
		this.tenants = tenants;
		this.simulator = simulator;
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	@org.springframework.core.annotation.Order(0)
	void connectDemoTenants() {
		var directory = simulator.getIfAvailable();
		if (!settings.enabled() || directory == null) {
			return;
		}
		var organization = tenants.findOrganizationByName(settings.organizationName())
			.orElseGet(() -> tenants.createOrganization(settings.organizationName()));
		// people and who hears of incidents first: the first incidents arrive seconds
		// after the tenants connect
		var admin = accounts.createStaff(organization.id());
		notifications.routeOnce(admin);
		var app = tenants.findGraphApp(organization.id(), directory.clientId())
			.orElseGet(
					() -> tenants.registerGraphApp(organization.id(), directory.clientId(), directory.clientSecret()));
		for (var tenant : directory.tenants()) {
			if (tenants.findByEntraTenantId(organization.id(), tenant.entraTenantId()).isEmpty()) {
				var connected = tenants.connect(organization.id(), app, tenant.entraTenantId(), tenant.displayName());
				// what the consent flow records when a real tenant connects: the
				// operations page shows it
				accessChecks.checkNow(organization.id(), connected.id(), "demo setup");
			}
		}
		// the port the server actually listens on (server.port=0 picks a free one)
		var url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		accounts.createCustomerAdmin(organization.id(), tenants.list(organization.id()).getFirst(), url);
		log.info("""

				  Vigil demo mode: organization '{}' with {} simulated tenants, ingesting from the built-in Graph \
				simulator.
				  Sign-ins land in PostgreSQL, table sign_in (quarantine: sign_in_quarantine, tenant state: \
				managed_tenant); incidents from the demo attacks in table incident (evidence: incident_sign_in, \
				history: incident_timeline); health at {}/actuator/health
				  Demo data only: no Microsoft tenant is contacted.""", organization.name(), directory.tenants().size(),
				url);
	}

}
