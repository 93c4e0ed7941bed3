package io.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vigil.MovableClock;
import io.vigil.TestRows;
import io.vigil.VigilIntegrationTest;
import io.vigil.graph.GraphSignIn;
import io.vigil.graph.SignInEventType;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Retention as time passes (a clock the test moves, a hundred days in a few steps): the
 * partitions of the days ahead exist, a day's partition is dropped once every
 * organization's retention has passed it, an organization that keeps less loses its older
 * sign-ins alone, the sign-ins an incident cites stay readable until the incident is
 * gone, and nothing inside the window is lost. Organization admins see and change the
 * retention on a page of its own.
 */
@VigilIntegrationTest
@DirtiesContext
@Import(MovableClock.InContext.class)
// only the test runs retention: a scheduled pass holding the lock would make its own skip
@TestPropertySource(properties = { "app.ingest.scheduling-enabled=false", "app.retention.initial-delay=PT24H",
		"app.retention.interval=PT24H", "app.retention.dictionary-training-interval=PT24H" })
class RetentionTests {

	private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

	@Autowired
	MovableClock clock;

	@Autowired
	DataRetention retention;

	@Autowired
	SignInRetention retentions;

	@Autowired
	SignInDictionaryTraining training;

	@Autowired
	SignInStore store;

	@Autowired
	SignInLog log;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MockMvc mvc;

	OrganizationId keepsLong;

	OrganizationId keepsShort;

	ManagedTenantId longTenant;

	ManagedTenantId shortTenant;

	@BeforeEach
	void twoOrganizations() {
		clock.stopAt(START);
		// the longest retention of any organization decides when a day is dropped:
		// organizations of the other tests keep the default
		jdbc.sql("delete from ingest_retention").update();
		keepsLong = tenants.createOrganization("Keeps 90 days " + UUID.randomUUID()).id();
		keepsShort = tenants.createOrganization("Keeps 30 days " + UUID.randomUUID()).id();
		longTenant = connect(keepsLong);
		shortTenant = connect(keepsShort);
		retentions.change(keepsShort, 30, "admin@short.example");
	}

	@Test
	void daysAreCreatedAheadDroppedWhenDueAndCitedSignInsOutliveThem() {
		retention.run();
		assertThat(retention.partitions()).contains(day(START.minus(Duration.ofDays(1))), day(START),
				day(START.plus(Duration.ofDays(7))));

		// one sign-in a day for ten days in each organization
		var longIds = new ArrayList<Long>();
		var shortIds = new ArrayList<Long>();
		for (int i = 0; i < 10; i++) {
			clock.stopAt(START.plus(Duration.ofDays(i)));
			retention.run();
			longIds.add(insert(keepsLong, longTenant, clock.instant()));
			shortIds.add(insert(keepsShort, shortTenant, clock.instant()));
		}
		var citedLong = longIds.getFirst();
		var citedShort = shortIds.getFirst();
		var incidentLong = TestRows.incidentCiting(jdbc, keepsLong, longTenant, citedLong);
		TestRows.incidentCiting(jdbc, keepsShort, shortTenant, citedShort);

		// day 35: the short retention (30 days) has passed its first five days; the long
		// one nothing
		clock.stopAt(START.plus(Duration.ofDays(35)));
		retention.run();
		assertThat(log.count(keepsShort, shortTenant)).isEqualTo(5);
		assertThat(log.count(keepsLong, longTenant)).isEqualTo(10);
		assertThat(retention.partitions()).contains(day(START), day(START.plus(Duration.ofDays(42))));
		assertThat(log.records(keepsShort, List.of(citedShort))).singleElement()
			.satisfies(signIn -> assertThat(signIn.record()).contains("\"id\":\"" + signIn.graphId() + "\""));
		assertThat(log.records(keepsShort, shortIds.subList(1, 5))).as("not cited: gone").isEmpty();
		assertThat(log.records(keepsShort, shortIds.subList(5, 10))).as("inside the window: all there").hasSize(5);

		// day 95: every organization's retention has passed the first five days: their
		// partitions go
		clock.stopAt(START.plus(Duration.ofDays(95)));
		retention.run();
		assertThat(retention.partitions()).doesNotContain(day(START), day(START.plus(Duration.ofDays(4))))
			.contains(day(START.plus(Duration.ofDays(5))), day(START.plus(Duration.ofDays(102))));
		assertThat(log.count(keepsLong, longTenant)).isEqualTo(5);
		assertThat(log.records(keepsLong, longIds)).extracting(StoredSignIn::id)
			.containsExactlyElementsOf(concat(citedLong, longIds.subList(5, 10)));
		assertThat(log.facts(keepsLong, List.of(citedLong))).singleElement()
			.satisfies(facts -> assertThat(facts.ipAddress()).isEqualTo("192.0.2.10"));
		assertThat(log.records(keepsLong, List.of(citedShort))).as("another organization's cited sign-in").isEmpty();

		// the incident goes: so does the sign-in it kept
		jdbc.sql("delete from incident where id = ?").param(incidentLong).update();
		retention.run();
		assertThat(log.records(keepsLong, List.of(citedLong))).isEmpty();
		assertThat(log.records(keepsShort, List.of(citedShort))).hasSize(1);
	}

