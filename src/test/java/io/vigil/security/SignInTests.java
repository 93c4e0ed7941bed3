package io.vigil.security;

import java.time.Clock;
import java.util.List;

import io.vigil.PageResults;
import io.vigil.VigilIntegrationTest;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Signing in through the real filter chain: the setup link (once), password, TOTP
 * enrolment with recovery codes, the second factor (replays refused), lockout, CSRF,
 * headers; and no password or key in the logs.
 */
@VigilIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SignInTests {

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	MockMvc mvc;

	@Autowired
	FirstAdministrator firstAdministrator;

	@Autowired
	Accounts accounts;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	io.vigil.graph.EntraSignIn entra;

	@Test
	void theSetupLinkCreatesTheFirstAdministratorOnce(CapturedOutput output) throws Exception {
		var token = firstAdministrator.newToken().reveal();
		mvc.perform(get("/setup").param("token", token))
			.andExpect(status().isOk())
			.andExpect(PageResults.text("Create the administrator"));
		mvc.perform(setup(token, "short", "short"))
			.andExpect(status().isOk())
			.andExpect(PageResults.error("at least 12 characters"));
		mvc.perform(setup(token, PASSWORD, PASSWORD)).andExpect(redirectedUrl("/login?setup"));
		mvc.perform(setup(token, PASSWORD + "2", PASSWORD + "2"))
			.andExpect(status().isOk())
			.andExpect(PageResults.error("invalid, used or expired"));
		mvc.perform(get("/setup").param("token", token)).andExpect(PageResults.error("invalid, used or expired"));
		var organization = tenants.findOrganizationByName("Setup MSP").orElseThrow().id();
		assertThat(accounts.list(organization)).singleElement()
			.satisfies(user -> assertThat(user.role()).isEqualTo(Role.ORG_ADMIN));
		assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(token);
	}

	@Test
	void staffEnrolTotpAtFirstSignInThenUseIt(CapturedOutput output) throws Exception {
		var user = staff("enrol@msp.example");
		var session = signIn("enrol@msp.example", PASSWORD);
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/second-factor/enrol"));

		var key = enrolmentKey(session);
		mvc.perform(post("/account/second-factor/enrol").session(session).with(csrf()).param("code", "000000"))
			.andExpect(PageResults.error("does not match"));
		var enrolmentCode = Totp.code(key, Totp.step(clock.instant()));
		var codesPage = mvc
			.perform(post("/account/second-factor/enrol").session(session).with(csrf()).param("code", enrolmentCode))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		var recoveryCodes = Jsoup.parse(codesPage).select("ul.codes li").eachText();
		assertThat(recoveryCodes).hasSize(10)
			.doesNotHaveDuplicates()
			.allMatch(code -> code.matches("[a-z0-9]{5}-[a-z0-9]{5}"));
		mvc.perform(get("/").session(session)).andExpect(status().isOk());

		// next sign-in: the second factor, each code once
		var next = signIn("enrol@msp.example", PASSWORD);
		mvc.perform(get("/").session(next)).andExpect(redirectedUrl("/login/second-factor"));
		// the code used at enrolment is spent: a replay is refused (and so is it once its
		// step has passed)
		mvc.perform(post("/login/second-factor").session(next).with(csrf()).param("code", enrolmentCode))
			.andExpect(PageResults.error("not valid"))
			.andExpect(status().isOk());
		mvc.perform(post("/login/second-factor").session(next).with(csrf()).param("code", recoveryCodes.getFirst()))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/").session(next)).andExpect(status().isOk());
		var again = signIn("enrol@msp.example", PASSWORD);
		mvc.perform(post("/login/second-factor").session(again).with(csrf()).param("code", recoveryCodes.getFirst()))
			.andExpect(PageResults.error("not valid"));
		assertThat(output.getAll()).doesNotContain(key).doesNotContain(recoveryCodes.get(1)).doesNotContain(PASSWORD);
		assertThat(audit.recent(user.organizationId(), 50)).extracting(AuditEntry::action)
			.contains("totp.enrolled", "second-factor.recovery-code", "login.password");
	}

	/**
	 * The attack: the password alone, then the enrolment page, to replace the owner's
	 * authenticator.
	 */
	@Test
	void thePasswordAloneCannotReplaceAnActiveSecondFactor() throws Exception {
		var user = staff("bypass@msp.example");
		var ownersKey = accounts.startTotpEnrolment(user.id()).key().reveal();
		accounts.confirmTotpEnrolment(user.id(), Totp.code(ownersKey, Totp.step(clock.instant())));

		var attacker = signIn("bypass@msp.example", PASSWORD);
		mvc.perform(get("/account/second-factor/enrol").session(attacker))
			.andExpect(redirectedUrl("/login/second-factor"));
		mvc.perform(post("/account/second-factor/enrol").session(attacker).with(csrf()).param("code", "123456"))
			.andExpect(redirectedUrl("/login/second-factor"));
		mvc.perform(get("/").session(attacker)).andExpect(redirectedUrl("/login/second-factor"));
		var stored = jdbc.sql("select totp_enabled from user_account where id = ?")
			.param(user.id())
			.query(Boolean.class)
			.single();
		assertThat(stored).isTrue();
		org.junit.jupiter.api.Assertions.assertThrows(SecondFactorActive.class,
				() -> accounts.startTotpEnrolment(user.id()));
		assertThat(audit.recent(user.organizationId(), 20)).anySatisfy(entry -> {
			assertThat(entry.action()).isEqualTo("totp.enrolment");
			assertThat(entry.outcome()).isEqualTo("refused");
		});

		// the owner's authenticator still works, in the next time step (the enrolment
		// used this one)
		var owner = signIn("bypass@msp.example", PASSWORD);
		var nextCode = Totp.code(ownersKey, Totp.step(clock.instant()) + 1);
		mvc.perform(post("/login/second-factor").session(owner).with(csrf()).param("code", nextCode))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void wrongEnrolmentCodesCountTowardTheLockout() throws Exception {
		staff("enrol-guess@msp.example");
		var session = signIn("enrol-guess@msp.example", PASSWORD);
		var key = enrolmentKey(session);
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/account/second-factor/enrol").session(session).with(csrf()).param("code", "000000"))
				.andExpect(status().isOk());
		}
		mvc.perform(post("/account/second-factor/enrol").session(session)
			.with(csrf())
			.param("code", Totp.code(key, Totp.step(clock.instant()))))
			.andExpect(status().isOk())
			.andExpect(PageResults.error("locked"));
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/second-factor/enrol"));
	}

	@Test
	void repeatedFailuresLockTheAccount() throws Exception {
		var user = staff("lock@msp.example");
		for (int i = 0; i < 5; i++) {
			mvc.perform(post("/login").with(csrf()).param("username", "lock@msp.example").param("password", "wrong!"))
				.andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(post("/login").with(csrf()).param("username", "lock@msp.example").param("password", PASSWORD))
			.andExpect(redirectedUrl("/login?error"));
		var actions = audit.recent(user.organizationId(), 20);
		assertThat(actions).filteredOn(entry -> entry.action().equals("account.locked")).hasSize(1);
		assertThat(actions).filteredOn(entry -> entry.outcome().equals("refused")).hasSize(1);
		assertThat(actions)
			.filteredOn(entry -> entry.action().equals("login.password") && entry.outcome().equals("failure"))
			.hasSize(5);

		jdbc.sql("update user_account set locked_until = now() - interval '1 second' where email = ?")
			.param("lock@msp.example")
			.update();
		mvc.perform(post("/login").with(csrf()).param("username", "lock@msp.example").param("password", PASSWORD))
			.andExpect(redirectedUrl("/account/second-factor/enrol"));
	}

	/**
	 * Guessing one account from one address is throttled for that pair only: the same
	 * person elsewhere, and the other people behind that address, still sign in. Spraying
	 * many accounts from one address throttles it.
	 */
	@Test
	void failuresThrottleTheAddressAndAccountTheyCameFrom() throws Exception {
		var organization = staff("throttled@msp.example").organizationId();
		staff("colleague@msp.example");
		for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
			mvc.perform(post("/login").with(csrf())
				.with(from("203.0.113.77"))
				.param("username", "throttled@msp.example")
				.param("password", "guess " + i)).andExpect(redirectedUrl("/login?error"));
			jdbc.sql("update user_account set failed_logins = 0, locked_until = null").update();
		}
		mvc.perform(post("/login").with(csrf())
			.with(from("203.0.113.77"))
			.param("username", "throttled@msp.example")
			.param("password", PASSWORD)).andExpect(redirectedUrl("/login?error"));
		mvc.perform(post("/login").with(csrf())
			.with(from("203.0.113.77"))
			.param("username", "colleague@msp.example")
			.param("password", PASSWORD)).andExpect(redirectedUrl("/account/second-factor/enrol"));
		mvc.perform(post("/login").with(csrf())
			.with(from("198.51.100.8"))
			.param("username", "throttled@msp.example")
			.param("password", PASSWORD)).andExpect(redirectedUrl("/account/second-factor/enrol"));
		assertThat(jdbc
			.sql("select count(*) from audit_log where actor = 'throttled@msp.example' " + "and outcome = 'throttled'")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(organization).isNotNull();

		for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
			mvc.perform(post("/login").with(csrf())
				.with(from("192.0.2.66"))
				.param("username", "nobody-" + i + "@msp.example")
				.param("password", "guess")).andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(post("/login").with(csrf())
			.with(from("192.0.2.66"))
			.param("username", "colleague@msp.example")
			.param("password", PASSWORD)).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void aSessionEndsAfterTheAbsoluteTimeoutHoweverActive() throws Exception {
		staff("absolute@msp.example");
		var session = signIn("absolute@msp.example", PASSWORD);
		mvc.perform(get("/account/second-factor/enrol").session(session)).andExpect(status().isOk());
		session.setAttribute(SecurityConfiguration.AbsoluteSessionTimeout.class.getName() + ".started",
				clock.millis() - java.time.Duration.ofHours(9).toMillis());
		mvc.perform(get("/account/second-factor/enrol").session(session)).andExpect(redirectedUrl("/login?expired"));
		assertThat(session.isInvalid()).isTrue();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	@Test
	void statesChangeOnlyWithACsrfToken() throws Exception {
		staff("csrf@msp.example");
		mvc.perform(post("/login").param("username", "csrf@msp.example").param("password", PASSWORD))
			.andExpect(status().isForbidden());
		var session = signIn("csrf@msp.example", PASSWORD);
		mvc.perform(post("/account/second-factor/enrol").session(session).param("code", "123456"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
	}

	@Test
	void pagesCarryTheSecurityHeaders() throws Exception {
		var policy = SecurityConfiguration.contentSecurityPolicy(entra);
		mvc.perform(get("/login"))
			.andExpect(header().string("Content-Security-Policy", policy))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
		assertThat(policy).doesNotContain("unsafe-inline").contains("script-src 'self'", "frame-ancestors 'none'");
	}

	@Test
	void aCustomerAdminNeedsASecondFactorToo() throws Exception {
		var organization = tenants.createOrganization("Customer admin MSP").id();
		var app = tenants.registerGraphApp(organization, "client", new Secret("s"));
		var tenant = tenants.connect(organization, app, "11111111-2222-4333-8444-555555555555", "Customer").id();
		accounts.create(organization, "it@customer.example", "Customer IT", new Secret(PASSWORD), Role.TENANT_ADMIN,
				java.util.Set.of(tenant), false, "test");
		var session = signIn("it@customer.example", PASSWORD);
		mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/second-factor/enrol"));
		mvc.perform(post("/incidents/" + java.util.UUID.randomUUID() + "/verdict").session(session)
			.with(csrf())
			.param("verdict", "US")
			.param("reason", "us")
			.param("confirm", "yes")).andExpect(status().isForbidden());
		var key = enrolmentKey(session);
		mvc.perform(post("/account/second-factor/enrol").session(session)
			.with(csrf())
			.param("code", Totp.code(key, Totp.step(clock.instant())))).andExpect(status().isOk());
		mvc.perform(get("/").session(session)).andExpect(status().isOk());
		mvc.perform(get("/admin/audit").session(session)).andExpect(status().isForbidden());
	}

	private VigilUser staff(String email) {
		var organization = tenants.createOrganization("MSP of " + email).id();
		return accounts.create(organization, email, "Staff", new Secret(PASSWORD), Role.RESPONDER, null, false, "test");
	}

	private MockHttpSession signIn(String email, String password) throws Exception {
		return (MockHttpSession) mvc
			.perform(post("/login").with(csrf()).param("username", email).param("password", password))
			.andReturn()
			.getRequest()
			.getSession();
	}

	private org.springframework.test.web.servlet.RequestBuilder setup(String token, String password, String again) {
		return post("/setup").with(csrf())
			.param("token", token)
			.param("organization", "Setup MSP")
			.param("name", "Ada Admin")
			.param("email", "ada@setup-msp.example")
			.param("password", password)
			.param("passwordAgain", again);
	}

	static List<String> unused() {
		return List.of();
	}

	/**
	 * The key the enrolment page shows (its {@code #totp-key}), read through an HTML
	 * parser.
	 */
	private String enrolmentKey(MockHttpSession session) throws Exception {
		var page = mvc.perform(get("/account/second-factor/enrol").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		var key = Jsoup.parse(page).getElementById("totp-key");
		assertThat(key).as("the enrolment page shows the key").isNotNull();
		assertThat(key.text()).matches("[A-Z2-7]+");
		return key.text();
	}

}
