package io.vigil.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.vigil.WebIntegrationTest;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Single sign-on with Entra ID (the simulator's OpenID Connect): the real code exchange over HTTPS and ID-token
 * check against the published keys; only an existing account of the organization signs in.
 */
@WebIntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class SingleSignOnTests {

	static final String MSP_TENANT = "c0c0c0c0-0000-4000-8000-000000000001";

	@Autowired
	MockMvc mvc;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Accounts accounts;

	@Autowired
	SingleSignOn singleSignOn;

	@Autowired
	AuditLog audit;

	@Autowired
	GraphSimulator simulator;

	OrganizationId organization;

	String domain;

	@BeforeEach
	void anOrganizationWithSingleSignOn() {
		organization = tenants.createOrganization("SSO MSP " + UUID.randomUUID()).id();
		domain = "sso-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		singleSignOn.configure(organization, MSP_TENANT, simulator.clientId(), simulator.clientSecret(), domain, "test");
	}

	@Test
	void anAccountSignsInThroughEntra() throws Exception {
		accounts.create(organization, "bob@" + domain, "Bob Responder", new Secret("a long enough password"),
				Role.RESPONDER, null, false, "test");
		var session = new MockHttpSession();
		assertThat(signInThroughEntra("bob@" + domain, session)).isEqualTo("/");
		var home = mvc.perform(get("/").session(session)).andReturn().getResponse();
		assertThat(home.getStatus()).isEqualTo(200);
		assertThat(home.getContentAsString()).contains("Bob Responder");
		assertThat(audit.recent(organization, 10)).anySatisfy(entry -> {
			assertThat(entry.action()).isEqualTo("login.sso");
			assertThat(entry.outcome()).isEqualTo("success");
		});
	}

	@Test
	void withoutAVigilAccountEntraIsNotEnough() throws Exception {
		var session = new MockHttpSession();
		assertThat(signInThroughEntra("mallory@" + domain, session)).isEqualTo("/login?sso-unknown");
		assertThat(mvc.perform(get("/").session(session)).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");
		assertThat(audit.recent(organization, 10)).anySatisfy(entry -> {
			assertThat(entry.action()).isEqualTo("login.sso");
			assertThat(entry.outcome()).isEqualTo("refused");
		});
	}

	@Test
	void theClientSecretStaysOutOfLogsAndPages(org.springframework.boot.test.system.CapturedOutput output)
			throws Exception {
		accounts.create(organization, "eve@" + domain, "Eve Admin", new Secret("a long enough password"),
				Role.ORG_ADMIN, null, false, "test");
		var session = new MockHttpSession();
		assertThat(signInThroughEntra("eve@" + domain, session)).isEqualTo("/");
		var page = mvc.perform(get("/admin/sso").session(session)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(domain).doesNotContain(simulator.clientSecret().reveal());
		assertThat(output.getAll()).doesNotContain(simulator.clientSecret().reveal());
	}

	@Test
	void aDomainWithoutSingleSignOn() throws Exception {
		assertThat(mvc.perform(get("/login/sso").param("email", "someone@elsewhere.example")).andReturn()
			.getResponse().getRedirectedUrl()).isEqualTo("/login?sso-none");
	}

	/** Vigil → Entra (the simulator, over HTTPS) → Vigil's callback; returns where Vigil sends the browser last. */
	private String signInThroughEntra(String email, MockHttpSession session) throws Exception {
		var start = mvc.perform(get("/login/sso").param("email", email).session(session)).andReturn().getResponse()
			.getRedirectedUrl();
		assertThat(start).startsWith("/oauth2/authorization/org-" + organization.value());
		var toEntra = mvc.perform(get(URI.create(start)).session(session)).andReturn().getResponse()
			.getRedirectedUrl();
		assertThat(toEntra).startsWith(simulator.baseUrl() + "/" + MSP_TENANT + "/oauth2/v2.0/authorize")
			.contains("login_hint=");
		try (var http = HttpClient.newBuilder().sslContext(simulator.clientSslContext())
			.followRedirects(HttpClient.Redirect.NEVER).build()) {
			var answer = http.send(HttpRequest.newBuilder(URI.create(toEntra)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			var back = URI.create(answer.headers().firstValue("Location").orElseThrow());
			assertThat(back.getPath()).isEqualTo("/login/oauth2/code/org-" + organization.value());
			return mvc.perform(get(URI.create(back.getPath() + "?" + back.getRawQuery())).session(session)).andReturn()
				.getResponse().getRedirectedUrl();
		}
	}

}
