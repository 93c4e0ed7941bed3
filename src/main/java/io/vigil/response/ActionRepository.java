package io.vigil.response;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ActionRepository {

	private final JdbcClient jdbc;

	ActionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Claims the idempotency key; false when an action with this key exists already. */
	boolean claim(UUID id, OrganizationId organization, ManagedTenantId tenant, @Nullable UUID incident, String key,
			ResponseAction action, String target, @Nullable ActionSubject subject, String requestedBy, Instant now) {
		return jdbc
			.sql("""
					insert into response_action (id, organization_id, managed_tenant_id, incident_id, idempotency_key, action,
					  target_user_id, subject_id, subject_kind, subject_label, status, requested_by, requested_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'STARTED', ?, ?)
					on conflict (organization_id, idempotency_key) do nothing""")
			.params(id, organization.value(), tenant.value(), incident, key, action.name(), target,
					subject == null ? null : subject.id(), subject == null ? null : subject.kind(),
					subject == null ? null : subject.label(), requestedBy, Timestamp.from(now))
			.update() == 1;
	}

	void describeTarget(UUID id, @Nullable String upn, boolean privileged) {
		jdbc.sql("update response_action set target_upn = ?, target_privileged = ? where id = ?")
			.params(upn, privileged, id)
			.update();
	}

	void finish(UUID id, ActionRecord.Status status, @Nullable String message, @Nullable String approvedBy,
			@Nullable Instant completedAt) {
		jdbc.sql("update response_action set status = ?, message = ?, approved_by = coalesce(?, approved_by), "
				+ "completed_at = ? where id = ?")
			.params(status.name(), message, approvedBy, completedAt == null ? null : Timestamp.from(completedAt), id)
			.update();
	}

	/** Takes an action waiting for approval (once: a second approver finds it taken). */
	boolean takeForApproval(OrganizationId organization, UUID id) {
		return jdbc
			.sql("update response_action set status = 'STARTED' where organization_id = ? and id = ? "
					+ "and status = 'AWAITING_APPROVAL'")
			.params(organization.value(), id)
			.update() == 1;
	}

	Optional<ActionRecord> byKey(OrganizationId organization, String key) {
		return jdbc.sql("select * from response_action where organization_id = ? and idempotency_key = ?")
			.params(organization.value(), key)
			.query(ActionRepository::record)
			.optional();
	}

	Optional<ActionRecord> find(OrganizationId organization, UUID id) {
		return jdbc.sql("select * from response_action where organization_id = ? and id = ?")
			.params(organization.value(), id)
			.query(ActionRepository::record)
			.optional();
	}

	List<ActionRecord> forIncident(OrganizationId organization, UUID incident) {
		return jdbc
			.sql("select * from response_action where organization_id = ? and incident_id = ? "
					+ "order by requested_at")
			.params(organization.value(), incident)
			.query(ActionRepository::record)
			.list();
	}

	private static @Nullable ActionSubject subject(ResultSet rs) throws SQLException {
		var id = rs.getString("subject_id");
		return id == null ? null : new ActionSubject(id, rs.getString("subject_kind"), rs.getString("subject_label"));
	}

	private static ActionRecord record(ResultSet rs, int row) throws SQLException {
		var completed = rs.getTimestamp("completed_at");
		var status = rs.getString("status");
		return new ActionRecord(rs.getObject("id", UUID.class),
				new ManagedTenantId(rs.getObject("managed_tenant_id", UUID.class)),
				rs.getObject("incident_id", UUID.class), ResponseAction.valueOf(rs.getString("action")),
				rs.getString("target_user_id"), subject(rs), rs.getString("target_upn"),
				rs.getBoolean("target_privileged"),
				// an action still running shows as failed to anyone who reads it
				// meanwhile: never as a success
				status.equals("STARTED") ? ActionRecord.Status.FAILED : ActionRecord.Status.valueOf(status),
				status.equals("STARTED") ? "in progress or interrupted" : rs.getString("message"),
				rs.getString("requested_by"), rs.getString("approved_by"), rs.getTimestamp("requested_at").toInstant(),
				completed == null ? null : completed.toInstant());
	}

}
