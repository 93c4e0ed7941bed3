package io.vigil.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The queue: open incidents newest first, filters, counts per status, keyset pages that
 * miss and repeat nothing.
 */
@VigilIntegrationTest
class QueueTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	OrganizationId organization;

	ManagedTenantId north;

	ManagedTenantId south;

	List<UUID> openNewestFirst = new ArrayList<>();

	@BeforeEach
	void incidents() {
		organization = simulation.tenants().createOrganization("Queue MSP " + UUID.randomUUID()).id();
		var app = simulation.tenants().registerGraphApp(organization, "client", new Secret("s"));
		north = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "North").id();
		south = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "South").id();
		var signInBase = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 1000;
		for (int i = 0; i < 120; i++) {
			var id = UUID.randomUUID();
			var tenant = i % 3 == 0 ? south : north;
			var status = i % 10 == 0 ? "DISMISSED_BENIGN" : "NEW";
			var severity = i % 4 == 0 ? "HIGH" : "LOW";
			simulation.jdbc()
				.sql("""
						insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
						  dedup_key, account_upn, first_seen, last_seen, window_seconds, checklist, detection_latency_ms,
						  created_at, updated_at)
						values (?, ?, ?, 'RULE-1143', 'Rule', ?, ?, 'k', ?, now() - make_interval(mins => ?),
						  now() - make_interval(mins => ?), 86400, '[]', 1, now(), now())""")
				.params(id, organization.value(), tenant.value(), severity, status, "user" + i + "@contoso.example", i,
						i)
				.update();
			simulation.jdbc()
				.sql("insert into incident_sign_in (incident_id, organization_id, managed_tenant_id, rule_id, "
						+ "sign_in_id, graph_id, created_at, ip_address, evidence, detection_latency_ms, added_at) "
						+ "values (?, ?, ?, 'RULE-1143', ?, 'g', now(), ?::inet, '{}', 1, now())")
				.params(id, organization.value(), tenant.value(), signInBase + i, "198.51.100." + i)
				.update();
			if (status.equals("NEW")) {
				openNewestFirst.add(id);
			}
		}
	}

	@Test
	void pagesCoverEveryOpenIncidentOnceNewestFirst() throws Exception {
		assertThat(allPages("/incidents")).isEqualTo(openNewestFirst);
		assertThat(counts(page("/incidents", Role.READ_ONLY, null))).contains("New: 108", "Dismissed (benign): 12");
	}

	@Test
	void filters() throws Exception {
		assertThat(ids(page("/incidents?tenant=" + south.value(), Role.READ_ONLY, null))).hasSize(36);
		assertThat(ids(page("/incidents?severity=HIGH", Role.READ_ONLY, null))).hasSize(24);
		assertThat(ids(page("/incidents?q=user17@contoso", Role.READ_ONLY, null)))
			.containsExactly(openNewestFirst.get(15));
		assertThat(ids(page("/incidents?q=198.51.100.17", Role.READ_ONLY, null)))
			.containsExactly(openNewestFirst.get(15));
		assertThat(ids(page("/incidents?status=DISMISSED_BENIGN", Role.READ_ONLY, null))).hasSize(12);
		assertThat(ids(page("/incidents?q=%25", Role.READ_ONLY, null))).as("% is text, not a wildcard").isEmpty();
		assertThat(ids(page("/incidents?q=1.2", Role.READ_ONLY, null))).as("not an address: no error, no match")
			.isEmpty();
		assertThat(ids(page("/incidents?q=USER4@", Role.READ_ONLY, null))).as("case does not matter")
			.containsExactly(openNewestFirst.get(3));
		assertThat(ids(page("/incidents?q=user_7@", Role.READ_ONLY, null))).as("_ is text, not a wildcard").isEmpty();
		assertThat(ids(page("/incidents?q=user3@contoso", Role.TENANT_ADMIN, Set.of(north))))
			.as("another tenant's account is not found")
			.isEmpty();
		assertThat(ids(page("/incidents?q=user4@contoso", Role.TENANT_ADMIN, Set.of(north)))).hasSize(1);
	}

	@Test
	void aCustomerAdminsQueueHoldsOnlyTheirTenant() throws Exception {
		var page = page("/incidents?status=ALL", Role.TENANT_ADMIN, Set.of(north));
		assertThat(ids(page)).hasSize(50);
		assertThat(allPages("/incidents?status=ALL", Role.TENANT_ADMIN, Set.of(north))).hasSize(80)
			.doesNotHaveDuplicates();
		assertThat(counts(page)).contains("New: 72", "Dismissed (benign): 8");
	}

	/**
	 * Every order pages through every open incident once, in its order, across page
	 * boundaries.
	 */
	@Test
	void eachOrderPagesThroughEveryOpenIncidentOnce() throws Exception {
		var high = openNewestFirst.stream().filter(id -> severityOf(id).equals("HIGH")).toList();
		var low = openNewestFirst.stream().filter(id -> severityOf(id).equals("LOW")).toList();
		var bySeverity = new ArrayList<UUID>(high);
		bySeverity.addAll(low);
		assertThat(allPages("/incidents?sort=severity")).isEqualTo(bySeverity);
		// first_seen follows last_seen in this data: the same order
		assertThat(allPages("/incidents?sort=first-seen")).isEqualTo(openNewestFirst);
		assertThat(ids(page("/incidents?sort=severity&after=9.99_not-a-cursor", Role.READ_ONLY, null)))
			.as("a forged cursor starts at the top")
			.startsWith(high.getFirst());
	}

	/**
	 * A saved view keeps only the queue's parameters, is its owner's alone, and is
	 * rendered as text.
	 */
	@Test
	void savedViewsBelongToTheirOwner() throws Exception {
		var owner = new io.vigil.security.VigilUser(UUID.randomUUID(), organization,
				"v-" + UUID.randomUUID() + "@msp.example", "V", Role.RESPONDER, null, true, false);
		var principal = TestSignIn.principal(simulation.jdbc(), owner);
		mvc.perform(post("/incidents/views").with(csrf())
			.with(authentication(TestSignIn.token(principal)))
			.param("name", "High <b>ones</b>")
			.param("query", "severity=HIGH&sort=severity&after=123_x&evil=%3Cscript%3E&q=%3Cimg%3E"))
			.andExpect(status().is3xxRedirection());
		var stored = simulation.jdbc()
			.sql("select query from saved_queue_view where user_id = ?")
			.param(owner.id())
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo("severity=HIGH&sort=severity&q=%3Cimg%3E");
		var page = Jsoup.parse(mvc.perform(get("/incidents").with(authentication(TestSignIn.token(principal))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select("#views a").eachText()).contains("High <b>ones</b>");
		assertThat(page.select("#views b, main img")).isEmpty();
		var view = simulation.jdbc()
			.sql("select id from saved_queue_view where user_id = ?")
			.param(owner.id())
			.query(UUID.class)
			.single();
		var other = TestSignIn.as(simulation.jdbc(), organization, Role.RESPONDER);
		var stolen = mvc
			.perform(post("/incidents/views/" + view + "/delete").with(csrf())
				.with(authentication(TestSignIn.token(other))))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(stolen).isEqualTo(404);
		assertThat(page("/incidents", Role.RESPONDER, null).text()).doesNotContain("High <b>ones");
		// a reader keeps views too: they change nothing shared
		var reader = TestSignIn.as(simulation.jdbc(), organization, Role.READ_ONLY);
		var saved = mvc
			.perform(post("/incidents/views").with(csrf())
				.with(authentication(TestSignIn.token(reader)))
				.param("name", "Mine")
				.param("query", "severity=LOW"))
			.andReturn()
			.getResponse();
		assertThat(saved.getRedirectedUrl()).isEqualTo("/incidents?severity=LOW");
	}

	private List<UUID> allPages(String first) throws Exception {
		return allPages(first, Role.READ_ONLY, null);
	}

	/** The incidents of every page, following "More incidents" from the first. */
	private List<UUID> allPages(String first, Role role, Set<ManagedTenantId> scope) throws Exception {
		var seen = new ArrayList<UUID>();
		String next = first;
		while (next != null) {
			var page = page(next, role, scope);
			seen.addAll(ids(page));
			var link = page.getElementById("next-page");
			next = link == null ? null : link.attr("href");
		}
		return seen;
	}

	private static List<String> counts(Document page) {
		return page.select("#counts a").eachText();
	}

	private String severityOf(UUID id) {
		return simulation.jdbc()
			.sql("select severity from incident where id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	@Test
	void theNewestOpenIncidentForTheQueuesScript() throws Exception {
		var body = mvc
			.perform(get("/queue/latest")
				.with(authentication(TestSignIn.token(TestSignIn.as(simulation.jdbc(), organization, Role.READ_ONLY)))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).isEqualTo("{\"latest\":\"" + openNewestFirst.getFirst() + "\"}");
	}

	private Document page(String url, Role role, Set<ManagedTenantId> scope) throws Exception {
		var user = new io.vigil.security.VigilUser(UUID.randomUUID(), organization,
				"q-" + UUID.randomUUID() + "@msp.example", "Q", role, scope, true, false);
		var principal = TestSignIn.principal(simulation.jdbc(), user);
		return Jsoup.parse(mvc.perform(get(java.net.URI.create(url)).with(authentication(TestSignIn.token(principal))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private static List<UUID> ids(Document page) {
		return page.select("#queue a.incident-link")
			.eachAttr("href")
			.stream()
			.map(href -> UUID.fromString(href.substring("/incidents/".length())))
			.toList();
	}

}
