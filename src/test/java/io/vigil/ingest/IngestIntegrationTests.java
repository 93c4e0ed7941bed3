package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.graph.simulator.RecordedRequest;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenant;
import io.vigil.tenants.TenantStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real PostgreSQL, real HTTPS to the simulator, real msal4j: four tenants, of which two
 * ingest (one through 429s and 503s), one has no licence and one revoked its consent.
 * Every count is exact.
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/ingest-exact.yml")
@Import(IngestedEventsRecorder.class)
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestIntegrationTests {

	static final String ALPHA = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String BRAVO = "bbbbbbbb-0000-4000-8000-000000000002";

	static final String CHARLIE = "cccccccc-0000-4000-8000-000000000003";

	static final String DELTA = "dddddddd-0000-4000-8000-000000000004";

	@Autowired
	Simulation simulation;

	@Autowired
	IngestedEventsRecorder recorder;

	OrganizationId organization;

	Map<String, ManagedTenant> connected;

	@BeforeAll
	void connectTenantsAndIngest() {
		var msp = simulation.organization("Ingest test MSP");
		organization = msp.id();
		connected = msp.connectAll();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(count(ALPHA)).isEqualTo(1798);
			assertThat(count(BRAVO)).isEqualTo(600);
			assertThat(status(CHARLIE)).isEqualTo(TenantStatus.UNLICENSED);
			assertThat(status(DELTA)).isEqualTo(TenantStatus.CONSENT_REVOKED);
		});
	}

	@Test
	void storesExactlyWhatGraphListsAcrossSeveralPages() {
		// 1800 normal sign-ins + 2 attack sign-ins - 4 malformed = 1798; 600 for Bravo.
		assertThat(graphIds(ALPHA)).isEqualTo(SimulatorProbe.visibleSignInIds(simulation.simulator(), ALPHA))
			.hasSize(1798);
		assertThat(graphIds(BRAVO)).isEqualTo(SimulatorProbe.visibleSignInIds(simulation.simulator(), BRAVO))
			.hasSize(600);
		var pages = signInLists(ALPHA).stream().filter(r -> r.query().contains("$skiptoken")).count();
		assertThat(pages).as("follow-up pages fetched through @odata.nextLink").isGreaterThanOrEqualTo(8);
		assertThat(signInLists(ALPHA)).filteredOn(r -> r.status() == 200)
			.as("pages asked for and read gzip-compressed, as Graph serves them")
			.isNotEmpty()
			.allMatch(RecordedRequest::gzipped);
	}

	@Test
	void pollsInteractiveAndNonInteractiveSignIns() {
		var types = simulation.jdbc()
			.sql("select event_type, count(*) from sign_in where managed_tenant_id = ? group by 1")
			.param(tenant(ALPHA).value())
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list();
		assertThat(types).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("interactiveUser", "nonInteractiveUser");
		assertThat(signInLists(ALPHA)).extracting(RecordedRequest::query)
			.anyMatch(q -> q.contains("nonInteractiveUser"))
			.anyMatch(q -> q.contains("interactiveUser"));
	}

	@Test
	void storesDuplicatesOnce() {
		assertThat(SimulatorProbe.visibleDuplicates(simulation.simulator(), ALPHA)).as("Graph listed duplicates")
			.isGreaterThan(50);
		var distinct = simulation.jdbc()
			.sql("select count(distinct graph_id) from sign_in where managed_tenant_id = ?")
			.param(tenant(ALPHA).value())
			.query(Long.class)
			.single();
		assertThat(distinct).isEqualTo(count(ALPHA));
	}

	@Test
	void quarantinesMalformedRecordsAndKeepsTheirPages() {
		var quarantined = simulation.jdbc()
			.sql("select graph_id, error, raw_record from sign_in_quarantine where managed_tenant_id = ?")
			.param(tenant(ALPHA).value())
			.query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		assertThat(quarantined).hasSize(4);
		assertThat(quarantined).extracting(row -> row.get(0))
			.containsExactlyInAnyOrderElementsOf(SimulatorProbe.visibleMalformedIds(simulation.simulator(), ALPHA));
		assertThat(quarantined).allSatisfy(row -> {
			assertThat(row.get(1)).contains("createdDateTime is not a timestamp");
			assertThat(row.get(2)).contains(row.get(0)).contains("not-a-timestamp");
		});
		assertThat(simulation.signIns().quarantined(organization, tenant(ALPHA))).isEqualTo(4);
	}

	@Test
	void honoursRetryAfter() {
		var lists = signInLists(BRAVO);
		var throttled = 0;
		for (int i = 0; i < lists.size() - 1; i++) {
			if (lists.get(i).status() == 429) {
				throttled++;
				assertThat(lists.get(i + 1).at()).as("no request before Retry-After has passed")
					.isAfterOrEqualTo(lists.get(i).at().plusSeconds(2));
			}
		}
		assertThat(throttled).isGreaterThanOrEqualTo(2);
		assertThat(lists).anyMatch(r -> r.status() == 503);
	}

	@Test
	void neverExceedsTheTenantBudget() {
		// Test budget: 5 requests per 2 s window per tenant (production: 5 per 10 s).
		for (var tenant : List.of(ALPHA, BRAVO)) {
			var times = signInLists(tenant).stream().map(RecordedRequest::at).sorted().toList();
			for (int i = 0; i + 5 < times.size(); i++) {
				assertThat(Duration.between(times.get(i), times.get(i + 5)))
					.as("six requests of %s within one window: %s", tenant,
							signInLists(tenant).stream().map(r -> r.at() + " " + r.status() + " " + r.query()).toList())
					.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
			}
		}
	}

	@Test
	void marksRefusingTenantsWithTheReasonAndKeepsTheOthersGoing() {
		var charlie = simulation.tenants().find(organization, tenant(CHARLIE)).orElseThrow();
		assertThat(charlie.statusReason()).contains("no Entra ID P1/P2 licence");
		var delta = simulation.tenants().find(organization, tenant(DELTA)).orElseThrow();
		assertThat(delta.statusReason()).contains("AADSTS700016");
		assertThat(status(ALPHA)).isEqualTo(TenantStatus.CONNECTED);
		assertThat(status(BRAVO)).isEqualTo(TenantStatus.CONNECTED);
		assertThat(simulation.signIns().health(organization, tenant(CHARLIE)).orElseThrow().nextPollAt())
			.as("a tenant without licence is retried hours later, not every tick")
			.isAfter(Instant.now().plus(Duration.ofHours(5)));
		// Bravo answers every third request with 429 and every seventh with 503: complete
		// polls still happen between them
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					simulation.signIns().health(organization, tenant(BRAVO)).orElseThrow().lastSuccessAt())
				.isNotNull());
	}

	@Test
	void publishesEachNewSignInOnceAfterCommit() {
		var ids = recorder.ids();
		assertThat(new HashSet<>(ids)).as("no id published twice").hasSameSizeAs(ids);
		var stored = simulation.jdbc().sql("select id from sign_in").query(Long.class).set();
		assertThat(new HashSet<>(ids)).isEqualTo(stored);
		assertThat(recorder.events()).allSatisfy(event -> assertThat(event.organizationId()).isEqualTo(organization));
	}

	@Test
	void extractsColumnsAndStoresTheRecordAsGraphSentItCompressed() {
		var attack = simulation.jdbc()
			.sql("""
					select id, host(ip_address), asn, error_code, country, event_type, length(record)
					from sign_in where managed_tenant_id = ? and asn = 13335 order by created_at limit 1""")
			.param(tenant(ALPHA).value())
			.query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7)))
			.single();
		assertThat(attack.subList(1, 6)).containsExactly("104.16.10.20", "13335", "0", "NL", "interactiveUser");
		var record = simulation.signIns()
			.records(organization, List.of(Long.valueOf(attack.get(0))))
			.getFirst()
			.record();
		assertThat(record).as("as Graph sent it, nulls and empty arrays included")
			.contains("\"sessionLifetimePolicies\":[]")
			.contains("\"autonomousSystemNumber\":13335")
			.contains(
					"\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\"");
		// zstd alone until the organization has a dictionary (RetentionTests covers that)
		assertThat(Integer.parseInt(attack.get(6))).as("stored compressed").isLessThan(record.length() / 2);
		var sizes = new java.util.IntSummaryStatistics();
		simulation.signIns()
			.forEach(organization, tenant(ALPHA), java.time.Instant.EPOCH,
					java.time.Instant.parse("2100-01-01T00:00:00Z"), signIn -> sizes.accept(signIn.record().length()));
		assertThat(sizes.getCount()).isEqualTo(count(ALPHA));
		assertThat(sizes.getMin()).isGreaterThan(1500);
		assertThat(sizes.getMax()).isLessThan(12_000);
	}

	@Test
	void keepsSecretsUnreadableInTheDatabaseAndTheLogs(CapturedOutput output) {
		var secret = simulation.simulator().clientSecret().reveal();
		var rows = simulation.jdbc().sql("select t::text from graph_app_registration t").query(String.class).list();
		assertThat(rows).hasSize(1).allSatisfy(row -> assertThat(row).doesNotContain(secret));
		var ciphertext = simulation.jdbc()
			.sql("select client_secret_ciphertext from graph_app_registration")
			.query(byte[].class)
			.single();
		assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		assertThat(output.getAll()).doesNotContain(secret);
	}

	private long count(String entraTenantId) {
		return simulation.signIns().count(organization, tenant(entraTenantId));
	}

	private TenantStatus status(String entraTenantId) {
		return simulation.tenants().find(organization, tenant(entraTenantId)).orElseThrow().status();
	}

	private ManagedTenantId tenant(String entraTenantId) {
		return connected.get(entraTenantId).id();
	}

	private java.util.Set<String> graphIds(String entraTenantId) {
		return simulation.jdbc()
			.sql("select graph_id from sign_in where managed_tenant_id = ?")
			.param(tenant(entraTenantId).value())
			.query(String.class)
			.set();
	}

	private List<RecordedRequest> signInLists(String entraTenantId) {
		return simulation.simulator().requests(entraTenantId).stream().filter(RecordedRequest::isSignInList).toList();
	}

}
