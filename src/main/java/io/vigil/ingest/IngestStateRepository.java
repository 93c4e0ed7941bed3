package io.vigil.ingest;

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

/**
 * Per-tenant polling state and per-type cursors. Replicas share the work through leases
 * claimed with SKIP LOCKED.
 */
@Repository
class IngestStateRepository {

	private final JdbcClient jdbc;

	IngestStateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Starts polling a tenant; a second call for the same tenant changes nothing
	 * (idempotent listener).
	 */
	void track(OrganizationId organization, ManagedTenantId tenant, Instant firstPoll) {
		jdbc.sql("""
				insert into ingest_tenant_state (managed_tenant_id, organization_id, next_poll_at, tracked_since)
				values (?, ?, ?, ?) on conflict (managed_tenant_id) do nothing""")
			.params(tenant.value(), organization.value(), ts(firstPoll), ts(firstPoll))
			.update();
	}

	/** Makes the tenant due now, as if it had never failed; its cursors stay. */
	void pollNow(ManagedTenantId tenant, Instant now) {
		jdbc.sql("""
				update ingest_tenant_state set next_poll_at = least(next_poll_at, ?), consecutive_failures = 0,
				    last_error = null where managed_tenant_id = ?""").params(ts(now), tenant.value()).update();
		jdbc.sql("update ingest_cursor set refused_until = null, refused_reason = null where managed_tenant_id = ?")
			.param(tenant.value())
			.update();
	}

