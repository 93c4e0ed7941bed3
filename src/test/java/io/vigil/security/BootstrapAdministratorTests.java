package io.vigil.security;

import io.vigil.VigilIntegrationTest;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automated installs: the first administrator comes from the environment, no setup link,
 * no password in the log.
 */
@VigilIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "app.security.bootstrap.organization=Bootstrap MSP",
		"app.security.bootstrap.email=root@bootstrap.example",
		"app.security.bootstrap.password=bootstrap-password-from-the-environment" })
class BootstrapAdministratorTests {

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Accounts accounts;

	@Test
	void theAdministratorComesFromTheEnvironment(CapturedOutput output) {
		var organization = tenants.findOrganizationByName("Bootstrap MSP").orElseThrow().id();
		assertThat(accounts.list(organization)).singleElement().satisfies(user -> {
			assertThat(user.email()).isEqualTo("root@bootstrap.example");
			assertThat(user.role()).isEqualTo(Role.ORG_ADMIN);
			assertThat(user.totpEnabled()).as("enrols a second factor at first sign-in").isFalse();
		});
		assertThat(output.getAll()).doesNotContain("bootstrap-password-from-the-environment")
			.doesNotContain("/setup?token=");
	}

}
