package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The zstd dictionaries sign-in records are compressed with: one organization's records
 * only ever use a dictionary trained on that organization's own records (a dictionary
 * holds fragments of them), and a record names the dictionary it needs. A dictionary is
 * never changed; a newer one is added beside it.
 */
@Repository
class SignInDictionaries {

	private final JdbcClient jdbc;

	/**
	 * Which dictionary new records of an organization use; briefly cached, so a
	 * dictionary trained on another replica is taken up within a minute.
	 */
	private final Cache<OrganizationId, Optional<Dictionary>> current = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	private final Cache<Integer, Dictionary> byId = Caffeine.newBuilder().maximumSize(1_000).build();

	SignInDictionaries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Dictionary> current(OrganizationId organization) {
		return current.get(organization, this::newest);
	}

	Dictionary byId(int id) {
		return byId.get(id,
				key -> jdbc
					.sql("select id, organization_id, trained_at, dictionary from sign_in_dictionary where id = ?")
					.param(key)
					.query(SignInDictionaries::dictionary)
					.optional()
					.orElseThrow(() -> new IllegalStateException("Sign-in dictionary " + key + " is missing")));
	}

	Dictionary store(OrganizationId organization, byte[] dictionary, int samples, Instant now) {
		var id = jdbc.sql("""
				insert into sign_in_dictionary (organization_id, trained_at, samples, dictionary)
				values (?, ?, ?, ?) returning id""")
			.params(organization.value(), Timestamp.from(now), samples, dictionary)
			.query(Integer.class)
			.single();
		var stored = new Dictionary(id, organization, now, dictionary);
		current.put(organization, Optional.of(stored));
		return stored;
	}

	private Optional<Dictionary> newest(OrganizationId organization) {
		return jdbc.sql("""
				select id, organization_id, trained_at, dictionary from sign_in_dictionary
				where organization_id = ? order by trained_at desc, id desc limit 1""")
			.param(organization.value())
			.query(SignInDictionaries::dictionary)
			.optional();
	}

	private static Dictionary dictionary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Dictionary(rs.getInt("id"),
				new OrganizationId(rs.getObject("organization_id", java.util.UUID.class)),
				rs.getTimestamp("trained_at").toInstant(), rs.getBytes("dictionary"));
	}

	record Dictionary(int id, OrganizationId organizationId, Instant trainedAt, byte[] bytes) {
	}

}
