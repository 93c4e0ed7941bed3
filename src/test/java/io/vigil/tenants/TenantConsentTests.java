package io.vigil.tenants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.vigil.PageResults;
import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.AuditEntry;
import io.vigil.security.AuditLog;
import io.vigil.security.TestSignIn;
import io.vigil.security.Role;
import io.vigil.shared.OrganizationId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Connecting customer tenants through the admin-consent flow against the simulator's
 * Entra: granted, partly granted (missing permissions shown), refused, without licence; a
 * consent answer works once and only for its organization; disconnecting stops polling
 * and deletes the data on request.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class TenantConsentTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Autowired
	AuditLog audit;

	OrganizationId organization;

	Object admin;

	/**
	 * The simulated tenants are shared by this class's organizations, and so is each
	 * one's Graph budget (per Entra tenant, as Graph's is): a tenant left polling would
	 * eat the budget the next test's consent check needs.
	 */
	@org.junit.jupiter.api.AfterEach
	void disconnect() {
		simulation.tenants()
			.list(organization)
			.forEach(tenant -> simulation.tenants().disconnect(organization, tenant.id()));
	}

	@BeforeEach
	void anOrganizationWithItsApp() throws Exception {
		organization = simulation.tenants().createOrganization("Consent MSP " + UUID.randomUUID()).id();
		admin = TestSignIn.as(simulation.jdbc(), organization, Role.ORG_ADMIN);
		mvc.perform(post("/admin/tenants/app").with(csrf())
			.with(authentication(TestSignIn.token(admin)))
			.param("clientId", simulation.simulator().clientId())
			.param("clientSecret", simulation.simulator().clientSecret().reveal()))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void aGrantedTenantIsConnectedWithEveryPermission() throws Exception {
		var page = connect("granted.example", "Granted Inc");
		assertThat(page.select("p.notice strong").first().text()).isEqualTo("Granted Inc");
		assertThat(page.getElementById("tenant-status").text()).isEqualTo("CONNECTED");
		assertThat(page.getElementById("licence").text()).startsWith("Sign-in logs are available");
		assertThat(page.select("li.missing")).isEmpty();
		assertThat(page.select("li.granted")).isNotEmpty();
		var tenant = simulation.tenants()
			.findByEntraTenantId(organization, "c0c0c0c0-0000-4000-8000-000000000001")
			.orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> simulation.signIns().count(organization, tenant.id()) > 0);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(audit.recent(organization, 20)).extracting(AuditEntry::action)
				.contains("tenant.connected", "graph-app.registered"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> simulation.signIns()
				.health(organization, tenant.id())
				.map(health -> health.lastSuccessAt() != null)
				.orElse(false));
		var row = overview(TestSignIn.as(simulation.jdbc(), organization, Role.READ_ONLY));
		assertThat(row.select("td[data-label=Tenant]").text()).isEqualTo("Granted Inc");
		assertThat(row.select("td[data-label=Status] span").first().text()).isEqualTo("connected");
		assertThat(row.select("td[data-label=Status]").text()).doesNotContain("Fix:");
		assertThat(row.select("td[data-label='Last successful poll'] time")).hasSize(1);
		assertThat(row.select("td[data-label=Detections]").text()).matches("\\d+ of \\d+ live");
	}

	@Test
	void missingPermissionsAreNamed() throws Exception {
		var page = connect("partly.example", "Partly");
		assertThat(page.getElementById("tenant-status").text()).isEqualTo("CONNECTED");
		assertThat(page.select("li.granted").eachText()).anyMatch(li -> li.startsWith("Granted: Revoke sessions"));
		assertThat(page.select("li.missing").eachText())
			.anyMatch(li -> li.startsWith("Missing: Block and unblock sign-in"))
			.anyMatch(li -> li.startsWith("Missing: Reset passwords"));
		// kept for the operations page: what the consent granted, until an admin checks
		// again
		assertThat(simulation.jdbc()
			.sql("select array_to_string(missing, ',') from tenant_access_check where organization_id = ?")
			.param(organization.value())
			.query(String.class)
			.single()).contains("ENABLE_DISABLE", "RESET_PASSWORD").doesNotContain("REVOKE_SESSIONS");
	}

	@Test
	void aRefusedConsentConnectsNothing() throws Exception {
		var page = connect("refusing.example", "Refusing");
		assertThat(page.getElementById("refused").text()).contains("did not grant consent", "access_denied",
				"AADSTS65004");
		assertThat(simulation.tenants().list(organization)).isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(audit.recent(organization, 20))
				.filteredOn(entry -> entry.action().equals("tenant.consent"))
				.singleElement()
				.satisfies(entry -> {
					assertThat(entry.outcome()).isEqualTo("failure");
					assertThat(String.valueOf(entry.detail().get("outcome"))).contains("access_denied");
				}));
	}

	@Test
	void anUnlicensedTenantIsMarked() throws Exception {
		var page = connect("nop1.example", "No P1");
		assertThat(page.getElementById("tenant-status").text()).isEqualTo("UNLICENSED");
		assertThat(page.getElementById("licence").text()).contains("no Entra ID P1/P2 licence");
		var row = overview(admin);
		assertThat(row.select("td[data-label=Tenant]").text()).isEqualTo("No P1");
		assertThat(row.select("td[data-label=Status] .line").eachText())
			.anyMatch(line -> line.startsWith("Fix: Give the tenant Entra ID P1 or P2"))
			.anyMatch(line -> line.contains("No Entra ID P1/P2 licence"));
		assertThat(row.select("td[data-label=Detections]").text())
			.isEqualTo("none: without Entra ID P1 or P2 Graph gives no sign-in logs");
		// stated once: the errors column does not repeat what the status says
		await().atMost(Duration.ofSeconds(20))
			.until(() -> simulation.signIns()
				.health(organization, simulation.tenants().list(organization).getFirst().id())
				.map(health -> health.lastError() != null)
				.orElse(false));
		assertThat(overview(admin).select("td[data-label=Errors]").text()).isEmpty();
	}

	@Test
	void aConsentAnswerWorksOnceAndOnlyForItsOrganization() throws Exception {
		var answer = consentAnswer("granted.example", "Granted");
		var other = TestSignIn.as(simulation.jdbc(),
				simulation.tenants().createOrganization("Other MSP " + UUID.randomUUID()).id(), Role.ORG_ADMIN);
		mvc.perform(get(answer).with(authentication(TestSignIn.token(other))))
			.andExpect(PageResults.error("not for a request of your organization"));
		mvc.perform(get(answer).with(authentication(TestSignIn.token(admin)))).andExpect(PageResults.text("CONNECTED"));
		mvc.perform(get(answer).with(authentication(TestSignIn.token(admin))))
			.andExpect(PageResults.error("used already"));
	}

	@Test
	void disconnectingStopsPollingAndDeletesTheDataOnRequest() throws Exception {
		connect("granted.example", "Granted");
		var tenant = simulation.tenants()
			.findByEntraTenantId(organization, "c0c0c0c0-0000-4000-8000-000000000001")
			.orElseThrow();
		await().atMost(Duration.ofSeconds(30)).until(() -> simulation.signIns().count(organization, tenant.id()) > 0);
		mvc.perform(post("/admin/tenants/" + tenant.id().value() + "/disconnect").with(csrf())
			.with(authentication(TestSignIn.token(admin)))
			.param("deleteData", "true")).andExpect(status().is3xxRedirection());
		assertThat(simulation.tenants().find(organization, tenant.id()).orElseThrow().status())
			.isEqualTo(TenantStatus.DISCONNECTED);
		await().atMost(Duration.ofSeconds(20)).until(() -> simulation.signIns().count(organization, tenant.id()) == 0);
		assertThat(simulation.signIns().health(organization, tenant.id())).isEmpty();
		mvc.perform(post("/admin/tenants/" + UUID.randomUUID() + "/disconnect").with(csrf())
			.with(authentication(TestSignIn.token(admin)))).andExpect(status().isNotFound());
		mvc.perform(get("/admin/tenants").with(authentication(TestSignIn.token(admin))))
			.andExpect(content().string(not(containsString(simulation.simulator().clientSecret().reveal()))));
	}

	@Test
	void aSecondAppRegistrationConnectsTheNextTenantsOnABudgetOfItsOwn() throws Exception {
		connect("granted.example", "Granted Inc");
		var first = simulation.tenants().graphApps(organization).getFirst().id();
		mvc.perform(post("/admin/tenants/app").with(csrf())
			.with(authentication(TestSignIn.token(admin)))
			.param("clientId", "0a1b2c3d-0000-4000-8000-0000000c0de6")
			.param("clientSecret", "test-secret-consent-second")).andExpect(status().is3xxRedirection());
		var second = simulation.tenants()
			.graphApps(organization)
			.stream()
			.filter(app -> !app.id().equals(first))
			.findFirst()
			.orElseThrow()
			.id();
		var page = Jsoup.parse(mvc.perform(get("/admin/tenants").with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select("#connect-app option")).extracting(option -> option.text())
			.containsExactly(simulation.simulator().clientId() + " (1 tenants)",
					"0a1b2c3d-0000-4000-8000-0000000c0de6 (0 tenants)");
		assertThat(page.select("#another-app form[action=/admin/tenants/app] input[name=clientId]")).hasSize(1);
		assertThat(page.select("#connect-app option[selected]").attr("value")).as("the one with fewer tenants")
			.isEqualTo(second.toString());

		var answer = mvc
			.perform(get(consentAnswer("partly.example", "Partly", second))
				.with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(Jsoup.parse(answer.getResponse().getContentAsString()).getElementById("tenant-status").text())
			.isEqualTo("CONNECTED");
		var partly = simulation.tenants()
			.findByEntraTenantId(organization, "c0c0c0c0-0000-4000-8000-000000000002")
			.orElseThrow();
		assertThat(partly.appRegistrationId()).isEqualTo(second);
		await().atMost(Duration.ofSeconds(30)).until(() -> simulation.signIns().count(organization, partly.id()) > 0);

		// a tenant moves to the other registration when its admin consents to that one
		var granted = simulation.tenants()
			.findByEntraTenantId(organization, "c0c0c0c0-0000-4000-8000-000000000001")
			.orElseThrow();
		assertThat(granted.appRegistrationId()).isEqualTo(first);
		var moved = mvc
			.perform(get(consentAnswer("granted.example", "Granted Inc", second))
				.with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(Jsoup.parse(moved.getResponse().getContentAsString()).getElementById("tenant-status").text())
			.isEqualTo("CONNECTED");
		assertThat(simulation.tenants().find(organization, granted.id()).orElseThrow().appRegistrationId())
			.isEqualTo(second);
		assertThat(simulation.tenants().list(organization)).as("the same tenant, not a second one").hasSize(2);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(audit.recent(organization, 20))
				.filteredOn(entry -> entry.action().equals("tenant.moved"))
				.singleElement()
				.satisfies(entry -> assertThat(entry.detail()).containsEntry("to", second.toString())));
		var before = simulation.signIns().health(organization, granted.id()).orElseThrow().lastSuccessAt();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> simulation.signIns()
				.health(organization, granted.id())
				.map(health -> health.lastSuccessAt() != null
						&& (before == null || health.lastSuccessAt().isAfter(before)))
				.orElse(false));
	}

	private Document connect(String tenant, String name) throws Exception {
		return Jsoup.parse(mvc.perform(get(consentAnswer(tenant, name)).with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/** The one tenant's row on the tenants overview, as someone sees it. */
	private Element overview(Object who) throws Exception {
		var rows = Jsoup
			.parse(mvc.perform(get("/tenants").with(authentication(TestSignIn.token(who))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.select("#tenants tbody tr");
		assertThat(rows).hasSize(1);
		return rows.first();
	}

	/**
	 * Starts the connection, follows the consent link to the simulator's Entra, and
	 * returns where it sends back.
	 */
	private String consentAnswer(String tenant, String name) throws Exception {
		return consentAnswer(tenant, name, simulation.tenants().graphApps(organization).getFirst().id());
	}

	private String consentAnswer(String tenant, String name, UUID app) throws Exception {
		var consentLink = mvc
			.perform(post("/admin/tenants/connect").with(csrf())
				.with(authentication(TestSignIn.token(admin)))
				.param("app", app.toString())
				.param("tenant", tenant)
				.param("name", name))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(consentLink).startsWith(simulation.simulator().baseUrl().toString())
			.contains("/v2.0/adminconsent?client_id=");
		try (var http = HttpClient.newBuilder()
			.sslContext(simulation.simulator().clientSslContext())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()) {
			var response = http.send(HttpRequest.newBuilder(URI.create(consentLink)).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).isEqualTo(302);
			var back = URI.create(response.headers().firstValue("Location").orElseThrow());
			assertThat(back.getPath()).isEqualTo("/admin/tenants/consent");
			return UriComponentsBuilder.fromUri(back).build().toUriString().replaceFirst("^https?://[^/]+", "");
		}
	}

}