	@Test
	void aSignInDatedOutsideTheDaysCreatedMovesIntoItsDayOrGoesWithRetention() {
		retention.run();
		var early = insert(keepsLong, longTenant, START.minus(Duration.ofDays(200)));
		var late = insert(keepsLong, longTenant, START.plus(Duration.ofDays(20)));
		assertThat(partitionOf(late)).isEqualTo("sign_in_default");
		clock.stopAt(START.plus(Duration.ofDays(15)));
		retention.run();
		assertThat(partitionOf(late)).isEqualTo(day(START.plus(Duration.ofDays(20))));
		assertThat(log.records(keepsLong, List.of(early, late))).extracting(StoredSignIn::id).containsExactly(late);
	}

	@Test
	void aReplacedDictionaryGoesOnceTheSignInsItCompressedAreGone() {
		// a sign-in an incident cites, compressed with the long keeper's first dictionary
		var kept = insert(keepsLong, longTenant, START);
		TestRows.incidentCiting(jdbc, keepsLong, longTenant, kept);
		var first = dictionary(keepsShort, START);
		var second = dictionary(keepsShort, START.plus(Duration.ofDays(31)));
		var cited = dictionary(keepsLong, START);
		dictionary(keepsLong, START.plus(Duration.ofDays(31)));
		jdbc.sql("insert into sign_in_kept select * from sign_in where id = ?").param(kept).update();
		jdbc.sql("update sign_in_kept set record_dictionary = ? where id = ?").params(cited, kept).update();

		clock.stopAt(START.plus(Duration.ofDays(61)));
		retention.run();
		assertThat(dictionaries(keepsShort)).as("30 days kept: day 31 is inside").containsExactly(first, second);

		clock.stopAt(START.plus(Duration.ofDays(63)));
		retention.run();
		assertThat(dictionaries(keepsShort)).as("every sign-in the first compressed is past retention")
			.containsExactly(second);
		clock.stopAt(START.plus(Duration.ofDays(200)));
		retention.run();
		assertThat(dictionaries(keepsShort)).as("the current one stays").containsExactly(second);
		assertThat(dictionaries(keepsLong)).as("still needed by a cited sign-in").contains(cited);
	}

	private int dictionary(OrganizationId organization, Instant trainedAt) {
		return jdbc.sql("""
				insert into sign_in_dictionary (organization_id, trained_at, samples, dictionary)
				values (?, ?, 1000, '\\x00') returning id""")
			.params(organization.value(), java.sql.Timestamp.from(trainedAt))
			.query(Integer.class)
			.single();
	}

	private List<Integer> dictionaries(OrganizationId organization) {
		return jdbc.sql("select id from sign_in_dictionary where organization_id = ? order by id")
			.param(organization.value())
			.query(Integer.class)
			.list();
	}

