package io.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.SimulatedOrganization;
import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.detection.SignInMatch;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The incident page: attacker-controlled text rendered as text, the checklist walked
 * along its branches, an action confirmed and executed once against the simulator, and
 * nothing for those who may not see or act.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class IncidentPageTests {

	static final String TENANT = "c0c0c0c0-0000-4000-8000-000000000001";

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String IMG = "\"><img src=x onerror=alert(2)>";

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	SimulatedOrganization msp;

	OrganizationId organization;

	ManagedTenantId tenant;

	String victim;

	UUID incident;

	Object responder;

	SignInMatch match;

	@BeforeEach
	void anIncident() {
		msp = simulation.organization("Page MSP");
		organization = msp.id();
		tenant = msp.connect(TENANT, "Contoso");
		victim = SimulatorProbe.ordinaryUser(simulation.simulator(), TENANT);
		var checklist = List.of(
				new ChecklistStep("recognised", "Ask the owner.",
						List.of(new ChecklistStep.Answer("Not recognised", "block"),
								new ChecklistStep.Answer("Recognised", "close")),
						null, null),
				new ChecklistStep("block", "Block sign-in for the account.", List.of(), "revoke", "block-sign-in"),
				new ChecklistStep("revoke", "Revoke all sessions.", List.of(), null, "revoke-sessions"),
				new ChecklistStep("close", "Close as benign.", List.of(), null, "suppress"));
		match = new SignInMatch("RULE-1143", "Successful sign-in from CloudFlare", Severity.HIGH, Duration.ofHours(24),
				checklist, "account=" + victim, Math.abs(UUID.randomUUID().getMostSignificantBits()),
				"graph-" + UUID.randomUUID(), Instant.now(), victim, "victim@granted.example", IMG, "104.16.3.4",
				Map.of("userAgent", SCRIPT, "app", "Office 365", "errorCode", 0, "matched",
						Map.of("selection_cloudflare", true, "filter_<b>known</b>", false), "ip",
						Map.of("address", "104.16.3.4", "asn", 13335, "asOrganization", "Cloudflare, Inc.",
								"cloudflare", true, "hosting", true, "country", "NL", "otherAccountsInTenant", 2,
								"accountsInOtherTenants", 1, "otherTenants", 1)));
		msp.matched(tenant, match);
		incident = msp.awaitIncident(tenant, "RULE-1143").id();
		responder = msp.signIn(Role.RESPONDER);
	}

	/**
	 * Related incidents: another rule's incident of the same account, and another
	 * account's incident from the same address, are linked; one of another tenant the
	 * viewer may not see is not.
	 */
	@Test
	void relatedIncidentsShareTheAccountOrAnAddress() throws Exception {
		var sameAccount = new SignInMatch("RULE-OTHER", "Impossible travel", Severity.MEDIUM, Duration.ofHours(24),
				List.of(), "account=" + victim, match.signInId() + 1, "graph-" + UUID.randomUUID(), Instant.now(),
				victim, "victim@granted.example", "Victim", "198.51.100.9", Map.of());
		var sameAddress = new SignInMatch("RULE-1143", "Successful sign-in from CloudFlare", Severity.HIGH,
				Duration.ofHours(24), List.of(), "account=someone-else", match.signInId() + 2,
				"graph-" + UUID.randomUUID(), Instant.now(), "someone-else", "other@granted.example", "Other",
				"104.16.3.4", Map.of());
		var unrelated = new SignInMatch("RULE-1143", "Successful sign-in from CloudFlare", Severity.HIGH,
				Duration.ofHours(24), List.of(), "account=third", match.signInId() + 3, "graph-" + UUID.randomUUID(),
				Instant.now(), "third", "third@granted.example", "Third", "203.0.113.77", Map.of());
		msp.matched(tenant, sameAccount, sameAddress, unrelated);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> simulation.incidents().recent(organization, tenant, 10).size() == 4);
		assertThat(simulation.incidents()
			.related(organization, simulation.incidents().find(organization, incident).orElseThrow(), null))
			.extracting(found -> found.accountUpn())
			.containsExactlyInAnyOrder("victim@granted.example", "other@granted.example");
		var related = page(responder).getElementById("related");
		assertThat(related.text()).contains("Impossible travel");
		assertThat(related.select("a").eachAttr("href")).hasSize(2).doesNotContain("/incidents/" + incident);
		assertThat(simulation.incidents()
			.related(organization, simulation.incidents().find(organization, incident).orElseThrow(),
					java.util.Set.of(new ManagedTenantId(UUID.randomUUID()))))
			.as("tenants the viewer may not see")
			.isEmpty();
	}

	@Test
	void attackerControlledTextIsRenderedAsText() throws Exception {
		var page = page(responder);
		// what the attacker wrote is there to read, and no element of theirs is
		assertThat(page.select("#sign-ins td.agent").text()).isEqualTo(SCRIPT);
		assertThat(page.text()).contains(IMG, "filter_<b>known</b>: did not match", "selection_cloudflare: matched");
		assertThat(page.select("script:not([src]), img[src=x], b:containsOwn(known)")).isEmpty();
		assertThat(page.select("#sign-ins").text()).contains("Cloudflare, Inc.", "CloudFlare", "success",
				"2 other accounts here, 1 in 1 other tenants");
	}

	@Test
	void theNotRecognisedBranchBlocksOnceWithAConfirmation() throws Exception {
		var patchesBefore = patches();
		answer("recognised", "Not recognised", null);
		var step = page(responder).getElementById("current-step");
		assertThat(step.text()).contains("Block sign-in for the account.");
		assertThat(step.select("a.button").eachAttr("href"))
			.contains("/incidents/" + incident + "/actions/block-sign-in/confirm");

		var confirm = open(responder, "/incidents/" + incident + "/actions/block-sign-in/confirm");
		assertThat(confirm.select("main").text()).contains("Sign-in will be blocked for", "victim@granted.example",
				"Contoso");
		var key = confirm.select("input[name=key]").val();
		assertThat(key).isNotBlank();
		for (int click = 0; click < 2; click++) {
			send("/actions", "action", "BLOCK_SIGN_IN", "key", key);
		}
		assertThat(patches()).isEqualTo(patchesBefore + 1);
		assertThat(SimulatorProbe.isAccountEnabled(simulation.simulator(), TENANT, victim)).isFalse();
		answer("block", "done", null);
		var after = page(responder);
		assertThat(after.getElementById("current-step").text()).contains("Revoke all sessions.");
		assertThat(after.select("#timeline li[data-kind=checklist-answered]")).isNotEmpty();
		assertThat(after.select("#actions td").eachText()).contains("SUCCEEDED");
	}

	@Test
	void theRecognisedBranchSuppressesAndAReplayRaisesNothing() throws Exception {
		answer("recognised", "Recognised", null);
		var step = page(responder).getElementById("current-step");
		assertThat(step.text()).contains("Close as benign.");
		assertThat(step.select("a.button").eachAttr("href")).contains("/incidents/" + incident + "/suppress");
		var form = open(responder, "/incidents/" + incident + "/suppress");
		assertThat(form.select("input").eachAttr("value")).contains("104.16.3.4", "13335");
		var preview = mvc
			.perform(post("/incidents/" + incident + "/suppress").with(csrf())
				.with(authentication(TestSignIn.token(responder)))
				.param("tenant", "on")
				.param("rule", "on")
				.param("asn", "13335")
				.param("reason", "The customer routes through CloudFlare WARP")
				.param("days", "90")
				.param("step", "preview"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(preview).select("h2:contains(Past incidents it would have suppressed) span").text())
			.isEqualTo("1");
		send("/suppress", "tenant", "on", "rule", "on", "asn", "13335", "reason",
				"The customer routes through CloudFlare WARP", "days", "90", "step", "save");
		var closed = page(responder);
		assertThat(closed.getElementById("status").classNames()).contains("status-dismissed_benign");
		assertThat(closed.select("#timeline li[data-kind=suppression-created]")).hasSize(1);

		var replay = new SignInMatch(match.ruleId(), match.ruleTitle(), match.severity(), match.window(),
				match.checklist(), match.dedupKey(), match.signInId() + 1, "graph-replay-" + UUID.randomUUID(),
				Instant.now(), match.accountId(), match.accountUpn(), match.accountDisplayName(), match.ipAddress(),
				match.evidence());
		msp.matched(tenant, replay);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(open(responder, "/suppressions").select("main tbody tr").eachText())
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.contains("The customer routes through CloudFlare WARP", " 1 "));
		assertThat(simulation.incidents().recent(organization, tenant, 10)).hasSize(1);
	}

	/**
	 * The attack: a responder of one tenant leaves the tenant box empty and ticks "never"
	 * to silence every tenant.
	 */
	@Test
	void aResponderOfOneTenantCannotSuppressEverywhereOrForever() throws Exception {
		var limited = msp.signIn(Role.RESPONDER, tenant);
		var form = open(limited, "/incidents/" + incident + "/suppress").select("form").text();
		assertThat(form).doesNotContain("never expires").contains("In this tenant only");
		for (var attempt : List.of(Map.of("never", ""), Map.of("tenant", "on", "never", "on"))) {
			var request = post("/incidents/" + incident + "/suppress").with(csrf())
				.with(authentication(TestSignIn.token(limited)))
				.param("rule", "on")
				.param("asn", "13335")
				.param("reason", "silence everything")
				.param("days", "90")
				.param("step", "save");
			attempt.forEach((name, value) -> {
				if (!value.isEmpty()) {
					request.param(name, value);
				}
			});
			var page = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(Jsoup.parse(page).select("main .error").text()).isNotBlank();
		}
		assertThat(suppressions.list(organization)).isEmpty();
		assertThat(simulation.incidents().find(organization, incident).orElseThrow().status().name()).isEqualTo("NEW");
	}

	@Autowired
	io.vigil.incidents.Suppressions suppressions;

	/**
	 * A customer's "this was us" on a high incident needs a confirmation and a reason,
	 * does not close it, and waits for an analyst, who decides with a reason; the
	 * customer sees no button they may not use.
	 */
	@Test
	void aCustomersThisWasUsOnAHighIncidentWaitsForTheMsp() throws Exception {
		var customer = msp.signIn(Role.TENANT_ADMIN, tenant);
		var view = page(customer);
		assertThat(view.getElementById("verdict").text()).contains("I am sure of this answer");
		assertThat(view.select("form").eachAttr("action")).noneMatch(
				action -> action.contains("/checklist/") || action.contains("/actions") || action.contains("/assignee")
						|| action.contains("/comments") || action.contains("/account-check"));
		assertThat(view.select("a[href*=/actions/]")).isEmpty();
		for (var missing : List.of(Map.of("verdict", "US", "confirm", "yes"), Map.of("verdict", "US", "reason", "x"))) {
			var request = post("/incidents/" + incident + "/verdict").with(csrf())
				.with(authentication(TestSignIn.token(customer)));
			missing.forEach((name, value) -> request.param(name, value));
			mvc.perform(request).andExpect(status().is3xxRedirection());
			assertThat(simulation.incidents().find(organization, incident).orElseThrow().status().name())
				.isEqualTo("NEW");
		}
		mvc.perform(post("/incidents/" + incident + "/verdict").with(csrf())
			.with(authentication(TestSignIn.token(customer)))
			.param("verdict", "US")
			.param("reason", "Our CEO was at a conference using the hotel's proxy")
			.param("confirm", "yes")).andExpect(status().is3xxRedirection());
		var awaiting = simulation.incidents().find(organization, incident).orElseThrow();
		assertThat(awaiting.status().name()).isEqualTo("CUSTOMER_SAYS_BENIGN");
		assertThat(awaiting.status().isOpen()).isTrue();
		assertThat(page(customer).text()).contains("Your MSP reviews this answer")
			.doesNotContain("Accept: close as benign");
		assertThat(page(responder).text()).contains("Our CEO was at a conference", "Accept: close as benign");

		mvc.perform(post("/incidents/" + incident + "/verdict-review").with(csrf())
			.with(authentication(TestSignIn.token(customer)))
			.param("decision", "accept")
			.param("reason", "mine")).andExpect(status().isForbidden());
		send("/verdict-review", "decision", "accept");
		assertThat(simulation.incidents().find(organization, incident).orElseThrow().status().name())
			.isEqualTo("CUSTOMER_SAYS_BENIGN");
		send("/verdict-review", "decision", "accept", "reason", "The hotel's proxy is in the conference's city");
		assertThat(simulation.incidents().find(organization, incident).orElseThrow().status().name())
			.isEqualTo("DISMISSED_BENIGN");
		assertThat(simulation.incidents().timeline(organization, incident)).extracting(entry -> entry.kind())
			.contains("customer-verdict", "customer-verdict-reviewed");
		assertThat(simulation.jdbc()
			.sql("select count(*) from audit_log where action = 'incident.verdict' and organization_id = ?")
			.param(organization.value())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	/**
	 * "This was our VPN" proposes a suppression; the analyst who accepts can approve it
	 * with one tick.
	 */
	@Test
	void aCustomersOurVpnBecomesASuppressionWhenTheAnalystApproves() throws Exception {
		var customer = msp.signIn(Role.TENANT_ADMIN, tenant);
		mvc.perform(post("/incidents/" + incident + "/verdict").with(csrf())
			.with(authentication(TestSignIn.token(customer)))
			.param("verdict", "OUR_VPN")
			.param("reason", "We use CloudFlare WARP on every laptop")
			.param("confirm", "yes")).andExpect(status().is3xxRedirection());
		assertThat(page(responder).text()).contains("approve the customer's proposal", "AS13335");
		send("/verdict-review", "decision", "accept", "reason", "WARP is their policy", "suppress", "yes");
		assertThat(simulation.incidents().find(organization, incident).orElseThrow().status().name())
			.isEqualTo("DISMISSED_BENIGN");
		assertThat(suppressions.list(organization)).singleElement().satisfies(suppression -> {
			assertThat(suppression.tenant()).isEqualTo(tenant);
			assertThat(suppression.asn()).isEqualTo(13335L);
			assertThat(suppression.ruleId()).isEqualTo("RULE-1143");
			assertThat(suppression.expiresAt()).isNotNull();
		});
	}

	/**
	 * A customer's admin sees what happened in their tenant, not how many of the MSP's
	 * other customers saw it.
	 */
	@Test
	void aCustomerAdminSeesNoCountsOfOtherTenants() throws Exception {
		var customer = msp.signIn(Role.TENANT_ADMIN, tenant);
		assertThat(page(customer).text()).contains("2 other accounts here").doesNotContain("other tenants");
		assertThat(page(responder).text()).contains("2 other accounts here, 1 in 1 other tenants");
	}

	@Test
	void assignmentStatusAndCommentsGoOnTheTimeline() throws Exception {
		var forged = send("/assignee", "assignee", "attacker@evil.example");
		assertThat(forged.getFlashMap().get("assignError")).asString().contains("Choose someone of your organization");
		var ana = simulation.jdbc()
			.sql("select email from user_account where organization_id = ? and role = 'RESPONDER' limit 1")
			.param(organization.value())
			.query(String.class)
			.single();
		send("/assignee", "assignee", ana);
		send("/status", "status", "IN_PROGRESS");
		send("/comments", "text", "Called the owner <b>twice</b>");
		var page = page(responder);
		assertThat(page.select("select[name=assignee] option[selected]").val()).isEqualTo(ana);
		assertThat(page.getElementById("status").text()).isEqualTo("In progress");
		assertThat(page.getElementById("timeline").text()).contains("assigned the incident to",
				"moved the incident from New to In progress", "Called the owner <b>twice</b>");
		assertThat(page.select("#timeline b")).isEmpty();
		assertThat(page.text()).doesNotContain("attacker@evil.example");
	}

	/**
	 * The first answer starts the work; the finished checklist proposes how to close, and
	 * closing keeps the reason.
	 */
	@Test
	void theWorkMovesTheIncident() throws Exception {
		var first = page(responder);
		assertThat(first.getElementById("status").text()).isEqualTo("New");
		assertThat(first.getElementById("checklist-complete")).isNull();
		answer("recognised", "Recognised", null);
		var started = simulation.incidents().find(organization, incident).orElseThrow();
		assertThat(started.status().name()).isEqualTo("IN_PROGRESS");
		assertThat(started.assignee()).isNotNull();
		answer("close", "done", null);
		assertThat(page(responder).getElementById("checklist-complete").text()).contains("Close as dismissed (benign)");
		send("/status", "status", "DISMISSED_BENIGN", "reason", "the owner was travelling");
		assertThat(simulation.incidents().find(organization, incident).orElseThrow().status().name())
			.isEqualTo("DISMISSED_BENIGN");
		var closed = page(responder);
		assertThat(closed.getElementById("timeline").text())
			.contains("moved the incident from In progress to Dismissed (benign): the owner was travelling");
		assertThat(closed.text()).doesNotContain("Close as dismissed");
	}

	@Test
	void skippingNeedsAReason() throws Exception {
		var response = send("/checklist/recognised", "answer", "skipped");
		assertThat(response.getFlashMap().get("checklistError")).asString().contains("needs a reason");
		answer("recognised", "skipped", "the owner is on holiday");
		assertThat(page(responder).getElementById("timeline").text()).contains("the owner is on holiday");
	}

	@Test
	void whoMayNotSeeOrActGetsNothing() throws Exception {
		var patchesBefore = patches();
		var readOnly = msp.signIn(Role.READ_ONLY);
		assertThat(mvc
			.perform(post("/incidents/" + incident + "/actions").with(csrf())
				.with(authentication(TestSignIn.token(readOnly)))
				.param("action", "BLOCK_SIGN_IN")
				.param("key", "k"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		answer("recognised", "Not recognised", null);
		assertThat(page(readOnly).select("a[href$=/actions/block-sign-in/confirm]")).isEmpty();
		var other = TestSignIn.as(simulation.jdbc(),
				simulation.tenants().createOrganization("Other " + UUID.randomUUID()).id(), Role.ORG_ADMIN);
		assertThat(mvc.perform(get("/incidents/" + incident).with(authentication(TestSignIn.token(other))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(patches()).isEqualTo(patchesBefore);
	}

	private long patches() {
		return simulation.simulator().requests(TENANT).stream().filter(r -> r.method().equals("PATCH")).count();
	}

	private Document page(Object who) throws Exception {
		return open(who, "/incidents/" + incident);
	}

	private Document open(Object who, String path) throws Exception {
		return Jsoup.parse(mvc.perform(get(path).with(authentication(TestSignIn.token(who))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/**
	 * A form the responder sends on this incident, answered by a redirect: {@code path}
	 * is below the incident's address, {@code params} are names and values in turn.
	 */
	private MvcResult send(String path, String... params) throws Exception {
		var request = post("/incidents/" + incident + path).with(csrf())
			.with(authentication(TestSignIn.token(responder)));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		// every form on the page answers with a redirect, errors as flash attributes
		return mvc.perform(request).andExpect(status().isFound()).andReturn();
	}

	private void answer(String step, String answer, String note) throws Exception {
		if (note == null) {
			send("/checklist/" + step, "answer", answer);
		}
		else {
			send("/checklist/" + step, "answer", answer, "note", note);
		}
	}

}
