package io.vigil.security;

import java.util.UUID;

import io.vigil.PageResults;
import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.shared.Secret;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Organization admins add people and change their roles and tenant scopes; every change
 * is audited.
 */
@VigilIntegrationTest
class UserManagementTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditLog audit;

	@Test
	void addingAPersonAndChangingTheirRole() throws Exception {
		var organization = simulation.tenants().createOrganization("People MSP " + UUID.randomUUID()).id();
		var app = simulation.tenants().registerGraphApp(organization, "client", new Secret("s"));
		var customer = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "Customer").id();
		var admin = TestSignIn.token(TestSignIn.as(simulation.jdbc(), organization, Role.ORG_ADMIN));

		mvc.perform(post("/admin/users").with(csrf())
			.with(authentication(admin))
			.param("email", "new@msp.example")
			.param("name", "New Analyst")
			.param("password", "short")
			.param("role", "RESPONDER")).andExpect(PageResults.error("at least 12 characters"));
		mvc.perform(post("/admin/users").with(csrf())
			.with(authentication(admin))
			.param("email", "new@msp.example")
			.param("name", "New Analyst")
			.param("password", "a long enough password")
			.param("role", "RESPONDER")).andExpect(redirectedUrl("/admin/users"));
		var created = accounts.list(organization).getFirst();
		assertThat(created.role()).isEqualTo(Role.RESPONDER);
		assertThat(created.tenantScope()).isNull();

		mvc.perform(post("/admin/users/" + created.id() + "/role").with(csrf())
			.with(authentication(admin))
			.param("role", "TENANT_ADMIN")).andExpect(PageResults.error("exactly one tenant"));
		mvc.perform(post("/admin/users/" + created.id() + "/role").with(csrf())
			.with(authentication(admin))
			.param("role", "TENANT_ADMIN")
			.param("tenant", customer.value().toString())).andExpect(redirectedUrl("/admin/users"));
		var changed = accounts.list(organization).getFirst();
		assertThat(changed.role()).isEqualTo(Role.TENANT_ADMIN);
		assertThat(changed.tenantScope()).containsExactly(customer);
		assertThat(audit.recent(organization, 10)).extracting(AuditEntry::action)
			.contains("account.created", "account.role-changed");
	}

	static final String PASSWORD = "correct horse battery staple";

	/**
	 * The attack: a responder keeps their open session after being demoted, disabled or
	 * reset. Every change applies to the open session at its next request.
	 */
	@Test
	void openSessionsFollowRoleStateAndCredentialChanges() throws Exception {
		var organization = simulation.tenants().createOrganization("Sessions MSP " + UUID.randomUUID()).id();
		var admin = TestSignIn.token(TestSignIn.as(simulation.jdbc(), organization, Role.ORG_ADMIN));
		var email = "dana-" + UUID.randomUUID() + "@msp.example";
		var person = accounts.create(organization, email, "Dana", new Secret(PASSWORD), Role.RESPONDER, null, false,
				"test");
		var codes = enrol(person);
		var session = signIn(email, PASSWORD, codes.removeFirst());
		mvc.perform(get("/").session(session)).andExpect(status().isOk());
		var change = "/incidents/" + UUID.randomUUID() + "/status";
		assertThat(mvc.perform(post(change).session(session).with(csrf()).param("status", "IN_PROGRESS"))
			.andReturn()
			.getResponse()
			.getStatus()).isNotEqualTo(403);

		// demoted to read-only: the open session may no longer change anything
		mvc.perform(post("/admin/users/" + person.id() + "/role").with(csrf())
			.with(authentication(admin))
			.param("role", "READ_ONLY")).andExpect(redirectedUrl("/admin/users"));
		mvc.perform(post(change).session(session).with(csrf()).param("status", "IN_PROGRESS"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/").session(session)).andExpect(status().isOk());

		// disabled: the session ends and the password no longer signs in
		mvc.perform(post("/admin/users/" + person.id() + "/disable").with(csrf()).with(authentication(admin)))
			.andExpect(redirectedUrl("/admin/users"));
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login?ended"));
		assertThat(session.isInvalid()).isTrue();
		mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD))
			.andExpect(redirectedUrl("/login?error"));

		// enabled again, then the admin ends the sessions
		mvc.perform(post("/admin/users/" + person.id() + "/enable").with(csrf()).with(authentication(admin)))
			.andExpect(status().is3xxRedirection());
		var second = signIn(email, PASSWORD, codes.removeFirst());
		mvc.perform(get("/").session(second)).andExpect(status().isOk());
		mvc.perform(post("/admin/users/" + person.id() + "/end-sessions").with(csrf()).with(authentication(admin)));
		mvc.perform(get("/").session(second)).andExpect(redirectedUrl("/login?ended"));

		// a new password set by the admin: sessions end, the old password is refused
		var third = signIn(email, PASSWORD, codes.removeFirst());
		mvc.perform(post("/admin/users/" + person.id() + "/reset-password").with(csrf())
			.with(authentication(admin))
			.param("password", "a brand new long password")).andExpect(redirectedUrl("/admin/users"));
		mvc.perform(get("/").session(third)).andExpect(redirectedUrl("/login?ended"));
		mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD))
			.andExpect(redirectedUrl("/login?error"));

		// the second factor reset: sessions end, the next sign-in enrols a new one (and
		// nothing else opens)
		var fourth = signIn(email, "a brand new long password", codes.removeFirst());
		mvc.perform(
				post("/admin/users/" + person.id() + "/reset-second-factor").with(csrf()).with(authentication(admin)))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/").session(fourth)).andExpect(redirectedUrl("/login?ended"));
		var afterReset = (MockHttpSession) mvc
			.perform(
					post("/login").with(csrf()).param("username", email).param("password", "a brand new long password"))
			.andExpect(redirectedUrl("/account/second-factor/enrol"))
			.andReturn()
			.getRequest()
			.getSession();
		mvc.perform(post("/login/second-factor").session(afterReset).with(csrf()).param("code", codes.getFirst()))
			.andExpect(status().isOk());
		mvc.perform(get("/").session(afterReset)).andExpect(redirectedUrl("/account/second-factor/enrol"));

		assertThat(audit.recent(organization, 50)).extracting(AuditEntry::action)
			.contains("account.role-changed", "account.disabled", "account.enabled", "account.sessions-ended",
					"account.password-reset", "totp.reset");
	}

	@Test
	void aNewPasswordOfOnesOwnEndsTheOtherSessions() throws Exception {
		var organization = simulation.tenants().createOrganization("Own password MSP " + UUID.randomUUID()).id();
		var email = "erin-" + UUID.randomUUID() + "@msp.example";
		var person = accounts.create(organization, email, "Erin", new Secret(PASSWORD), Role.READ_ONLY, null, false,
				"test");
		var codes = enrol(person);
		var laptop = signIn(email, PASSWORD, codes.removeFirst());
		var phone = signIn(email, PASSWORD, codes.removeFirst());
		mvc.perform(post("/account/password").session(laptop)
			.with(csrf())
			.param("current", "not my password")
			.param("password", "another long password")
			.param("passwordAgain", "another long password"))
			.andExpect(status().isOk())
			.andExpect(PageResults.error("not right"));
		mvc.perform(post("/account/password").session(laptop)
			.with(csrf())
			.param("current", PASSWORD)
			.param("password", "another long password")
			.param("passwordAgain", "another long password")).andExpect(redirectedUrl("/account/password"));
		mvc.perform(get("/").session(laptop)).andExpect(status().isOk());
		mvc.perform(get("/").session(phone)).andExpect(redirectedUrl("/login?ended"));
		mvc.perform(post("/login").with(csrf()).param("username", email).param("password", "another long password"))
			.andExpect(redirectedUrl("/login/second-factor"));
	}

	@Test
	void onlyOrganizationAdminsOfThePersonsOrganizationManageThem() {
		var organization = simulation.tenants().createOrganization("Guarded MSP " + UUID.randomUUID()).id();
		var person = accounts.create(organization, "frank-" + UUID.randomUUID() + "@msp.example", "Frank",
				new Secret(PASSWORD), Role.RESPONDER, null, false, "test");
		var responder = new VigilUser(UUID.randomUUID(), organization, "r@msp.example", "R", Role.RESPONDER, null, true,
				false);
		var otherAdmin = new VigilUser(UUID.randomUUID(),
				simulation.tenants().createOrganization("Other " + UUID.randomUUID()).id(), "a@other.example", "A",
				Role.ORG_ADMIN, null, true, false);
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(org.springframework.security.access.AccessDeniedException.class)
			.isThrownBy(() -> accounts.disable(responder, person.id()));
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(org.springframework.security.access.AccessDeniedException.class)
			.isThrownBy(() -> accounts.resetSecondFactor(responder, person.id()));
		// another organization's admin: no such person there
		assertThat(accounts.disable(otherAdmin, person.id())).isFalse();
		assertThat(accounts.resetSecondFactor(otherAdmin, person.id())).isFalse();
		var admin = new VigilUser(UUID.randomUUID(), organization, "self@msp.example", "Self", Role.ORG_ADMIN, null,
				true, false);
		TestSignIn.principal(simulation.jdbc(), admin);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AccountException.class)
			.isThrownBy(() -> accounts.disable(admin, admin.id()));
		assertThat(accounts.people(organization)).noneMatch(Accounts.Person::disabled);
	}

	/**
	 * An organization never loses its last admin: not by a demotion, a narrowed scope or
	 * disabling.
	 */
	@Test
	void theLastAdminCannotBeDemotedOrDisabled() {
		var organization = simulation.tenants().createOrganization("One admin MSP " + UUID.randomUUID()).id();
		var only = accounts.create(organization, "only-" + UUID.randomUUID() + "@msp.example", "Only",
				new Secret(PASSWORD), Role.ORG_ADMIN, null, false, "test");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AccountException.class)
			.isThrownBy(() -> accounts.changeRole(organization, only.id(), Role.READ_ONLY, null, "only"))
			.withMessageContaining("only admin");
		var tenant = new io.vigil.shared.ManagedTenantId(UUID.randomUUID());
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AccountException.class)
			.isThrownBy(() -> accounts.changeRole(organization, only.id(), Role.ORG_ADMIN, java.util.Set.of(tenant),
					"only"));
		var second = accounts.create(organization, "second-" + UUID.randomUUID() + "@msp.example", "Second",
				new Secret(PASSWORD), Role.ORG_ADMIN, null, false, "test");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AccountException.class)
			.isThrownBy(() -> accounts.disable(second, second.id()));
		assertThat(accounts.changeRole(organization, only.id(), Role.RESPONDER, null, "second")).isTrue();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AccountException.class)
			.isThrownBy(() -> accounts.changeRole(organization, second.id(), Role.RESPONDER, null, "second"));
	}

	private java.util.List<String> enrol(VigilUser person) {
		var key = accounts.startTotpEnrolment(person.id()).key().reveal();
		return new java.util.ArrayList<>(
				accounts.confirmTotpEnrolment(person.id(), Totp.code(key, Totp.step(java.time.Instant.now())))
					.stream()
					.map(Secret::reveal)
					.toList());
	}

	private MockHttpSession signIn(String email, String password, String recoveryCode) throws Exception {
		var session = (MockHttpSession) mvc
			.perform(post("/login").with(csrf()).param("username", email).param("password", password))
			.andExpect(redirectedUrl("/login/second-factor"))
			.andReturn()
			.getRequest()
			.getSession();
		mvc.perform(post("/login/second-factor").session(session).with(csrf()).param("code", recoveryCode))
			.andExpect(redirectedUrl("/"));
		return session;
	}

}
