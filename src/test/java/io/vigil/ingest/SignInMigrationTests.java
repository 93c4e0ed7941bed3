package io.vigil.ingest;

import java.util.UUID;

import io.vigil.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V39 turns a populated {@code sign_in} into day partitions with records as bytes: every
 * row survives with its id (incidents cite sign-ins by id), its record reads back as the
 * JSON it was, coordinates become columns, and the people's role cannot read a partition
 * directly.
 */
class SignInMigrationTests {

	@Test
	void rowsStoredBeforeArePartitionedAndReadable() {
		var url = TestDatabase.createDatabase();
		var dataSource = new DriverManagerDataSource(url, "postgres", "postgres");
		var jdbc = JdbcClient.create(dataSource);
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("38").load().migrate();
		var organization = UUID.randomUUID();
		var tenant = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into sign_in (organization_id, managed_tenant_id, graph_id, created_at, event_type, user_id,
						    ip_address, country, error_code, record, ingested_at)
						values (?, ?, 'recent', now() - interval '2 days', 'interactiveUser', 'u1', '192.0.2.1', 'NL', 0,
						        '{"id": "recent", "location": {"geoCoordinates": {"latitude": 52.5, "longitude": 4.9}}}', now()),
						       (?, ?, 'old', now() - interval '20 days', 'interactiveUser', 'u1', '192.0.2.1', 'NL', 0,
						        '{"id": "old", "location": {"geoCoordinates": {"latitude": "hidden"}}}', now())""")
			.params(organization, tenant, organization, tenant)
			.update();
		var ids = jdbc.sql("select id from sign_in order by id").query(Long.class).list();

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

		assertThat(jdbc.sql("select id from sign_in order by id").query(Long.class).list()).isEqualTo(ids);
		assertThat(jdbc
			.sql("select graph_id || ':' || latitude || ':' || longitude from sign_in where graph_id = 'recent'")
			.query(String.class)
			.single()).isEqualTo("recent:52.5:4.9");
		assertThat(
				jdbc.sql("select latitude is null from sign_in where graph_id = 'old'").query(Boolean.class).single())
			.as("a coordinate that is no number stays out")
			.isTrue();
		var codec = new SignInRecordCodec(new SignInDictionaries(jdbc));
		assertThat(jdbc.sql("select record, record_dictionary from sign_in where graph_id = 'old'")
			.query((rs, row) -> codec.decode(rs.getBytes(1), (Integer) rs.getObject(2)))
			.single()).isEqualTo("{\"id\": \"old\", \"location\": {\"geoCoordinates\": {\"latitude\": \"hidden\"}}}");
		assertThat(jdbc.sql("select count(distinct tableoid) from sign_in").query(Long.class).single())
			.as("each in its day")
			.isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from sign_in_default").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
				where i.inhparent = 'sign_in'::regclass and has_table_privilege('vigil_app', c.oid, 'select')""")
			.query(Long.class)
			.single()).as("partitions reachable by the people's role").isZero();
		assertThat(jdbc.sql("select nextval('sign_in_row_id')").query(Long.class).single())
			.isGreaterThan(ids.getLast());
	}

}
