package io.vigil.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.vigil.VigilJdbcTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox keeps what an incident page shows and what is still to be sent, and lets go
 * of old digests and of messages whose incident is gone. The pruning on its own, on the
 * real schema.
 */
@VigilJdbcTest
@Import(OutboxRetention.class)
@EnableConfigurationProperties(NotificationSettings.class)
class OutboxRetentionTests {

	@Autowired
	OutboxRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void oldMessagesAboutNothingGoAndTheRestStays() {
		var organization = UUID.randomUUID();
		var incident = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
						  dedup_key, first_seen, last_seen, window_seconds, checklist, detection_latency_ms, created_at, updated_at)
						values (?, ?, ?, 'RULE-1143', 'r', 'HIGH', 'NEW', 'account=x', now(), now(), 86400, '[]', 1, now(), now())""")
			.params(incident, organization, UUID.randomUUID())
			.update();
		var old = Instant.now().minus(Duration.ofDays(200));
		var digest = message(organization, null, "SENT", old);
		var aboutIncident = message(organization, incident, "SENT", old);
		var aboutGone = message(organization, UUID.randomUUID(), "FAILED", old);
		var pending = message(organization, null, "PENDING", old);
		var recent = message(organization, null, "SENT", Instant.now().minus(Duration.ofDays(10)));

		assertThat(retention.prune()).isEqualTo(2);
		assertThat(jdbc.sql("select id from notification where organization_id = ?")
			.param(organization)
			.query(UUID.class)
			.list()).containsExactlyInAnyOrder(aboutIncident, pending, recent).doesNotContain(digest, aboutGone);
	}

	private UUID message(UUID organization, UUID incident, String status, Instant at) {
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into notification (id, organization_id, incident_id, channel, recipient, change, subject,
				  body_text, status, not_before, created_at) values (?, ?, ?, 'EMAIL', 'soc@msp.example', 'OPENED', 's',
				  't', ?, ?, ?)""")
			// a pending message waits (not before tomorrow), so the worker leaves it
			// alone
			.params(id, organization, incident, status,
					Timestamp.from(status.equals("PENDING") ? Instant.now().plus(Duration.ofDays(1)) : at),
					Timestamp.from(at))
			.update();
		return id;
	}

}
