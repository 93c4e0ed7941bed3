package io.vigil.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox's own retention: a message about an incident stays while the incident does
 * (the incident page lists what was sent about it); a sent or failed message about none
 * (a digest) or about an incident that is gone goes after {@code app.notification.keep-
 * sent}, with its attempts. A pending message is never deleted. Answer links go a month
 * after they expired: what an answer did is on the incident's timeline.
 */
@Component
class OutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	private static final Duration LINKS_AFTER_EXPIRY = Duration.ofDays(30);

	private final JdbcClient jdbc;

	private final NotificationSettings settings;

	private final Clock clock;

	OutboxRetention(JdbcClient jdbc, NotificationSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT6H")
	void scheduled() {
		try {
			prune();
		}
		catch (RuntimeException ex) {
			log.error("Pruning the outbox failed; it runs again in six hours", ex);
		}
	}

	@Transactional
	int prune() {
		var now = clock.instant();
		var messages = jdbc.sql("""
				delete from notification n
				where n.status in ('SENT', 'FAILED') and n.created_at < ?
				  and (n.incident_id is null or not exists (select 1 from incident i where i.id = n.incident_id))""")
			.param(Timestamp.from(now.minus(settings.keepSent())))
			.update();
		jdbc.sql("delete from answer_link where expires_at < ?")
			.param(Timestamp.from(now.minus(LINKS_AFTER_EXPIRY)))
			.update();
		return messages;
	}

}
