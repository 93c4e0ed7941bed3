package io.vigil.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.StageLag;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table: messages written with the change they tell of, claimed and marked by
 * the worker.
 */
@Repository
class Outbox {

	/** A message as the worker sends it. */
	record Message(UUID id, OrganizationId organization, @Nullable UUID incident, String channel, String recipient,
			String change, String subject, String text, @Nullable String html, boolean digest, int attempts) {
	}

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void enqueue(OrganizationId organization, @Nullable ManagedTenantId tenant, @Nullable UUID incident, String channel,
			String recipient, String change, String subject, String text, @Nullable String html, boolean digest,
			Instant notBefore, Instant now) {
		jdbc.sql(
				"""
						insert into notification (id, organization_id, managed_tenant_id, incident_id, channel, recipient, change,
						  subject, body_text, body_html, status, digest, not_before, created_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
			.params(UUID.randomUUID(), organization.value(), tenant == null ? null : tenant.value(), incident, channel,
					recipient, change, subject, text, html, digest, Timestamp.from(notBefore), Timestamp.from(now))
			.update();
	}

	/**
	 * Claims due messages for a while: {@code for update skip locked} hands each row to
	 * one worker, and the claim keeps others off it while it is being sent (a worker that
	 * dies leaves it to the next after the claim ends).
	 */
	List<Message> claimImmediate(int limit, Instant now, Instant claimUntil) {
		return jdbc.sql("""
				update notification set claimed_until = ?, attempts = attempts + 1
				where id in (select id from notification
				             where status = 'PENDING' and not digest and not_before <= ?
				               and (claimed_until is null or claimed_until < ?)
				             order by not_before limit ? for update skip locked)
				returning *""")
			.params(Timestamp.from(claimUntil), Timestamp.from(now), Timestamp.from(now), limit)
			.query(Outbox::message)
			.list();
	}

	/**
	 * All due digest messages of one recipient (the one with the oldest), claimed
	 * together.
	 */
	List<Message> claimDigest(Instant now, Instant claimUntil) {
		return jdbc.sql("""
				update notification set claimed_until = ?, attempts = attempts + 1
				where id in (select id from notification
				             where status = 'PENDING' and digest and not_before <= ?
				               and (claimed_until is null or claimed_until < ?)
				               and recipient = (select recipient from notification
				                                where status = 'PENDING' and digest and not_before <= ?
				                                  and (claimed_until is null or claimed_until < ?)
				                                order by not_before limit 1)
				             for update skip locked)
				returning *""")
			.params(Timestamp.from(claimUntil), Timestamp.from(now), Timestamp.from(now), Timestamp.from(now),
					Timestamp.from(now))
			.query(Outbox::message)
			.list();
	}

	void sent(Message message, Instant now) {
		jdbc.sql("update notification set status = 'SENT', sent_at = ?, claimed_until = null, last_error = null "
				+ "where id = ?")
			.params(Timestamp.from(now), message.id())
			.update();
		attempt(message, now, "sent", null);
	}

	/**
	 * A failed delivery: tried again at {@code retryAt}, or given up after the last
	 * attempt.
	 */
	void failed(Message message, Instant now, String error, @Nullable Instant retryAt) {
		jdbc.sql("update notification set status = ?, not_before = coalesce(?, not_before), claimed_until = null, "
				+ "last_error = ? where id = ?")
			.params(retryAt == null ? "FAILED" : "PENDING", retryAt == null ? null : Timestamp.from(retryAt),
					abbreviate(error), message.id())
			.update();
		attempt(message, now, "failed", error);
	}

	private void attempt(Message message, Instant now, String outcome, @Nullable String error) {
		jdbc.sql("insert into notification_attempt (notification_id, organization_id, at, outcome, error) "
				+ "values (?, ?, ?, ?, ?)")
			.params(message.id(), message.organization().value(), Timestamp.from(now), outcome,
					error == null ? null : abbreviate(error))
			.update();
	}

	List<NotificationRecord> forIncident(OrganizationId organization, UUID incident) {
		return jdbc.sql("select * from notification where organization_id = ? and incident_id = ? order by created_at")
			.params(organization.value(), incident)
			.query((rs, row) -> new NotificationRecord(rs.getObject("id", UUID.class), rs.getString("channel"),
					rs.getString("recipient"), rs.getString("change"), rs.getString("subject"), rs.getString("status"),
					rs.getInt("attempts"), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant()))
			.list();
	}

	/** Queues a message again (a resend): a new row, the old one stays as it was. */
	boolean requeue(OrganizationId organization, UUID id, Instant now) {
		return jdbc
			.sql("""
					insert into notification (id, organization_id, managed_tenant_id, incident_id, channel, recipient, change,
					  subject, body_text, body_html, status, digest, not_before, created_at)
					select ?, organization_id, managed_tenant_id, incident_id, channel, recipient, change, subject, body_text,
					  body_html, 'PENDING', false, ?, ? from notification where organization_id = ? and id = ?""")
			.params(UUID.randomUUID(), Timestamp.from(now), Timestamp.from(now), organization.value(), id)
			.update() == 1;
	}

	private static String abbreviate(String text) {
		return text.length() <= 1000 ? text : text.substring(0, 1000);
	}

	private static Message message(ResultSet rs, int row) throws SQLException {
		return new Message(rs.getObject("id", UUID.class),
				new OrganizationId(rs.getObject("organization_id", UUID.class)),
				rs.getObject("incident_id", UUID.class), rs.getString("channel"), rs.getString("recipient"),
				rs.getString("change"), rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"),
				rs.getBoolean("digest"), rs.getInt("attempts"));
	}

	/**
	 * Messages of the tenant's incidents sent since then: from when each was due (after
	 * quiet hours) to sent.
	 */
	StageLag deliveryLag(OrganizationId organization, ManagedTenantId tenant, Instant since) {
		return jdbc
			.sql("select " + StageLag.select("extract(epoch from sent_at - greatest(created_at, not_before)) * 1000")
					+ " from notification where organization_id = ? and managed_tenant_id = ? and status = 'SENT' "
					+ "and not digest and sent_at >= ?")
			.params(organization.value(), tenant.value(), Timestamp.from(since))
			.query(StageLag::read)
			.single();
	}

	/**
	 * The tenant's messages not sent yet (waiting or retrying) and those that failed for
	 * good.
	 */
	Map<String, Long> undelivered(OrganizationId organization, ManagedTenantId tenant) {
		var counts = new java.util.TreeMap<String, Long>();
		jdbc.sql("select status, count(*) from notification where organization_id = ? and managed_tenant_id = ? "
				+ "and status <> 'SENT' group by status")
			.params(organization.value(), tenant.value())
			.query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

}