	@Test
	void quarantinedRecordsHaveTheirOwnRetention() {
		transactions.executeWithoutResult(status -> store.quarantine(keepsLong, longTenant, "interactiveUser",
				List.of(new io.vigil.graph.MalformedSignIn("bad", "{\"id\": \"bad\"}", "no createdDateTime")), START));
		clock.stopAt(START.plus(Duration.ofDays(89)));
		retention.run();
		assertThat(log.quarantined(keepsLong, longTenant)).isEqualTo(1);
		clock.stopAt(START.plus(Duration.ofDays(91)));
		retention.run();
		assertThat(log.quarantined(keepsLong, longTenant)).isZero();
	}

	@Test
	void anOrganizationsDictionaryIsTrainedOnItsOwnRecordsAndShrinksThem() {
		retention.run();
		var before = insertMany(keepsLong, longTenant, 1200, "before");
		insertMany(keepsShort, shortTenant, 10, "few");
		clock.stopAt(START.plus(Duration.ofMinutes(5)));
		training.trainWhereDue();
		var after = insertMany(keepsLong, longTenant, 200, "after");
		var sizes = jdbc.sql("""
				select avg(length(record)) filter (where record_dictionary is null),
				       avg(length(record)) filter (where record_dictionary is not null)
				from sign_in where organization_id = ?""")
			.param(keepsLong.value())
			.query((rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		assertThat(sizes[1]).as("with the dictionary").isLessThan(sizes[0] / 2);
		assertThat(jdbc.sql("select count(*) from sign_in_dictionary where organization_id = ?")
			.param(keepsShort.value())
			.query(Long.class)
			.single()).as("too few sign-ins to learn from").isZero();
		assertThat(log.records(keepsLong, concat(before.getFirst(), after))).hasSize(201)
			.allSatisfy(signIn -> assertThat(signIn.record()).startsWith("{\"id\":\"" + signIn.graphId() + "\""));
	}

	@Test
	void adminsSeeAndChooseTheRetentionWithinTheOperatorsBounds() throws Exception {
		var admin = TestSignIn.as(jdbc, keepsLong, Role.ORG_ADMIN);
		var page = Jsoup.parse(mvc.perform(get("/admin/retention").with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select("#retention-now").text()).contains("Kept for 90 days").contains("Vigil's default");
		assertThat(page.select("#retention-bounds").text()).contains("Between 30 and 365 days");
		assertThat(page.select("#quarantine-days").text()).isEqualTo("90 days");
		assertThat(page.select("#keep-sent").text()).isEqualTo("180 days");

		for (var refused : List.of("7", "4000", "ninety", "", "99999999999999")) {
			var form = Jsoup.parse(mvc
				.perform(post("/admin/retention").param("days", refused)
					.with(csrf())
					.with(authentication(TestSignIn.token(admin))))
				.andExpect(status().isUnprocessableContent())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(form.select("p.error").text()).as(refused).isNotBlank();
			assertThat(form.select("#retention-days").attr("value")).isEqualTo(refused);
		}
		assertThat(retentions.of(keepsLong).days()).isEqualTo(90);

		mvc.perform(post("/admin/retention").param("days", "180")
			.with(csrf())
			.with(authentication(TestSignIn.token(admin)))).andExpect(status().is3xxRedirection());
		assertThat(retentions.of(keepsLong)).satisfies(now -> {
			assertThat(now.days()).isEqualTo(180);
			assertThat(now.chosen()).isTrue();
		});
		await().untilAsserted(() -> assertThat(jdbc.sql("""
				select detail->>'fromDays' || '>' || (detail->>'toDays') from audit_log
				where organization_id = ? and action = 'retention.changed'""")
			.param(keepsLong.value())
			.query(String.class)
			.list()).containsExactly("90>180"));
		var changed = Jsoup.parse(mvc.perform(get("/admin/retention").with(authentication(TestSignIn.token(admin))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(changed.select("#retention-now").text()).contains("Kept for 180 days").contains("your choice");

		var responder = TestSignIn.as(jdbc, keepsLong, Role.RESPONDER);
		mvc.perform(post("/admin/retention").param("days", "30")
			.with(csrf())
			.with(authentication(TestSignIn.token(responder)))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/retention").with(authentication(TestSignIn.token(responder))))
			.andExpect(status().isForbidden());
		assertThat(retentions.of(keepsLong).days()).isEqualTo(180);
	}

	private ManagedTenantId connect(OrganizationId organization) {
		var app = tenants.registerGraphApp(organization, "client-" + UUID.randomUUID(), new Secret("s"));
		return tenants.connect(organization, app, UUID.randomUUID().toString(), "Tenant").id();
	}

	private long insert(OrganizationId organization, ManagedTenantId tenant, Instant at) {
		return transactions
			.execute(status -> store.insert(organization, tenant, List.of(signIn(UUID.randomUUID().toString(), at, 0)),
					at))
			.getFirst()
			.facts()
			.id();
	}

	private List<Long> insertMany(OrganizationId organization, ManagedTenantId tenant, int count, String kind) {
		var page = new ArrayList<GraphSignIn>();
		for (int i = 0; i < count; i++) {
			page.add(signIn(kind + "-" + UUID.randomUUID(), clock.instant().minusSeconds(i), i));
		}
		return transactions.execute(status -> store.insert(organization, tenant, page, clock.instant()))
			.stream()
			.map(signIn -> signIn.facts().id())
			.toList();
	}

	/** A sign-in record shaped like Graph's, varied the way real ones are. */
	private static GraphSignIn signIn(String id, Instant at, int n) {
		var user = "user" + (n % 97) + "@tenant.example";
		var record = """
				{"id":"%s","createdDateTime":"%s","userDisplayName":"User %d","userPrincipalName":"%s",\
				"userId":"%s","appId":"4765445b-32c6-49b0-83e6-1d93765276ca","appDisplayName":"OfficeHome",\
				"ipAddress":"192.0.2.10","clientAppUsed":"Browser","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) \
				AppleWebKit/537.36 (KHTML, like Gecko) Chrome/13%d.0.0.0 Safari/537.36","correlationId":"%s",\
				"conditionalAccessStatus":"success","isInteractive":true,"riskDetail":"none","riskState":"none",\
				"signInEventTypes":["interactiveUser"],"status":{"errorCode":0},"location":{"city":"Amsterdam",\
				"countryOrRegion":"NL","geoCoordinates":{"latitude":52.3676,"longitude":4.9041}},\
				"appliedConditionalAccessPolicies":[{"id":"%s","displayName":"CA00%d - Require multifactor \
				authentication for all users","enforcedGrantControls":["Mfa"],"result":"success"}]}"""
			.formatted(id, at, n % 97, user, UUID.nameUUIDFromBytes(user.getBytes()), n % 10, UUID.randomUUID(),
					UUID.randomUUID(), n % 7);
		return new GraphSignIn(id, at, SignInEventType.INTERACTIVE_USER,
				UUID.nameUUIDFromBytes(user.getBytes()).toString(), user, "User",
				"4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome", "192.0.2.10", "NL", "Amsterdam", 1136,
				"Mozilla/5.0", "Browser", 0, null, "success", "singleFactorAuthentication", "none", "none", "none",
				"none", 52.3676, 4.9041,
				io.vigil.graph.RecordBytes.of(record.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				io.vigil.shared.RecordTree.parse(tools.jackson.databind.json.JsonMapper.builder().build(), record));
	}

	private String partitionOf(long id) {
		return jdbc.sql("select tableoid::regclass::text from sign_in where id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	private static String day(Instant at) {
		return "sign_in_" + LocalDate.ofInstant(at, ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
	}

	private static List<Long> concat(long first, List<Long> rest) {
		var all = new ArrayList<Long>();
		all.add(first);
		all.addAll(rest);
		return all;
	}

}
