package io.vigil.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.vigil.PageResults;
import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Single sign-on with Entra ID (the simulator's OpenID Connect): the real code exchange
 * over HTTPS and ID-token check against the published keys; only an existing account of
 * the organization signs in.
 */
@VigilIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class SingleSignOnTests {

	static final String MSP_TENANT = "c0c0c0c0-0000-4000-8000-000000000001";

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Autowired
	Accounts accounts;

	@Autowired
	SingleSignOn singleSignOn;

	@Autowired
	AuditLog audit;

	OrganizationId organization;

	String domain;

	@BeforeEach
	void anOrganizationWithSingleSignOn() {
		organization = simulation.tenants().createOrganization("SSO MSP " + UUID.randomUUID()).id();
		domain = "sso-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		singleSignOn.configure(organization, MSP_TENANT, simulation.simulator().clientId(),
				simulation.simulator().clientSecret(), domain, "test");
	}

	@Test
	void aLinkedAccountSignsInThroughEntra() throws Exception {
		var bob = accounts.create(organization, "bob@" + domain, "Bob Responder", new Secret("a long enough password"),
				Role.RESPONDER, null, false, "test");
		// not linked yet: the email alone starts nothing
		assertThat(mvc.perform(get("/login/sso").param("email", "bob@" + domain))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?sso-none");
		assertThat(link(bob)).isEqualTo("/account/sso?linked");

		var session = new MockHttpSession();
		assertThat(signInThroughEntra("bob@" + domain, session)).isEqualTo("/");
		var home = mvc.perform(get("/").session(session)).andReturn().getResponse();
		assertThat(home.getStatus()).isEqualTo(200);
		assertThat(PageResults.textOf(home)).contains("Bob Responder");
		assertThat(audit.recent(organization, 10)).anySatisfy(entry -> {
			assertThat(entry.action()).isEqualTo("login.sso");
			assertThat(entry.outcome()).isEqualTo("success");
		}).anySatisfy(entry -> assertThat(entry.action()).isEqualTo("sso.linked"));
	}

	/**
	 * The attack: an Entra account whose email claim matches a Vigil account, but which
	 * was never linked to it.
	 */
	@Test
	void anEmailClaimAloneSignsNobodyIn() throws Exception {
		accounts.create(organization, "mallory@" + domain, "Mallory", new Secret("a long enough password"),
				Role.ORG_ADMIN, null, false, "test");
		var session = new MockHttpSession();
		assertThat(signInThroughEntra("mallory@" + domain, session,
				"/oauth2/authorization/org-" + organization.value() + "?login_hint=mallory@" + domain))
			.isEqualTo("/login?sso-unknown");
		assertThat(mvc.perform(get("/").session(session)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
		assertThat(audit.recent(organization, 10)).anySatisfy(entry -> {
			assertThat(entry.action()).isEqualTo("login.sso");
			assertThat(entry.outcome()).isEqualTo("refused");
		});
	}

	/**
	 * Entra signed the person in with a password only: Vigil asks for its own second
	 * factor.
	 */
	@Test
	void withoutMfaAtEntraVigilAsksForItsOwnSecondFactor() throws Exception {
		var carol = accounts.create(organization, "carol@" + domain, "Carol", new Secret("a long enough password"),
				Role.RESPONDER, null, false, "test");
		link(carol);
		SimulatorProbe.signInWithoutMfa(simulation.simulator(), "carol@" + domain);
		var session = new MockHttpSession();
		assertThat(signInThroughEntra("carol@" + domain, session)).isEqualTo("/account/second-factor/enrol");
		assertThat(mvc.perform(get("/").session(session)).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/account/second-factor/enrol");
		assertThat(mvc.perform(get("/admin/audit").session(session)).andReturn().getResponse().getStatus())
			.isNotEqualTo(200);
	}

	@Test
	void aDisabledAccountDoesNotSignInThroughEntra() throws Exception {
		var dave = accounts.create(organization, "dave@" + domain, "Dave", new Secret("a long enough password"),
				Role.RESPONDER, null, false, "test");
		link(dave);
		simulation.jdbc().sql("update user_account set disabled = true where id = ?").param(dave.id()).update();
		assertThat(signInThroughEntra("dave@" + domain, new MockHttpSession(),
				"/oauth2/authorization/org-" + organization.value() + "?login_hint=dave@" + domain))
			.isEqualTo("/login?sso-unknown");
	}

	/**
	 * Another organization naming the same domain (or tenant) changes nothing for this
	 * one.
	 */
	@Test
	void aDomainCannotBeClaimedAway() throws Exception {
		var erin = accounts.create(organization, "erin@" + domain, "Erin", new Secret("a long enough password"),
				Role.RESPONDER, null, false, "test");
		link(erin);
		var squatter = simulation.tenants().createOrganization("Squatter " + UUID.randomUUID()).id();
		singleSignOn.configure(squatter, "c0c0c0c0-0000-4000-8000-000000000002", simulation.simulator().clientId(),
				simulation.simulator().clientSecret(), domain, "squatter");
		var session = new MockHttpSession();
		assertThat(signInThroughEntra("erin@" + domain, session)).isEqualTo("/");
		mvc.perform(get("/").session(session)).andExpect(PageResults.text("Erin"));
	}

	/**
	 * A token of another tenant than the organization's is refused, whatever its email
	 * says.
	 */
	@Test
	void aTokenFromAnotherTenantIsRefused() {
		var frank = accounts.create(organization, "frank@" + domain, "Frank", new Secret("a long enough password"),
				Role.RESPONDER, null, false, "test");
		simulation.jdbc()
			.sql("update user_account set sso_entra_tenant_id = ?, sso_object_id = 'object-1' where id = ?")
			.params(MSP_TENANT, frank.id())
			.update();
		var now = java.time.Instant.now();
		var claims = java.util.Map.<String, Object>of("sub", "s", "tid", "c0c0c0c0-0000-4000-8000-000000000002", "oid",
				"object-1", "email", "frank@" + domain, "amr", java.util.List.of("pwd", "mfa"));
		var token = new org.springframework.security.oauth2.core.oidc.OidcIdToken("t", now, now.plusSeconds(60),
				claims);
		var foreign = new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(java.util.List.of(),
				token);
		assertThat(singleSignOn.principalFor(SingleSignOn.PREFIX + organization.value(), foreign)).isEmpty();
		var own = new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(java.util.List.of(),
				new org.springframework.security.oauth2.core.oidc.OidcIdToken("t", now, now.plusSeconds(60),
						java.util.Map.of("sub", "s", "tid", MSP_TENANT, "oid", "object-1")));
		assertThat(singleSignOn.principalFor(SingleSignOn.PREFIX + organization.value(), own))
			.hasValueSatisfying(principal -> assertThat(principal.secondFactorDone()).as("no amr: no MFA").isFalse());
	}

	@Test
	void theClientSecretStaysOutOfLogsAndPages(org.springframework.boot.test.system.CapturedOutput output)
			throws Exception {
		var eve = accounts.create(organization, "eve@" + domain, "Eve Admin", new Secret("a long enough password"),
				Role.ORG_ADMIN, null, false, "test");
		link(eve);
		var session = new MockHttpSession();
		assertThat(signInThroughEntra("eve@" + domain, session)).isEqualTo("/");
		var page = mvc.perform(get("/admin/sso").session(session)).andExpect(status().isOk()).andReturn().getResponse();
		assertThat(PageResults.textOf(page)).contains(domain);
		assertThat(page.getContentAsString()).doesNotContain(simulation.simulator().clientSecret().reveal());
		assertThat(output.getAll()).doesNotContain(simulation.simulator().clientSecret().reveal());
	}

	@Test
	void aDomainWithoutSingleSignOn() throws Exception {
		assertThat(mvc.perform(get("/login/sso").param("email", "someone@elsewhere.example"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?sso-none");
	}

	/**
	 * The person, signed in with Vigil's password and second factor, links their Entra
	 * identity.
	 */
	private String link(VigilUser user) throws Exception {
		var session = new MockHttpSession();
		var token = TestSignIn.token(TestSignIn.principal(simulation.jdbc(), user));
		var start = mvc.perform(post("/account/sso/link").with(csrf()).with(authentication(token)).session(session))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(start).startsWith("/oauth2/authorization/org-" + organization.value() + "?login_hint=");
		return signInThroughEntra(user.email(), session, start);
	}

	private String signInThroughEntra(String email, MockHttpSession session) throws Exception {
		var start = mvc.perform(get("/login/sso").param("email", email).session(session))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(start).startsWith("/oauth2/authorization/org-" + organization.value());
		return signInThroughEntra(email, session, start);
	}

	/**
	 * Vigil → Entra (the simulator, over HTTPS) → Vigil's callback; returns where Vigil
	 * sends the browser last.
	 */
	private String signInThroughEntra(String email, MockHttpSession session, String start) throws Exception {
		var toEntra = mvc.perform(get(URI.create(start)).session(session)).andReturn().getResponse().getRedirectedUrl();
		assertThat(toEntra).startsWith(simulation.simulator().baseUrl() + "/" + MSP_TENANT + "/oauth2/v2.0/authorize")
			.contains("login_hint=");
		try (var http = HttpClient.newBuilder()
			.sslContext(simulation.simulator().clientSslContext())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()) {
			var answer = http.send(HttpRequest.newBuilder(URI.create(toEntra)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			var back = URI.create(answer.headers().firstValue("Location").orElseThrow());
			assertThat(back.getPath()).isEqualTo("/login/oauth2/code/org-" + organization.value());
			return mvc.perform(get(URI.create(back.getPath() + "?" + back.getRawQuery())).session(session))
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
		}
	}

}
