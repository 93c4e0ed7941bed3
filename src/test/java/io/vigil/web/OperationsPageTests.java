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
		assertThat(page).contains("Compromised &lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)");
		var row = section(page, attacked);
		assertThat(row).contains("Last successful poll", "Graph to Vigil", "Detection", "Notification",
				"not checked since the tenant was connected", "Check access now");
		assertThat(stageSamples(row, "Graph to Vigil")).isPositive();
		assertThat(stageSamples(row, "Detection")).as("the CloudFlare sign-in became evidence").isPositive();
		assertThat(row).doesNotContainPattern("Graph to Vigil</td>\\s*<td[^>]*>[^<]*</td>\\s*<td>[0-9]+</td>\\s*<td>—");
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
		assertThat(section(page, attacked)).contains("everything Vigil needs is granted");
		assertThat(section(page, partly))
			.contains("Block and unblock sign-in is unavailable: grant User.EnableDisableAccount.All",
					"Reset passwords is unavailable: grant User-PasswordProfile.ReadWrite.All")
			.doesNotContain("Revoke sessions is unavailable");
		assertThat(section(page, unlicensed)).contains("none: without Entra ID P1 or P2 Graph gives no sign-in logs",
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
			.untilAsserted(() -> assertThat(section(page(admin, "/admin/operations"), attacked))
				.contains("risk detections: not read until")
				.contains("is not licensed for its risk detections"));
		var row = section(page(admin, "/admin/operations"), attacked);
		assertThat(row).containsPattern("directory audits: read, [0-9]+ records? stored");
		assertThat(section(page(admin, "/admin/operations"), unlicensed))
			.contains("directory audits: not read while the tenant is unlicensed");
		assertThat(row).contains("Last successful poll");
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
		assertThat(page(stranger, "/admin/operations")).doesNotContain("Compromised", attacked.value().toString());
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
		var customer = TestSignIn.principal(simulation.jdbc(),
				new io.vigil.security.VigilUser(UUID.randomUUID(), organization,
						"it-" + UUID.randomUUID() + "@customer.example", "Customer IT", Role.TENANT_ADMIN,
						java.util.Set.of(attacked), true, false));
		assertThat(mvc.perform(as(customer, get("/admin/operations"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(page(admin, "/")).contains("/admin/operations");
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
		assertThat(page).contains("<td>SignInsIngested</td>").doesNotContain("SignInsMatched");
		var row = page.substring(page.indexOf("<td>SignInsIngested</td>"));
		assertThat(row.substring(0, row.indexOf("</tr>")))
			.containsPattern("<td>1</td>\\s*<td[^>]*>1</td>\\s*<td>7 min</td>");
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

	private static String section(String page, ManagedTenantId tenant) {
		var start = page.indexOf("id=\"tenant-" + tenant.value() + "\"");
		assertThat(start).as("the tenant's section").isNotNegative();
		return page.substring(start, page.indexOf("</section>", start));
	}

	private static long stageSamples(String section, String stage) {
		var matcher = java.util.regex.Pattern.compile(stage + "</td>\\s*<td[^>]*>[^<]*</td>\\s*<td>([0-9]+)</td>")
			.matcher(section);
		assertThat(matcher.find()).as(stage + " row").isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private String page(Object who, String path) throws Exception {
		var response = mvc.perform(as(who, get(path))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

	private static MockHttpServletRequestBuilder as(Object who, MockHttpServletRequestBuilder request) {
		return request.with(authentication(TestSignIn.token(who)));
	}

}
