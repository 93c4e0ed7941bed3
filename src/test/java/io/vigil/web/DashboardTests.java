package io.vigil.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The dashboard's figures from known incidents: counts by severity and tenant, the days
 * of the chart, mean times to acknowledge and contain from the timeline, and nothing of a
 * tenant the viewer may not see.
 */
@VigilIntegrationTest
class DashboardTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	OrganizationId organization;

	ManagedTenantId north;

	ManagedTenantId south;

	@BeforeEach
	void incidentsOfTwoTenants() {
		organization = simulation.tenants().createOrganization("Dashboard MSP " + UUID.randomUUID()).id();
		var app = simulation.tenants().registerGraphApp(organization, "client", new io.vigil.shared.Secret("s"));
		north = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "North <b>Ltd</b>").id();
		south = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "South").id();
		simulation.tenants().disconnect(organization, north);
		simulation.tenants().disconnect(organization, south);
		var now = Instant.now();
		var acknowledged = incident(north, "HIGH", "NEW", now.minus(Duration.ofHours(3)));
		timeline(acknowledged, now.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(10)), "assigned", "{}");
		timeline(acknowledged, now.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(40)), "action",
				"{\"outcome\": \"success\"}");
		var other = incident(north, "CRITICAL", "IN_PROGRESS", now.minus(Duration.ofHours(2)));
		timeline(other, now.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(30)), "comment", "{}");
		incident(south, "LOW", "NEW", now.minus(Duration.ofDays(2)));
		incident(south, "MEDIUM", "RESOLVED", now.minus(Duration.ofDays(40)));
	}

	@Test
	void theFiguresComeFromTheIncidentsAndTheirTimelines() throws Exception {
		var statistics = simulation.incidents().statistics(organization, null, 30);
		assertThat(statistics.open()).isEqualTo(3);
		assertThat(statistics.openBySeverity()).containsEntry("critical", 1L)
			.containsEntry("high", 1L)
			.containsEntry("low", 1L)
			.containsEntry("medium", 0L);
		assertThat(statistics.openByTenant()).containsEntry(north.value(), 2L).containsEntry(south.value(), 1L);
		assertThat(statistics.opened()).hasSize(30);
		assertThat(statistics.opened().stream().mapToLong(day -> day.opened()).sum()).as("the 40-day-old one is out")
			.isEqualTo(3);
		assertThat(statistics.meanTimeToAcknowledge()).isEqualTo(Duration.ofMinutes(20));
		assertThat(statistics.meanTimeToContain()).isEqualTo(Duration.ofMinutes(40));
		assertThat(statistics.topRules()).singleElement().satisfies(rule -> assertThat(rule.incidents()).isEqualTo(3));

		var page = page(TestSignIn.as(simulation.jdbc(), organization, Role.READ_ONLY));
		assertThat(page.getElementById("mtta").text()).isEqualTo("20 min");
		assertThat(page.getElementById("mttc").text()).isEqualTo("40 min");
		assertThat(page.getElementById("by-tenant").text()).contains("North <b>Ltd</b>");
		assertThat(page.select("#by-tenant b")).isEmpty();
		assertThat(page.getElementById("incidents-chart").attr("data-series")).startsWith("{\"");
	}

	@Test
	void aCustomerAdminSeesOnlyTheirTenant() throws Exception {
		var customer = TestSignIn.as(simulation.jdbc(), organization, Role.TENANT_ADMIN, Set.of(south));
		var page = page(customer);
		assertThat(page.getElementById("by-tenant").text()).contains("South");
		assertThat(page.text()).doesNotContain("North");
		assertThat(simulation.incidents().statistics(organization, Set.of(south), 30).open()).isOne();
		assertThat(page.select("a[href^=/admin/]")).isEmpty();
	}

	private Document page(Object who) throws Exception {
		var response = mvc.perform(get("/").with(authentication(TestSignIn.token(who)))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}

	private UUID incident(ManagedTenantId tenant, String severity, String status, Instant created) {
		var id = UUID.randomUUID();
		simulation.jdbc()
			.sql("""
					insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
					  dedup_key, first_seen, last_seen, window_seconds, checklist, detection_latency_ms, created_at, updated_at)
					values (?, ?, ?, 'RULE-1143', 'CloudFlare sign-in', ?, ?, ?, ?, ?, 86400, '[]', 1, ?, ?)""")
			.params(id, organization.value(), tenant.value(), severity, status, "account=" + id,
					Timestamp.from(created), Timestamp.from(created), Timestamp.from(created), Timestamp.from(created))
			.update();
		return id;
	}

	private void timeline(UUID incident, Instant at, String kind, String detail) {
		simulation.jdbc()
			.sql("insert into incident_timeline (incident_id, organization_id, at, actor, kind, detail) "
					+ "values (?, ?, ?, 'ana@msp.example', ?, ?::jsonb)")
			.params(incident, organization.value(), Timestamp.from(at), kind, detail)
			.update();
	}

}
