package io.vigil.detection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.incidents.Incident;
import io.vigil.incidents.IncidentStatus;
import io.vigil.ingest.SignInsIngested;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's attack scenarios, ingested end to end, produce exactly the expected
 * incidents (rule, account, grouped evidence) and none from ordinary traffic; redelivered
 * pages add nothing; a retro-hunt reports without raising incidents.
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/attacks.yml")
class DetectionIntegrationTests {

	static final String ALPHA = "a77ac000-0000-4000-8000-000000000001";

	static final String BRAVO = "a77ac000-0000-4000-8000-000000000002";

	static final String RULE_1143 = "RULE-1143";

	static final String AXIOS = "ea1a07f0-3dac-47a2-aeb4-86f5379ba2b4";

	static final String MFA_DENIED = "e40f4962-b02b-4192-9bfe-245f7ece1f99";

	@Autowired
	Simulation simulation;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	@Autowired
	RetroHunt retroHunt;

	static final String USER_CONSENT = "9b2cc4c4-2ad4-416d-8e8e-ee6aa6f5035a";

	@Test
	void attacksBecomeExactlyTheExpectedIncidents() {
		var msp = simulation.organization("Attacked MSP");
		var organization = msp.id();
		var alpha = msp.connect(ALPHA, "Attacked Alpha");
		var bravo = msp.connect(BRAVO, "Attacked Bravo");
		msp.awaitIngested(alpha, ALPHA);
		msp.awaitIngested(bravo, BRAVO);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(totalEvidence(organization)).isEqualTo(35));
		// each account taken over consents to a mail-reading app (directory audits): the
		// shipped
		// consent rule raises one incident per account, with no sign-in as evidence
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(simulation.incidents().recent(organization, null, 100)).hasSize(10));
		var all = simulation.incidents().recent(organization, null, 100);
		assertThat(all).extracting(Incident::managedTenantId, Incident::ruleId, Incident::signInCount)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(alpha, RULE_1143, 2),
					org.assertj.core.groups.Tuple.tuple(alpha, AXIOS, 4),
					org.assertj.core.groups.Tuple.tuple(bravo, MFA_DENIED, 5),
					org.assertj.core.groups.Tuple.tuple(bravo, RULE_1143, 1),
					// Bravo's spray tries 20 accounts (RULE-1201); Alpha's tries only 5:
					// no spray
					org.assertj.core.groups.Tuple.tuple(bravo, "RULE-1201", 20),
					// the axios replay succeeds twice from DigitalOcean, the MFA-fatigued
					// account once from M247
					org.assertj.core.groups.Tuple.tuple(alpha, "RULE-1206", 2),
					org.assertj.core.groups.Tuple.tuple(bravo, "RULE-1206", 1),
					org.assertj.core.groups.Tuple.tuple(alpha, USER_CONSENT, 0),
					org.assertj.core.groups.Tuple.tuple(alpha, USER_CONSENT, 0),
					org.assertj.core.groups.Tuple.tuple(bravo, USER_CONSENT, 0));
		assertThat(all).filteredOn(incident -> incident.ruleId().equals(USER_CONSENT))
			.allSatisfy(incident -> assertThat(simulation.incidents().activities(organization, incident.id()))
				.singleElement()
				.satisfies(record -> assertThat(record.evidence().get("activity").toString())
					.startsWith("Consent to application: Mail Backup Sync")));

		// the attacker's authenticator and consent arrive in the directory audits
		await().atMost(Duration.ofSeconds(30))
			.until(() -> only(simulation.incidents().recent(organization, null, 100), alpha, RULE_1143)
				.postCompromiseAt() != null);
		all = simulation.incidents().recent(organization, null, 100);
		var cloudflare = only(all, alpha, RULE_1143);
		assertThat(cloudflare.accountUpn())
			.isEqualTo(single(alpha, "ip_address <<= '104.16.0.0/13' or ip_address <<= '2606:4700::/32'"));
		assertThat(cloudflare.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(cloudflare.severityBeforePostCompromise()).isEqualTo(Severity.HIGH);
		assertThat(cloudflare.status()).isEqualTo(IncidentStatus.NEW);
		assertThat(cloudflare.checklist().getFirst().id()).isEqualTo("recognised");
		assertThat(cloudflare.firstSeen()).isBefore(cloudflare.lastSeen());
		assertThat(cloudflare.detectionLatencyMillis()).isBetween(0L, 30_000L);
		assertThat(simulation.incidents().signIns(organization, cloudflare.id())).hasSize(2).allSatisfy(signIn -> {
			@SuppressWarnings("unchecked")
			var ip = (Map<String, Object>) signIn.evidence().get("ip");
			assertThat(ip).containsEntry("cloudflare", true)
				.containsEntry("hosting", true)
				.containsEntry("asOrganization", "Cloudflare, Inc.")
				.containsEntry("country", "NL")
				.containsKeys("otherAccountsInTenant", "accountsInOtherTenants", "otherTenants");
			assertThat(signIn.evidence()).containsEntry("errorCode", 0);
		});
		assertThat(simulation.incidents().timeline(organization, cloudflare.id())).extracting(entry -> entry.kind())
			.containsExactly("opened", "sign-in-matched", "sign-in-matched", "post-compromise");

		var axios = only(all, alpha, AXIOS);
		assertThat(axios.accountUpn()).isEqualTo(singleWithRecord(organization, alpha, "\"userAgent\":\"axios/"));
		var mfa = only(all, bravo, MFA_DENIED);
		assertThat(mfa.accountUpn()).isEqualTo(single(bravo, "error_code = 500121"));
		var warp = only(all, bravo, RULE_1143);
		assertThat(warp.accountUpn()).isEqualTo(mfa.accountUpn());
		assertThat(simulation.incidents().signIns(organization, warp.id()).getFirst().evidence().get("matched"))
			.isEqualTo(Map.of("successful", true, "cloudflare_range", false, "cloudflare_asn", true));

		@SuppressWarnings("unchecked")
		var mfaAddress = (Map<String, Object>) simulation.incidents()
			.signIns(organization, mfa.id())
			.getFirst()
			.evidence()
			.get("ip");
		assertThat(mfaAddress).containsEntry("otherAccountsInTenant", 0)
			.containsEntry("accountsInOtherTenants", 0)
			.containsEntry("asOrganization", "M247 Europe SRL")
			.containsEntry("hosting", true)
			.containsEntry("cloudflare", false);
		var spray = only(all, bravo, "RULE-1201");
		assertThat(spray.dedupKey()).isEqualTo("source=ip=185.220.101.10");
		var pattern = (Map<?, ?>) simulation.incidents()
			.signIns(organization, spray.id())
			.getFirst()
			.evidence()
			.get("pattern");
		assertThat(pattern.get("source")).isEqualTo("ip=185.220.101.10");
		// as many accounts as were stored when the page crossing the threshold was
		// evaluated
		assertThat(((Number) pattern.get("accountsFailed")).intValue()).isBetween(10, 20);
		var sprayed = simulation.jdbc()
			.sql("select min(user_id) from sign_in where managed_tenant_id = ? and ip_address = '185.220.101.10'")
			.param(bravo.value())
			.query(String.class)
			.single();
		var since = java.time.Instant.now().minus(Duration.ofDays(7));
		var activity = simulation.signIns().activityFrom(organization, bravo, sprayed, "185.220.101.10", since);
		assertThat(activity).isEqualTo(new io.vigil.ingest.AddressActivity(19, 5, 1));

		redeliveryAddsNothing(organization, alpha);
		retroHuntReportsWithoutRaising(organization, bravo);
	}

	private void redeliveryAddsNothing(OrganizationId organization, ManagedTenantId alpha) {
		var ids = simulation.jdbc()
			.sql("select id from sign_in where managed_tenant_id = ?")
			.param(alpha.value())
			.query(Long.class)
			.list();
		simulation.publish(new SignInsIngested(organization, alpha, ids, java.time.Instant.now()));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(totalEvidence(organization)).isEqualTo(35);
			assertThat(simulation.incidents().recent(organization, null, 100)).hasSize(10);
		});
	}

	private void retroHuntReportsWithoutRaising(OrganizationId organization, ManagedTenantId bravo) {
		var spray = """
				title: Failed password from a Tor exit range
				id: 0f3b7c1e-0000-4000-8000-00000000beef
				logsource: { product: azure, service: signinlogs }
				detection:
				  selection:
				    ResultType: 50126
				    IPAddress|cidr: 185.220.101.0/24
				  condition: selection
				""";
		var now = java.time.Instant.now();
		var report = retroHunt.hunt(organization,
				new RetroHunt.Request(bravo, now.minus(Duration.ofHours(3)), now, spray, Set.of(), false));
		assertThat(report.scanned()).isEqualTo(simulation.signIns().count(organization, bravo));
		assertThat(report.matched()).isEqualTo(20);
		assertThat(report.hits()).extracting(RetroHunt.Hit::accountUpn).doesNotHaveDuplicates().hasSize(20);
		assertThat(simulation.incidents().recent(organization, bravo, 100)).hasSize(5);

		var raised = retroHunt.hunt(organization,
				new RetroHunt.Request(bravo, now.minus(Duration.ofHours(3)), now, null, Set.of(MFA_DENIED), true));
		assertThat(raised.matched()).isEqualTo(5);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(totalEvidence(organization)).isEqualTo(35));
	}

	private long totalEvidence(OrganizationId organization) {
		return simulation.incidents().recent(organization, null, 100).stream().mapToLong(Incident::signInCount).sum();
	}

	private static Incident only(List<Incident> all, ManagedTenantId tenant, String rule) {
		return all.stream()
			.filter(i -> i.managedTenantId().equals(tenant) && i.ruleId().equals(rule))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The one account whose stored records contain {@code text} (records are compressed:
	 * read through the log).
	 */
	private String singleWithRecord(io.vigil.shared.OrganizationId organization, ManagedTenantId tenant, String text) {
		var accounts = new java.util.HashSet<String>();
		simulation.signIns()
			.forEach(organization, tenant, java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z"),
					signIn -> {
						if (signIn.record().contains(text)) {
							accounts.add(json.readTree(signIn.record()).path("userPrincipalName").asString());
						}
					});
		assertThat(accounts).hasSize(1);
		return accounts.iterator().next();
	}

	private String single(ManagedTenantId tenant, String condition) {
		return simulation.jdbc()
			.sql("select distinct user_principal_name from sign_in where managed_tenant_id = ? and (" + condition + ")")
			.param(tenant.value())
			.query(String.class)
			.single();
	}

}
