package io.vigil.web;

import java.util.UUID;

import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.SimulatedOrganization;
import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The account reviews and the password reset on a real incident: the simulated tenant is
 * attacked from CloudFlare, ingested and detected end to end; the attacker then
 * registered an authenticator and set up Inbox rules. The analyst finds them marked,
 * picks them, confirms exactly those, and each reaches Graph once.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class AccountReviewPageTests {

	static final String COMPROMISED = "c0c0c0c0-0000-4000-8000-000000000005";

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	SimulatedOrganization msp;

	ManagedTenantId tenant;

	UUID incident;

	String attacked;

	Object responder;

	@BeforeEach
	void aDetectedTakeover() {
		msp = simulation.organization("Review MSP");
		tenant = msp.connect(COMPROMISED, "Compromised");
		attacked = simulation.simulator().user(COMPROMISED, 2);
		incident = msp.awaitIncident(tenant, i -> i.ruleId().equals("RULE-1143") && attacked.equals(i.accountId()))
			.id();
		responder = msp.signIn(Role.RESPONDER);
	}

	/**
	 * Stops polling this test's tenant: the connections of earlier tests would otherwise
	 * share its Graph budget.
	 */
	@AfterEach
	void disconnect() {
		msp.disconnect(tenant);
	}

	@Test
	void theAttackersAuthenticatorIsMarkedConfirmedAndRemovedOnce() throws Exception {
		assertThat(page("/incidents/" + incident).select("a[href=/incidents/" + incident + "/authentication-methods]"))
			.isNotEmpty();
		var methods = page("/incidents/" + incident + "/authentication-methods");
		assertThat(methods.select("main").text()).contains("Password", "iPhone 15 Pro",
				"cannot be removed (reset the password instead)");
		assertThat(methods.select("main tr:contains(added since the sign-in)"))
			.as("only the attacker's method is recent")
			.hasSize(1);
		var planted = pickIn(methods, "iPhone 15 Pro");

		var nothing = mvc.perform(as(get("/incidents/" + incident + "/authentication-methods/confirm"))).andReturn();
		assertThat(nothing.getFlashMap().get("reviewError")).asString().contains("Select at least one");

		var confirm = page("/incidents/" + incident + "/authentication-methods/confirm?pick=" + planted);
		assertThat(confirm.select("main").text())
			.contains("These authentication methods will be removed from", "iPhone 15 Pro")
			.doesNotContain("iPhone 13", "Galaxy S22");
		var key = key(confirm);
		var withoutToken = mvc
			.perform(post("/incidents/" + incident + "/authentication-methods")
				.with(authentication(TestSignIn.token(responder)))
				.param("pick", planted)
				.param("key", key))
			.andReturn();
		assertThat(withoutToken.getResponse().getStatus()).isEqualTo(403);
		for (int click = 0; click < 2; click++) {
			mvc.perform(
					as(post("/incidents/" + incident + "/authentication-methods").with(csrf())).param("pick", planted)
						.param("key", key))
				.andExpect(status().is3xxRedirection());
		}
		assertThat(
				calls("DELETE", "/v1.0/users/" + attacked + "/authentication/microsoftAuthenticatorMethods/" + planted))
			.isOne();
		assertThat(SimulatorProbe.authenticationMethodIds(simulation.simulator(), COMPROMISED, attacked))
			.doesNotContain(planted);
		assertThat(page("/incidents/" + incident).select("#actions tbody tr").eachText()).singleElement()
			.asString()
			.contains("Remove authentication method", "Microsoft Authenticator: iPhone 15 Pro", "SUCCEEDED");
		assertThat(page("/incidents/" + incident + "/authentication-methods").text()).doesNotContain("iPhone 15 Pro");
	}

	@Test
	void forwardingRulesAreMarkedAndDisabled() throws Exception {
		var rules = page("/incidents/" + incident + "/inbox-rules");
		assertThat(rules.select("main").text())
			.contains("Move to folder RSS Subscriptions", "Move to folder Newsletters")
			.doesNotContain("AAMkAD");
		assertThat(rules.select("main").text()).contains("Newsletters",
				"Sends mail to archive.sync@mailbox-backup.example",
				"Subject or body contains: invoice, payment, wire transfer", "Marks mail as read and moves it");
		var sync = pickIn(rules, "archive.sync@mailbox-backup.example");
		var hide = pickIn(rules, "wire transfer");
		var confirm = page("/incidents/" + incident + "/inbox-rules/confirm?pick=" + sync + "&pick=" + hide);
		assertThat(confirm.select("main").text()).contains("Inbox rule 'Sync'", "Inbox rule '.'")
			.doesNotContain("Newsletters");
		mvc.perform(as(post("/incidents/" + incident + "/inbox-rules").with(csrf())).param("pick", sync)
			.param("pick", hide)
			.param("key", key(confirm))).andExpect(status().is3xxRedirection());
		assertThat(SimulatorProbe.enabledInboxRuleIds(simulation.simulator(), COMPROMISED, attacked))
			.doesNotContain(sync, hide)
			.hasSize(1);
		assertThat(page("/incidents/" + incident).select("#actions").text()).contains("Disable inbox rule",
				"Inbox rule 'Sync'");
	}

	@Test
	void aResetPasswordIsShownOnceAndNeverCached() throws Exception {
		var confirm = page("/incidents/" + incident + "/actions/reset-password/confirm");
		assertThat(confirm.select("main").text()).contains("A new one-time password will be set for", "shown once");
		var key = key(confirm);
		var first = mvc
			.perform(as(post("/incidents/" + incident + "/actions").with(csrf())).param("action", "RESET_PASSWORD")
				.param("key", key))
			.andReturn()
			.getResponse();
		assertThat(first.getHeader("Cache-Control")).contains("no-store");
		assertThat(first.getStatus()).isEqualTo(200);
		var password = Jsoup.parse(first.getContentAsString()).getElementById("one-time-password").text();
		assertThat(password).hasSize(16);
		var again = mvc
			.perform(as(post("/incidents/" + incident + "/actions").with(csrf())).param("action", "RESET_PASSWORD")
				.param("key", key))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(again).getElementById("password-gone")).isNotNull();
		assertThat(again).doesNotContain(password);
		assertThat(SimulatorProbe.passwordResets(simulation.simulator(), COMPROMISED, attacked)).isOne();
		var page = page("/incidents/" + incident);
		assertThat(page.select("#actions").text()).contains("Reset password");
		assertThat(page.html()).doesNotContain(password);
	}

	@Test
	void theAccountsRolesAreCheckedInGraphAndKeptOnTheTimeline() throws Exception {
		assertThat(page("/incidents/" + incident).text()).contains("Administrator roles not checked yet.");
		mvc.perform(as(post("/incidents/" + incident + "/account-check").with(csrf())))
			.andExpect(status().is3xxRedirection());
		var page = page("/incidents/" + incident);
		assertThat(page.text()).contains("No administrator roles", "sign-in allowed").doesNotContain("not checked yet");
		assertThat(page.select("#timeline li[data-kind=account-checked]")).hasSize(1);
		assertThat(simulation.simulator().requests(COMPROMISED)).anyMatch(r -> r.method().equals("GET")
				&& r.path().startsWith("/v1.0/users/" + attacked + "/memberOf/") && r.status() == 200);
	}

	@Test
	void readersCannotOpenTheReviews() throws Exception {
		var reader = msp.signIn(Role.READ_ONLY);
		for (var path : new String[] { "/authentication-methods", "/inbox-rules" }) {
			assertThat(mvc.perform(get("/incidents/" + incident + path).with(authentication(TestSignIn.token(reader))))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
		}
		assertThat(page("/incidents/" + incident).select("a[href$=/inbox-rules]")).isNotEmpty();
	}

	private Document page(String path) throws Exception {
		return Jsoup.parse(
				mvc.perform(as(get(path))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
		return request.with(authentication(TestSignIn.token(responder)));
	}

	/** The checkbox value in the table row that mentions {@code text}. */
	private static String pickIn(Document page, String text) {
		var pick = page.select("tr:contains(" + text + ") input[name=pick]").val();
		assertThat(pick).as("a row with " + text).isNotBlank();
		return pick;
	}

	private static String key(Document page) {
		var key = page.select("input[name=key]").val();
		assertThat(key).isNotBlank();
		return key;
	}

	private long calls(String method, String path) {
		return simulation.simulator()
			.requests(COMPROMISED)
			.stream()
			.filter(r -> r.method().equals(method) && r.path().equals(path))
			.count();
	}

}
