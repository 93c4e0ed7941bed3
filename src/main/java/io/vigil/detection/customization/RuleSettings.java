package io.vigil.detection.customization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.vigil.detection.UploadedRule;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which rules are off for which tenant, and the organization's uploaded rules. */
@Repository
public class RuleSettings {

	private final JdbcClient jdbc;

	RuleSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The rules switched off in the tenant, each with who did it and why, in words. */
	public java.util.Map<String, String> disabled(OrganizationId organization, ManagedTenantId tenant) {
		var disabled = new java.util.TreeMap<String, String>();
		jdbc.sql("select rule_id, changed_by, reason from detection_rule_setting where organization_id = ? "
				+ "and managed_tenant_id = ? and not enabled")
			.params(organization.value(), tenant.value())
			.query(rs -> {
				disabled.put(rs.getString(1), "switched off for this tenant by " + rs.getString(2)
						+ (rs.getString(3) == null ? "" : ": " + rs.getString(3)));
			});
		return disabled;
	}

	public void setEnabled(OrganizationId organization, ManagedTenantId tenant, String ruleId, boolean enabled,
			String by, @Nullable String reason, Instant now) {
		jdbc.sql("""
				insert into detection_rule_setting (organization_id, managed_tenant_id, rule_id, enabled, changed_by,
				  changed_at, reason) values (?, ?, ?, ?, ?, ?, ?)
				on conflict (managed_tenant_id, rule_id) do update
				  set enabled = excluded.enabled, changed_by = excluded.changed_by, changed_at = excluded.changed_at,
				      reason = excluded.reason""")
			.params(organization.value(), tenant.value(), ruleId, enabled, by, Timestamp.from(now), reason)
			.update();
	}

	public List<UploadedRule> uploaded(OrganizationId organization) {
		return jdbc.sql("select * from detection_uploaded_rule where organization_id = ? order by uploaded_at")
			.param(organization.value())
			.query(RuleSettings::uploaded)
			.list();
	}

	public Optional<UploadedRule> uploaded(OrganizationId organization, UUID id) {
		return jdbc.sql("select * from detection_uploaded_rule where organization_id = ? and id = ?")
			.params(organization.value(), id)
			.query(RuleSettings::uploaded)
			.optional();
	}

	/**
	 * @return false when the organization has an uploaded rule with this id already
	 */
	public boolean upload(OrganizationId organization, UUID id, String ruleId, String title, String yaml, String by,
			Instant now) {
		return jdbc
			.sql("""
					insert into detection_uploaded_rule (id, organization_id, rule_id, title, yaml, uploaded_by, uploaded_at)
					values (?, ?, ?, ?, ?, ?, ?) on conflict (organization_id, rule_id) do nothing""")
			.params(id, organization.value(), ruleId, title, yaml, by, Timestamp.from(now))
			.update() == 1;
	}

	public boolean enableUploaded(OrganizationId organization, UUID id, String by, Instant now) {
		return jdbc
			.sql("update detection_uploaded_rule set enabled = true, enabled_by = ?, enabled_at = ? "
					+ "where organization_id = ? and id = ? and not enabled")
			.params(by, Timestamp.from(now), organization.value(), id)
			.update() == 1;
	}

	public boolean deleteUploaded(OrganizationId organization, UUID id) {
		return jdbc.sql("delete from detection_uploaded_rule where organization_id = ? and id = ?")
			.params(organization.value(), id)
			.update() == 1;
	}

	private static UploadedRule uploaded(ResultSet rs, int row) throws SQLException {
		return new UploadedRule(rs.getObject("id", UUID.class), rs.getString("rule_id"), rs.getString("title"),
				rs.getString("yaml"), rs.getBoolean("enabled"), rs.getString("uploaded_by"),
				rs.getTimestamp("uploaded_at").toInstant());
	}

}
