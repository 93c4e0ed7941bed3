package io.vigil.security;

import java.util.UUID;

import io.vigil.WebIntegrationTest;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** Organization admins add people and change their roles and tenant scopes; every change is audited. */
@WebIntegrationTest
class UserManagementTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditLog audit;

	@Test
	void addingAPersonAndChangingTheirRole() throws Exception {
		var organization = tenants.createOrganization("People MSP " + UUID.randomUUID()).id();
		var app = tenants.registerGraphApp(organization, "client", new Secret("s"));
		var customer = tenants.connect(organization, app, UUID.randomUUID().toString(), "Customer").id();
		var admin = TestSignIn.token(TestSignIn.as(organization, Role.ORG_ADMIN));

		mvc.perform(post("/admin/users").with(csrf()).with(authentication(admin)).param("email", "new@msp.example")
			.param("name", "New Analyst").param("password", "short").param("role", "RESPONDER"))
			.andExpect(content().string(containsString("at least 12 characters")));
		mvc.perform(post("/admin/users").with(csrf()).with(authentication(admin)).param("email", "new@msp.example")
			.param("name", "New Analyst").param("password", "a long enough password").param("role", "RESPONDER"))
			.andExpect(redirectedUrl("/admin/users"));
		var created = accounts.list(organization).getFirst();
		assertThat(created.role()).isEqualTo(Role.RESPONDER);
		assertThat(created.tenantScope()).isNull();

		mvc.perform(post("/admin/users/" + created.id() + "/role").with(csrf()).with(authentication(admin))
			.param("role", "TENANT_ADMIN")).andExpect(content().string(containsString("exactly one tenant")));
		mvc.perform(post("/admin/users/" + created.id() + "/role").with(csrf()).with(authentication(admin))
			.param("role", "TENANT_ADMIN").param("tenant", customer.value().toString()))
			.andExpect(redirectedUrl("/admin/users"));
		var changed = accounts.list(organization).getFirst();
		assertThat(changed.role()).isEqualTo(Role.TENANT_ADMIN);
		assertThat(changed.tenantScope()).containsExactly(customer);
		assertThat(audit.recent(organization, 10)).extracting(AuditEntry::action)
			.contains("account.created", "account.role-changed");
	}

}
