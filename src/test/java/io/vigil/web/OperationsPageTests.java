package io.vigil.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.AfterEach;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The operations page on real ingestion: a tenant attacked from CloudFlare is polled from
 * the Graph simulator and detected, so each stage has measured items; access checks ask
 * the simulator's Entra what was granted.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class OperationsPageTests {

	static final String COMPROMISED = "c0c0c0c0-0000-4000-8000-000000000005";

	static final String PARTLY_GRANTED = "c0c0c0c0-0000-4000-8000-000000000002";

	static final String NO_P1 = "c0c0c0c0-0000-4000-8000-000000000004";

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	OrganizationId organization;

	ManagedTenantId attacked;

	ManagedTenantId partly;

	ManagedTenantId unlicensed;

	Object admin;

	@BeforeEach
	void threeTenantsPolled() {
		var msp = simulation.organization("Operations MSP");
		organization = msp.id();
		attacked = msp.connect(COMPROMISED, "Compromised <script>alert(1)</script>");
		partly = msp.connect(PARTLY_GRANTED, "Partly granted");
		unlicensed = msp.connect(NO_P1, "No P1");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> simulation.incidents()
				.recent(organization, attacked, 10)
				.stream()
				.anyMatch(incident -> incident.ruleId().equals("RULE-1143")));
		admin = TestSignIn.as(simulation.jdbc(), organization, Role.ORG_ADMIN);
	}

	@AfterEach
	void disconnect() {
		for (var tenant : List.of(attacked, partly, unlicensed)) {
			simulation.tenants().disconnect(organization, tenant);
		}
		simulation.jdbc().sql("delete from event_publication where listener_id = 'operations-page-test'").update();
	}

	@Test
	void eachTenantShowsItsPollsAndTheLagOfEachStage() throws Exception {
		// as if the attacked tenant had been polled for hours: its history counts as lag,
		// the others' is backfill
		simulation.jdbc()
			.sql("update ingest_tenant_state set tracked_since = now() - interval '2 hours' where managed_tenant_id = ?")
			.param(attacked.value())
			.update();
		var page = page(admin, "/admin/operations");
		var row = section(page, attacked);
		assertThat(row.selectFirst("h2 span").text()).isEqualTo("Compromised <script>alert(1)</script>");
		assertThat(page.select("script:not([src])")).isEmpty();
		assertThat(row.select(".stages td:eq(0)").eachText()).contains("Graph to Vigil", "Detection", "Notification");
		assertThat(row.text()).contains("Last successful poll", "not checked since the tenant was connected",
				"Check access now");
		assertThat(stageSamples(row, "Graph to Vigil")).isPositive();
		assertThat(stageSamples(row, "Detection")).as("the CloudFlare sign-in became evidence").isPositive();
		assertThat(stage(row, "Graph to Vigil").get(3).text()).as("a median").isNotEqualTo("—");
		await().atMost(Duration.ofSeconds(20)).until(() -> simulation.signIns().count(organization, partly) > 0);
		assertThat(stageSamples(section(page(admin, "/admin/operations"), partly), "Graph to Vigil"))
			.as("a new tenant's first polls bring its history: not lag")
			.isZero();
	}

	@Test
	void checkingAccessNamesWhatToGrantAndWhyDetectionsAreOff() throws Exception {
		for (var tenant : List.of(attacked, partly, unlicensed)) {
			var redirect = mvc.perform(as(admin, post("/admin/operations/" + tenant.value() + "/access").with(csrf())))
				.andReturn();
			assertThat(redirect.getResponse().getRedirectedUrl()).isEqualTo("/admin/operations");
		}
		var page = page(admin, "/admin/operations");
		assertThat(section(page, attacked).select(".granted").text()).isEqualTo("everything Vigil needs is granted");
		assertThat(section(page, partly).select("li.missing").eachText())
			.contains("Block and unblock sign-in is unavailable: grant User.EnableDisableAccount.All",
					"Reset passwords is unavailable: grant User-PasswordProfile.ReadWrite.All")
			.noneMatch(problem -> problem.startsWith("Revoke sessions is unavailable"));
		assertThat(section(page, unlicensed).text()).contains(
				"none: without Entra ID P1 or P2 Graph gives no sign-in logs",
				"No Entra ID P1 or P2 licence: Graph gives no sign-in logs, so nothing is detected");
		assertThat(simulation.jdbc()
			.sql("select licence from tenant_access_check where managed_tenant_id = ?")
			.param(unlicensed.value())
			.query(String.class)
			.single()).isEqualTo("UNLICENSED");
	}

	@Test
	void aSourceTheTenantRefusesIsNamedWithItsReasonWhileTheOthersAreRead() throws Exception {
		// none of these tenants has Entra ID P2: Graph refuses their risk detections
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(sources(page(admin, "/admin/operations"), attacked))
				.anyMatch(source -> source.startsWith("risk detections: not read until")
						&& source.contains("is not licensed for its risk detections")));
		assertThat(sources(page(admin, "/admin/operations"), attacked))
			.anyMatch(source -> source.matches("directory audits: read, [0-9]+ records? stored.*"));
		assertThat(sources(page(admin, "/admin/operations"), unlicensed))
			.contains("directory audits: not read while the tenant is unlicensed");
	}

	@Test
	void anotherOrganizationsAdminCannotCheckOrSeeTheseTenants() throws Exception {
		var other = simulation.tenants().createOrganization("Other MSP " + UUID.randomUUID()).id();
		var stranger = TestSignIn.as(simulation.jdbc(), other, Role.ORG_ADMIN);
		var answer = mvc.perform(as(stranger, post("/admin/operations/" + attacked.value() + "/access").with(csrf())))
			.andReturn();
		assertThat(answer.getResponse().getStatus()).isEqualTo(404);
		assertThat(simulation.jdbc()
			.sql("select count(*) from tenant_access_check where managed_tenant_id = ?")
			.param(attacked.value())
			.query(Long.class)
			.single()).isZero();
		var theirs = page(stranger, "/admin/operations");
		assertThat(theirs.select("section.ops-tenant")).isEmpty();
		assertThat(theirs.html()).doesNotContain("Compromised", attacked.value().toString());
	}

	@Test
	void onlyOrganizationAdminsOpenThePage() throws Exception {
		for (var role : List.of(Role.RESPONDER, Role.READ_ONLY)) {
			var someone = TestSignIn.as(simulation.jdbc(), organization, role);
			assertThat(mvc.perform(as(someone, get("/admin/operations"))).andReturn().getResponse().getStatus())
				.isEqualTo(403);
			assertThat(mvc.perform(as(someone, post("/admin/operations/" + attacked.value() + "/access").with(csrf())))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
		}
		var customer = TestSignIn.as(simulation.jdbc(), organization, Role.TENANT_ADMIN, java.util.Set.of(attacked));
		assertThat(mvc.perform(as(customer, get("/admin/operations"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(page(admin, "/").select("#admin-menu a").eachAttr("href")).contains("/admin/operations");
	}

	@Test
	void outstandingEventsOfTheOrganizationAreListedAndOnlyThose() throws Exception {
		// an organization without polled tenants: none of its own events are in flight
		// while the test reads
		var quiet = simulation.tenants().createOrganization("Quiet MSP " + UUID.randomUUID()).id();
		publication("io.vigil.ingest.SignInsIngested", quiet.value(), 0, Duration.ofMinutes(7));
		publication("io.vigil.ingest.SignInsIngested", quiet.value(), 4, Duration.ofMinutes(3));
		publication("io.vigil.detection.SignInsMatched", organization.value(), 0, Duration.ofMinutes(1));
		var page = page(TestSignIn.as(simulation.jdbc(), quiet, Role.ORG_ADMIN), "/admin/operations");
		assertThat(page.select("#events tbody tr").eachText()).containsExactly("SignInsIngested 1 1 7 min");
	}

	/**
	 * Percentiles over the stored timestamps; sign-ins before the period do not count,
	 * nor those from before polling began (the first polls' backfill: their age is
	 * history, not lag).
	 */
	@Test
	void theIngestStageIsMeasuredFromTheSignInToItsCommit() {
		var org = UUID.randomUUID();
		var tenant = UUID.randomUUID();
		var now = Instant.now();
		simulation.jdbc()
			.sql("insert into ingest_tenant_state (managed_tenant_id, organization_id, next_poll_at, tracked_since) "
					+ "values (?, ?, ?, ?)")
			.params(tenant, org, Timestamp.from(now.plus(Duration.ofDays(1))),
					Timestamp.from(now.minus(Duration.ofHours(2))))
			.update();
		for (long seconds : new long[] { 10, 20, 30, 100 }) {
			signIn(org, tenant, now.minus(Duration.ofHours(1)), seconds);
		}
		signIn(org, tenant, now.minus(Duration.ofDays(3)), 5000);
		signIn(org, tenant, now.minus(Duration.ofHours(3)), 3 * 3600);
		var lag = simulation.signIns()
			.ingestLag(new OrganizationId(org), new ManagedTenantId(tenant), now.minus(Duration.ofDays(1)));
		assertThat(lag.samples()).isEqualTo(4);
		assertThat(lag.median()).isEqualTo(Duration.ofSeconds(25));
		assertThat(lag.p95()).isEqualTo(Duration.ofMillis(89_500));
		assertThat(lag.max()).isEqualTo(Duration.ofSeconds(100));
	}

	private void signIn(UUID org, UUID tenant, Instant at, long lagSeconds) {
		simulation.jdbc()
			.sql("""
					insert into sign_in (organization_id, managed_tenant_id, graph_id, created_at, event_type, record, ingested_at)
					values (?, ?, ?, ?, 'interactiveUser', convert_to('{}', 'UTF8'), ?)""")
			.params(org, tenant, UUID.randomUUID().toString(), Timestamp.from(at),
					Timestamp.from(at.plusSeconds(lagSeconds)))
			.update();
	}

	private void publication(String type, UUID org, int attempts, Duration age) {
		simulation.jdbc()
			.sql("""
					insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
					  completion_attempts) values (?, 'operations-page-test', ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), type, "{\"organizationId\":{\"value\":\"" + org + "\"}}",
					Timestamp.from(Instant.now().minus(age)), attempts)
			.update();
	}

	private static Element section(Document page, ManagedTenantId tenant) {
		var section = page.getElementById("tenant-" + tenant.value());
		assertThat(section).as("the tenant's section").isNotNull();
		return section;
	}

	private static List<String> sources(Document page, ManagedTenantId tenant) {
		return section(page, tenant).select(".sources .line").eachText();
	}

	/** The cells of a stage's row in a tenant's stages table. */
	private static Elements stage(Element section, String stage) {
		var row = section.select(".stages tr:has(td:eq(0):containsOwn(" + stage + "))");
		assertThat(row).as(stage + " row").hasSize(1);
		return row.first().select("td");
	}

	private static long stageSamples(Element section, String stage) {
		return Long.parseLong(stage(section, stage).get(2).text());
	}

	private Document page(Object who, String path) throws Exception {
		var response = mvc.perform(as(who, get(path))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}

	private static MockHttpServletRequestBuilder as(Object who, MockHttpServletRequestBuilder request) {
		return request.with(authentication(TestSignIn.token(who)));
	}

}
