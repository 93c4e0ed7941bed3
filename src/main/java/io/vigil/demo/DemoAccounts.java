package io.vigil.demo;

import java.util.Set;

import io.vigil.security.Accounts;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.context.annotation.Profile;

/**
 * Demo accounts, one per role, flagged as demo (the UI marks them) and announced in the
 * log with their credentials. Created once; a restart finds them.
 */
@Profile("!prod")
@Component
class DemoAccounts {

	private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

	private final Accounts accounts;

	private final DemoSettings settings;

	DemoAccounts(Accounts accounts, DemoSettings settings) {
		this.accounts = accounts;
		this.settings = settings;
	}

	/** The MSP's demo staff; returns the organization admin. */
	VigilUser createStaff(OrganizationId organization) {
		var password = new Secret(settings.password());
		var existing = accounts.list(organization).stream().map(user -> user.email()).toList();
		staff(organization, existing, "admin@demo-msp.example", "Demo Admin", Role.ORG_ADMIN, password);
		staff(organization, existing, "responder@demo-msp.example", "Demo Responder", Role.RESPONDER, password);
		staff(organization, existing, "viewer@demo-msp.example", "Demo Viewer", Role.READ_ONLY, password);
		return accounts.list(organization)
			.stream()
			.filter(user -> user.email().equals("admin@demo-msp.example"))
			.findFirst()
			.orElseThrow();
	}

	void createCustomerAdmin(OrganizationId organization, ManagedTenant customer, String url) {
		var password = new Secret(settings.password());
		var customerAdmin = accounts.list(organization)
			.stream()
			.filter(user -> user.email().equals("it@customer.example"))
			.findFirst()
			.orElseGet(() -> accounts.create(organization, "it@customer.example", "Demo Customer Admin", password,
					Role.TENANT_ADMIN, Set.of(customer.id()), true, "demo"));
		accounts.enrolDemoTotp(customerAdmin.id(), new Secret(settings.totpKey()));
		log.warn("""

				DEMO ACCOUNTS (demo data only, never in production): sign in at {} with
				  admin@demo-msp.example, responder@demo-msp.example, viewer@demo-msp.example (MSP staff)
				  it@customer.example (customer admin of '{}')
				password '{}'; second factor (everyone): TOTP key {} (add it to an authenticator app)""", url,
				customer.displayName(), settings.password(), settings.totpKey());
	}

	private void staff(OrganizationId organization, java.util.List<String> existing, String email, String name,
			Role role, Secret password) {
		if (existing.contains(email)) {
			return;
		}
		var user = accounts.create(organization, email, name, password, role, null, true, "demo");
		accounts.enrolDemoTotp(user.id(), new Secret(settings.totpKey()));
	}

}
