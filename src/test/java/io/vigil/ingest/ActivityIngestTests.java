package io.vigil.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.graph.ActivitySource;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.TenantStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Directory audits and risk detections through the real path: HTTPS to the simulator, the
 * shared budget, PostgreSQL. Every count is exact, across pages, duplicates, late records
 * and quarantine; a tenant without Entra ID P2 is marked for risk detections alone while
 * its sign-ins and audits flow.
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "app.graph.simulator.scenario=classpath:simulator/activity.yml",
		"app.ingest.deep-scan-interval=PT0S", "app.ingest.horizon=PT5H", "app.ingest.activity-poll-interval=PT1S" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ActivityIngestTests {

	static final String FOXTROT = "f0000000-0000-4000-8000-00000000000f";

	static final String GOLF = "90000000-0000-4000-8000-000000000009";

	static final String AUDIT = "directoryAudit";

	static final String RISK = "riskDetection";

	@Autowired
	Simulation simulation;

	@Autowired
	ActivityLog activityLog;

	OrganizationId organization;

	java.util.Map<String, ManagedTenant> connected;

	Set<String> visibleBeforeLate;

	@BeforeAll
	void connectAndIngest() {
		var msp = simulation.organization("Activity MSP");
		organization = msp.id();
		connected = msp.connectAll();
		visibleBeforeLate = SimulatorProbe.visibleActivityIds(simulation.simulator(), FOXTROT, AUDIT);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(graphIds(FOXTROT, AUDIT))
				.isEqualTo(SimulatorProbe.visibleActivityIds(simulation.simulator(), FOXTROT, AUDIT));
			assertThat(graphIds(FOXTROT, RISK))
				.isEqualTo(SimulatorProbe.visibleActivityIds(simulation.simulator(), FOXTROT, RISK));
			assertThat(graphIds(GOLF, AUDIT))
				.isEqualTo(SimulatorProbe.visibleActivityIds(simulation.simulator(), GOLF, AUDIT));
		});
	}

	@Test
	void storesExactlyTheAuditsGraphListsAcrossPages() {
		var visible = SimulatorProbe.visibleActivityIds(simulation.simulator(), FOXTROT, AUDIT);
		// 450 everyday audits, a tenth listed late; 3 malformed; 3 attacker audits after
		// the takeover
		assertThat(visible).hasSizeBetween(380, 440);
		assertThat(graphIds(FOXTROT, AUDIT)).isEqualTo(visible);
		assertThat(activityLog.count(organization, tenant(FOXTROT), ActivitySource.DIRECTORY_AUDITS))
			.isEqualTo(visible.size());
		var pages = simulation.simulator()
			.requests(FOXTROT)
			.stream()
			.filter(r -> r.path().equals("/v1.0/auditLogs/directoryAudits") && r.query() != null
					&& r.query().contains("$skiptoken"))
			.count();
		assertThat(pages).as("follow-up pages fetched through @odata.nextLink").isGreaterThanOrEqualTo(1);
	}

	@Test
	void storesDuplicatesOnce() {
		assertThat(SimulatorProbe.visibleActivityDuplicates(simulation.simulator(), FOXTROT, AUDIT))
			.as("Graph listed duplicates")
			.isPositive();
		var rows = simulation.jdbc()
			.sql("select count(*) from activity_record where managed_tenant_id = ? and source = ?")
			.params(tenant(FOXTROT).value(), AUDIT)
			.query(Long.class)
			.single();
		assertThat(rows).isEqualTo(graphIds(FOXTROT, AUDIT).size());
	}

	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE) // makes everything visible: last
	void picksUpAuditsListedLateByTheDeepRescan() {
		SimulatorProbe.advanceVisibility(simulation.simulator(), Duration.ofHours(5));
		var all = SimulatorProbe.visibleActivityIds(simulation.simulator(), FOXTROT, AUDIT);
		assertThat(all).as("late audits are listed now").hasSizeGreaterThan(visibleBeforeLate.size());
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(graphIds(FOXTROT, AUDIT)).isEqualTo(all));
	}

	@Test
	void quarantinesMalformedAuditsAndKeepsTheirPages() {
		var quarantined = simulation.jdbc()
			.sql("select graph_id, error from sign_in_quarantine where managed_tenant_id = ? and event_type = ?")
			.params(tenant(FOXTROT).value(), AUDIT)
			.query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
			.list();
		assertThat(quarantined).extracting(row -> row.get(0))
			.containsExactlyInAnyOrderElementsOf(
					SimulatorProbe.visibleMalformedActivityIds(simulation.simulator(), FOXTROT, AUDIT))
			.isNotEmpty();
		assertThat(quarantined)
			.allSatisfy(row -> assertThat(row.get(1)).contains("activityDateTime is not a timestamp"));
	}

	@Test
	void storesRiskDetectionsOfTheP2Tenant() {
		var detections = simulation.jdbc()
			.sql("""
					select activity, result, account_ids[1], host(ip_address) from activity_record
					where managed_tenant_id = ? and source = ? order by occurred_at""")
			.params(tenant(FOXTROT).value(), RISK)
			.query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
					String.valueOf(rs.getString(4))))
			.list();
		var victim = simulation.simulator().user(FOXTROT, 3);
		assertThat(detections).contains(List.of("attackerinTheMiddle", "high", victim, "104.16.10.20"));
		assertThat(detections).extracting(d -> d.get(0)).contains("suspiciousInboxForwarding", "passwordSpray");
		assertThat(detections.stream().filter(d -> d.get(0).equals("passwordSpray")).count())
			.as("one per account the spray tried")
			.isEqualTo(5);
	}

	@Test
	void marksAP1TenantForRiskDetectionsAloneWhileItsOtherSourcesFlow() {
		var golf = tenant(GOLF);
		var refused = activityLog.refusedSources(organization, java.time.Instant.now());
		assertThat(refused).singleElement().satisfies(source -> {
			assertThat(source.managedTenantId()).isEqualTo(golf);
			assertThat(source.source()).isEqualTo(ActivitySource.RISK_DETECTIONS);
			assertThat(source.reason()).contains("not licensed");
			assertThat(source.until()).isAfter(java.time.Instant.now().plus(Duration.ofHours(5)));
		});
		assertThat(simulation.tenants().find(organization, golf).orElseThrow().status())
			.isEqualTo(TenantStatus.CONNECTED);
		assertThat(simulation.signIns().count(organization, golf))
			.isEqualTo(SimulatorProbe.visibleSignInIds(simulation.simulator(), GOLF).size())
			.isPositive();
		assertThat(graphIds(GOLF, AUDIT)).hasSize(60);
		var riskRequests = simulation.simulator()
			.requests(GOLF)
			.stream()
			.filter(r -> r.path().equals("/v1.0/identityProtection/riskDetections"))
			.count();
		assertThat(riskRequests).as("a refused source is not asked again every poll").isEqualTo(1);
	}

	@Test
	void keepsTheAccountsEachAuditIsAbout() {
		var victim = simulation.simulator().user(FOXTROT, 3);
		var attackerAudits = SimulatorProbe.attackerAuditIds(simulation.simulator(), FOXTROT, victim);
		assertThat(attackerAudits).hasSize(3);
		var forVictim = activityLog.forAccount(organization, tenant(FOXTROT), victim, java.time.Instant.EPOCH,
				java.time.Instant.now(), 100);
		assertThat(forVictim).extracting(StoredActivity::graphId).containsAll(attackerAudits);
		assertThat(forVictim).filteredOn(a -> attackerAudits.contains(a.graphId()))
			.allSatisfy(a -> assertThat(a.ipAddress()).isEqualTo("104.16.10.20"))
			.extracting(StoredActivity::activity)
			.containsExactlyInAnyOrder("User registered security info", "Consent to application",
					"Add delegated permission grant");
	}

	private Set<String> graphIds(String entraTenantId, String source) {
		return simulation.jdbc()
			.sql("select graph_id from activity_record where managed_tenant_id = ? and source = ?")
			.params(tenant(entraTenantId).value(), source)
			.query(String.class)
			.set();
	}

	private ManagedTenantId tenant(String entraTenantId) {
		return connected.get(entraTenantId).id();
	}

}
