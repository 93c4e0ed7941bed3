package io.vigil.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.Accounts;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The audit page's filters, paging and filtered CSV on known entries; another
 * organization's entries never show, whatever the filter says.
 */
@VigilIntegrationTest
class AuditPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Autowired
	Accounts accounts;

	OrganizationId organization;

	String tenant;

	Object admin;

	String dana;

	@BeforeEach
	void entries() {
		organization = simulation.tenants().createOrganization("Audit MSP " + UUID.randomUUID()).id();
		var app = simulation.tenants().registerGraphApp(organization, "client", new Secret("s"));
		var connected = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "Contoso Dental");
		simulation.tenants().disconnect(organization, connected.id());
		tenant = connected.id().value().toString();
		dana = "dana-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
		accounts.create(organization, dana, "Dana Responder", new Secret("a long enough password"), Role.RESPONDER,
				null, false, "test");
		var start = Instant.parse("2026-11-01T08:00:00Z");
		for (int i = 0; i < 250; i++) {
			entry(organization.value(), start.plus(i, ChronoUnit.MINUTES), dana, "response.block_sign_in", "user" + i,
					"{\"tenant\": \"" + tenant + "\"}");
		}
		entry(organization.value(), Instant.parse("2026-11-03T09:00:00Z"), "ops@msp.example", "tenant.renamed", tenant,
				"{}");
		entry(organization.value(), Instant.parse("2026-11-04T09:00:00Z"), "ops@msp.example", "login", null, "{}");
		entry(UUID.randomUUID(), Instant.parse("2026-11-04T09:00:00Z"), dana, "response.block_sign_in", "elsewhere",
				"{}");
		admin = TestSignIn.as(simulation.jdbc(), organization, Role.ORG_ADMIN);
	}

	@Test
	void filtersSelectByPersonActionTenantAndTime() throws Exception {
		var byDana = page("/admin/audit?actor=" + dana);
		assertThat(byDana.select("#audit tbody").text()).contains("Dana Responder")
			.doesNotContain("tenant.renamed", "elsewhere");
		assertThat(rows(page("/admin/audit?action=tenant.renamed"))).isOne();
		assertThat(page("/admin/audit?action=tenant.renamed").select("#audit tbody").text()).contains("Contoso Dental");
		assertThat(rows(page("/admin/audit?action=%25"))).as("% is text, not a wildcard").isZero();
		assertThat(rows(page("/admin/audit?from=2026-11-03&to=2026-11-04"))).isEqualTo(2);
		assertThat(rows(page("/admin/audit?tenant=" + tenant + "&action=response."))).isEqualTo(100);
		assertThat(page("/admin/audit").select("#audit").text()).doesNotContain("elsewhere");
	}

	/** Connecting a tenant records its Entra id: the page names the tenant. */
	@Test
	void aTenantIsNamedByItsEntraIdToo() {
		await().atMost(java.time.Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					(page("/admin/audit?action=tenant.connected")).select("#audit td[data-label=Target]").eachText())
				.containsExactly("Contoso Dental"));
	}

	/**
	 * Each entry says what happened in words; an action no longer written shows its code.
	 */
	@Test
	void actionsReadAsSentences() throws Exception {
		var actions = (page("/admin/audit?actor=" + dana)).select("#audit td[data-label=Action]");
		assertThat(actions).isNotEmpty()
			.allSatisfy(cell -> assertThat(cell.text()).isEqualTo("blocked sign-in response.block_sign_in"));
		assertThat((page("/admin/audit?action=tenant.renamed")).select("#audit td[data-label=Action]").text())
			.isEqualTo("tenant.renamed");
	}

	@Test
	void pagesFollowOneAnotherWithoutGapsOrRepeats() throws Exception {
		var seen = new LinkedHashSet<String>();
		String next = "/admin/audit?action=response.";
		int pages = 0;
		while (next != null) {
			var content = page(next);
			var targets = content.select("#audit td[data-label=Target]").eachText();
			assertThat(seen).doesNotContainAnyElementsOf(targets);
			seen.addAll(targets);
			var older = content.getElementById("older");
			next = older == null ? null : older.attr("href");
			pages++;
		}
		assertThat(seen).hasSize(250);
		assertThat(pages).isEqualTo(3);
		assertThat(rows(page("/admin/audit?before=%27%3Bdrop%20table%20audit_log%3B--")))
			.as("a forged cursor is ignored")
			.isEqualTo(100);
	}

	@Test
	void theCsvHoldsTheFilteredView() throws Exception {
		var csv = mvc
			.perform(get("/admin/audit.csv").param("action", "tenant.renamed")
				.with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv.lines()).hasSize(2);
		assertThat(csv).contains("tenant.renamed").doesNotContain("response.block_sign_in", "tenant.connected");
		assertThat(page("/admin/audit?action=tenant.renamed").getElementById("audit-csv").attr("href"))
			.isEqualTo("/admin/audit.csv?actor=&action=tenant.renamed&tenant=&from=&to=");
	}

	private void entry(UUID org, Instant at, String actor, String action, String target, String detail) {
		simulation.jdbc()
			.sql("insert into audit_log (organization_id, at, actor, action, target, outcome, detail) "
					+ "values (?, ?, ?, ?, ?, 'success', ?::jsonb)")
			.params(org, Timestamp.from(at), actor, action, target, detail)
			.update();
	}

	private Document page(String path) throws Exception {
		var response = mvc.perform(get(java.net.URI.create(path)).with(authentication(TestSignIn.token(admin))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}

	private static long rows(Document page) {
		return page.select("#audit tbody tr").size();
	}

}
