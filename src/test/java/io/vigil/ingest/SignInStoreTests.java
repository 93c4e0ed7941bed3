package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vigil.VigilIntegrationTest;
import io.vigil.graph.GraphSignIn;
import io.vigil.graph.SignInEventType;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What detection evaluates from memory is what the database holds: Graph's seven-digit
 * times become PostgreSQL's microseconds, and a redelivered sign-in is stored once.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "app.ingest.scheduling-enabled=false")
class SignInStoreTests {

	@Autowired
	SignInStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void factsInMemoryEqualTheStoredRow() {
		var organization = new OrganizationId(UUID.randomUUID());
		var tenant = new ManagedTenantId(UUID.randomUUID());
		var at = Instant.parse("2026-11-30T06:39:25.8924667Z");
		var signIn = new GraphSignIn("g-1", at, SignInEventType.INTERACTIVE_USER, "u", "u@t.example", null, null, null,
				"2001:db8::1", "NL", null, 1136, null, null, 0, null, null, null, null, null, null, null, null, null,
				io.vigil.graph.RecordBytes.of("{\"id\":\"g-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				java.util.Map.of("id", "g-1"));
		var stored = transactions.execute(status -> store.insert(organization, tenant, List.of(signIn), at));
		var row = jdbc.sql("select created_at, host(ip_address) from sign_in where id = ?")
			.param(stored.getFirst().facts().id())
			.query((rs, n) -> List.of(rs.getTimestamp(1).toInstant(), rs.getString(2)))
			.single();
		assertThat(stored.getFirst().facts().createdAt()).isEqualTo(row.get(0)).isNotEqualTo(at);
		assertThat(stored.getFirst().facts().ipAddress()).isEqualTo(row.get(1));
		List<RecentSignIns.Recent> again = transactions
			.execute(status -> store.insert(organization, tenant, List.of(signIn), at));
		assertThat(again).as("delivered again").isEmpty();
		assertThat(jdbc.sql("select count(*) from sign_in where graph_id = 'g-1' and created_at = ?")
			.param(Timestamp.from((Instant) row.get(0)))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Autowired
	RecentSignIns recent;

	@Autowired
	SignInLog signInLog;

	@Autowired
	tools.jackson.databind.json.JsonMapper mapper;

	@Test
	void detectionTakesTheTreeTheReaderBuiltOnceAndParsesTheStoredRecordAfterwards() {
		var organization = new OrganizationId(UUID.randomUUID());
		var tenant = new ManagedTenantId(UUID.randomUUID());
		var at = Instant.parse("2026-11-30T07:00:00Z");
		var json = "{\"id\":\"g-2\",\"mfaDetail\":null,\"status\":{\"errorCode\":0,\"additionalDetails\":null}}";
		var tree = io.vigil.shared.RecordTree.parse(mapper, json);
		var signIn = new GraphSignIn("g-2", at, SignInEventType.INTERACTIVE_USER, "u", null, null, null, null, null,
				null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null,
				io.vigil.graph.RecordBytes.of(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), tree);
		var stored = transactions.execute(status -> store.insert(organization, tenant, List.of(signIn), at));
		var id = stored.getFirst().facts().id();
		recent.remember(stored);
		recent.rememberTree(id, tree, json.length());
		assertThat(signInLog.ingestedRecords(new OrganizationId(UUID.randomUUID()), List.of(id)))
			.as("another organization's sign-in")
			.isEmpty();

		var first = signInLog.ingestedRecords(organization, List.of(id)).getFirst();
		var again = signInLog.ingestedRecords(organization, List.of(id)).getFirst();

		assertThat(first.fields()).as("the reader's tree, not a second parse").isSameAs(tree);
		assertThat(first.record()).as("decompressed when asked for").isEqualTo(json);
		assertThat(again.fields()).as("taken once").isNull();
		assertThat(again.record()).as("stored as Graph sent it").isEqualTo(json);
		assertThat(io.vigil.shared.RecordTree.parse(mapper, again.record())).as("parsed again: the same tree")
			.isEqualTo(tree)
			.isEqualTo(java.util.Map.of("id", "g-2", "status", java.util.Map.of("errorCode", 0)));
	}

}