	void untrack(OrganizationId organization, ManagedTenantId tenant) {
		jdbc.sql("delete from ingest_tenant_state where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.update();
		jdbc.sql("delete from ingest_cursor where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.update();
	}

	void deleteSignIns(OrganizationId organization, ManagedTenantId tenant) {
		jdbc.sql("delete from sign_in where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.update();
		jdbc.sql("delete from sign_in_kept where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.update();
		jdbc.sql("delete from sign_in_quarantine where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.update();
		jdbc.sql("delete from activity_record where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.update();
	}

	/**
	 * Leases up to {@code limit} due tenants to {@code owner}, skipping rows another
	 * replica is claiming: first the current tenants (a complete poll since
	 * {@code currentSince}), then those catching up on a backlog (new, or back after an
	 * outage), each the one due longest first: a backlog tenant's poll is postponed to
	 * the budget's next window again and again, and should not stand before a current
	 * tenant whose next poll came due.
	 */
	List<TenantWork> claimDue(String owner, int limit, Instant now, Instant leaseUntil, Instant currentSince) {
		return jdbc.sql("""
				update ingest_tenant_state set lease_owner = ?, lease_until = ?, last_attempt_at = ?
				where managed_tenant_id in (
				    select managed_tenant_id from ingest_tenant_state
				    where next_poll_at <= ? and (lease_until is null or lease_until < ?)
				    order by coalesce(last_success_at >= ?, false) desc, next_poll_at
				    limit ? for update skip locked)
				returning organization_id, managed_tenant_id, consecutive_failures""")
			.params(owner, ts(leaseUntil), ts(now), ts(now), ts(now), ts(currentSince), limit)
			.query((rs, row) -> new TenantWork(new OrganizationId(rs.getObject(1, UUID.class)),
					new ManagedTenantId(rs.getObject(2, UUID.class)), rs.getInt(3)))
			.list();
	}

	/**
	 * Extends the lease; false if this owner lost it (another replica took over after
	 * expiry).
	 */
	boolean renewLease(ManagedTenantId tenant, String owner, Instant leaseUntil) {
		return jdbc
			.sql("update ingest_tenant_state set lease_until = ? where managed_tenant_id = ? and lease_owner = ?")
			.params(ts(leaseUntil), tenant.value(), owner)
			.update() > 0;
	}

	/** The heartbeat: extends this owner's leases of these tenants. */
	void renewLeases(List<ManagedTenantId> tenants, String owner, Instant leaseUntil) {
		jdbc.sql("""
				update ingest_tenant_state set lease_until = ?
				where lease_owner = ? and managed_tenant_id = any(?)""")
			.params(ts(leaseUntil), owner, tenants.stream().map(ManagedTenantId::value).toArray(UUID[]::new))
			.update();
	}

	/**
	 * The page reached back to {@code oldest}: the tenant's history is at least that
	 * long.
	 */
	void historyReaches(ManagedTenantId tenant, Instant oldest) {
		jdbc.sql("""
				update ingest_tenant_state set oldest_sign_in_at = least(coalesce(oldest_sign_in_at, ?), ?)
				where managed_tenant_id = ?""").params(ts(oldest), ts(oldest), tenant.value()).update();
	}

	Optional<Instant> oldestSignIn(OrganizationId organization, ManagedTenantId tenant) {
		return jdbc.sql(
				"select oldest_sign_in_at from ingest_tenant_state where organization_id = ? and managed_tenant_id = ?")
			.params(organization.value(), tenant.value())
			.query((rs, row) -> Optional.ofNullable(instant(rs, "oldest_sign_in_at")))
			.optional()
			.flatMap(found -> found);
	}

	void succeeded(ManagedTenantId tenant, String owner, Instant now, Instant nextPoll) {
		jdbc.sql("""
				update ingest_tenant_state set lease_owner = null, lease_until = null, next_poll_at = ?,
				    consecutive_failures = 0, last_error = null, last_success_at = ?
				where managed_tenant_id = ? and lease_owner = ?""")
			.params(ts(nextPoll), ts(now), tenant.value(), owner)
			.update();
	}

	/** Not a failure: the budget or Graph asked to wait. */
	void postponed(ManagedTenantId tenant, String owner, Instant nextPoll) {
		jdbc.sql("""
				update ingest_tenant_state set lease_owner = null, lease_until = null, next_poll_at = ?
				where managed_tenant_id = ? and lease_owner = ?""")
			.params(ts(nextPoll), tenant.value(), owner)
			.update();
	}

	void failed(ManagedTenantId tenant, String owner, Instant nextPoll, int failures, String error) {
		jdbc.sql("""
				update ingest_tenant_state set lease_owner = null, lease_until = null, next_poll_at = ?,
				    consecutive_failures = ?, last_error = ?
				where managed_tenant_id = ? and lease_owner = ?""")
			.params(ts(nextPoll), failures, error, tenant.value(), owner)
			.update();
	}

	/**
	 * On shutdown: hand this replica's tenants back at once instead of waiting for the
	 * leases to expire.
	 */
	void releaseAll(String owner) {
		jdbc.sql("update ingest_tenant_state set lease_owner = null, lease_until = null where lease_owner = ?")
			.param(owner)
			.update();
	}

	Optional<IngestHealth> health(OrganizationId organization, ManagedTenantId tenant) {
		return jdbc.sql("""
				select last_success_at, last_attempt_at, next_poll_at, consecutive_failures, last_error
				from ingest_tenant_state where organization_id = ? and managed_tenant_id = ?""")
			.params(organization.value(), tenant.value())
			.query((rs, row) -> new IngestHealth(instant(rs, "last_success_at"), instant(rs, "last_attempt_at"),
					rs.getTimestamp("next_poll_at").toInstant(), rs.getInt("consecutive_failures"),
					rs.getString("last_error")))
			.optional();
	}

	Optional<IngestCursor> cursor(ManagedTenantId tenant, String source) {
		return jdbc.sql("""
				select organization_id, managed_tenant_id, event_type, watermark, deep_scanned_at, window_from,
				       window_to, window_deep, next_link, refused_until, refused_reason
				from ingest_cursor where managed_tenant_id = ? and event_type = ?""")
			.params(tenant.value(), source)
			.query(IngestStateRepository::cursor)
			.optional();
	}

	/** Every source's cursor of the tenant, by source, in one query. */
	java.util.Map<String, IngestCursor> cursors(ManagedTenantId tenant) {
		var cursors = new java.util.HashMap<String, IngestCursor>();
		jdbc.sql("""
				select organization_id, managed_tenant_id, event_type, watermark, deep_scanned_at, window_from,
				       window_to, window_deep, next_link, refused_until, refused_reason
				from ingest_cursor where managed_tenant_id = ?""")
			.param(tenant.value())
			.query(IngestStateRepository::cursor)
			.list()
			.forEach(cursor -> cursors.put(cursor.source(), cursor));
		return cursors;
	}

	void save(IngestCursor cursor) {
		jdbc.sql("""
				insert into ingest_cursor (managed_tenant_id, event_type, organization_id, watermark, deep_scanned_at,
				    window_from, window_to, window_deep, next_link, refused_until, refused_reason)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (managed_tenant_id, event_type) do update set watermark = excluded.watermark,
				    deep_scanned_at = excluded.deep_scanned_at, window_from = excluded.window_from,
				    window_to = excluded.window_to, window_deep = excluded.window_deep, next_link = excluded.next_link,
				    refused_until = excluded.refused_until, refused_reason = excluded.refused_reason""")
			.params(cursor.managedTenantId().value(), cursor.source(), cursor.organizationId().value(),
					ts(cursor.watermark()), ts(cursor.deepScannedAt()), ts(cursor.windowFrom()), ts(cursor.windowTo()),
					cursor.windowDeep(), cursor.nextLink(), ts(cursor.refusedUntil()), cursor.refusedReason())
			.update();
	}

	/** The sources a tenant refuses now, with why (for the operations page). */
	List<RefusedSource> refusedSources(OrganizationId organization, Instant now) {
		return jdbc.sql("""
				select managed_tenant_id, event_type, refused_until, refused_reason from ingest_cursor
				where organization_id = ? and refused_until > ? order by managed_tenant_id, event_type""")
			.params(organization.value(), ts(now))
			.query((rs, row) -> new RefusedSource(new ManagedTenantId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.list();
	}

	private static IngestCursor cursor(ResultSet rs, int row) throws SQLException {
		return new IngestCursor(new OrganizationId(rs.getObject("organization_id", UUID.class)),
				new ManagedTenantId(rs.getObject("managed_tenant_id", UUID.class)), rs.getString("event_type"),
				rs.getTimestamp("watermark").toInstant(), instant(rs, "deep_scanned_at"), instant(rs, "window_from"),
				instant(rs, "window_to"), rs.getBoolean("window_deep"), rs.getString("next_link"),
				instant(rs, "refused_until"), rs.getString("refused_reason"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	record RefusedSource(ManagedTenantId managedTenantId, String source, Instant until, String reason) {
	}

	/** A tenant leased for one poll. */
	record TenantWork(OrganizationId organizationId, ManagedTenantId managedTenantId, int consecutiveFailures) {
	}

}
