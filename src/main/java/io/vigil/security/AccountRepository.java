package io.vigil.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

	record Account(VigilUser user, String passwordHash, @Nullable byte[] totpSecret, @Nullable Long totpLastStep,
			int failedLogins, @Nullable Instant lockedUntil, boolean disabled, int sessionEpoch) {
	}

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean anyAccount() {
		return jdbc.sql("select exists (select 1 from user_account)").query(Boolean.class).single();
	}

	void insert(VigilUser user, String passwordHash, Instant now) {
		jdbc.sql("""
				insert into user_account (id, organization_id, email, display_name, password_hash, role, tenant_scope,
				  demo, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(user.id(), user.organizationId().value(), user.email(), user.displayName(), passwordHash,
					user.role().name(), scope(user.tenantScope()), user.demo(), Timestamp.from(now))
			.update();
	}

	Optional<Account> findByEmail(String email) {
		return jdbc.sql("select * from user_account where lower(email) = lower(?)")
			.param(email)
			.query(this::account)
			.optional();
	}

	Optional<Account> find(UUID id) {
		return jdbc.sql("select * from user_account where id = ?").param(id).query(this::account).optional();
	}

	List<VigilUser> list(OrganizationId organization) {
		return accounts(organization).stream().map(Account::user).toList();
	}

	List<Account> accounts(OrganizationId organization) {
		return jdbc.sql("select * from user_account where organization_id = ? order by email")
			.param(organization.value())
			.query(this::account)
			.list();
	}

	/**
	 * Counts a failed sign-in; locks the account until {@code lockUntil} once it reaches
	 * {@code limit}.
	 */
	int recordFailure(UUID id, int limit, Instant lockUntil) {
		return jdbc.sql("""
				update user_account set failed_logins = failed_logins + 1,
				  locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
				where id = ? returning failed_logins""")
			.params(limit, Timestamp.from(lockUntil), id)
			.query(Integer.class)
			.single();
	}

	void resetFailures(UUID id) {
		jdbc.sql("update user_account set failed_logins = 0, locked_until = null where id = ?").param(id).update();
	}

	void updateRole(OrganizationId organization, UUID id, Role role, @Nullable Set<ManagedTenantId> scope) {
		jdbc.sql("update user_account set role = ?, tenant_scope = ? where organization_id = ? and id = ?")
			.params(role.name(), scope(scope), organization.value(), id)
			.update();
	}

	/**
	 * Stores the key of an enrolment in progress; false (nothing changed) when a second
	 * factor is active.
	 */
	boolean storePendingTotpSecret(UUID id, byte[] sealed) {
		return jdbc
			.sql("update user_account set totp_secret = ?, totp_last_step = null where id = ? "
					+ "and not totp_enabled")
			.params(sealed, id)
			.update() == 1;
	}

	/** Activates the pending key; false when a second factor was activated meanwhile. */
	boolean enableTotp(UUID id, long step) {
		return jdbc
			.sql("update user_account set totp_enabled = true, totp_last_step = ? where id = ? "
					+ "and not totp_enabled")
			.params(step, id)
			.update() == 1;
	}

	/**
	 * Records the time step of an accepted code; false when it (or a later one) was used
	 * already: a replay.
	 */
	boolean useTotpStep(UUID id, long step) {
		return jdbc
			.sql("update user_account set totp_last_step = ? where id = ? "
					+ "and (totp_last_step is null or totp_last_step < ?)")
			.params(step, id, step)
			.update() == 1;
	}

	void replaceRecoveryCodes(UUID id, List<String> hashes) {
		jdbc.sql("delete from recovery_code where user_id = ?").param(id).update();
		for (var hash : hashes) {
			jdbc.sql("insert into recovery_code (user_id, code_hash) values (?, ?)").params(id, hash).update();
		}
	}

	boolean useRecoveryCode(UUID id, String hash, Instant now) {
		return jdbc.sql("update recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
			.params(Timestamp.from(now), id, hash)
			.update() == 1;
	}

	/** Enables or disables the account; disabling also ends its sessions. */
	void setDisabled(OrganizationId organization, UUID id, boolean disabled) {
		jdbc.sql("""
				update user_account set disabled = ?, failed_logins = 0, locked_until = null,
				  session_epoch = session_epoch + case when ? then 1 else 0 end
				where organization_id = ? and id = ?""").params(disabled, disabled, organization.value(), id).update();
	}

	/** Ends every session of the account at its next request; returns the new epoch. */
	int endSessions(UUID id) {
		return jdbc
			.sql("update user_account set session_epoch = session_epoch + 1 where id = ? returning session_epoch")
			.param(id)
			.query(Integer.class)
			.single();
	}

	void updatePassword(UUID id, String passwordHash) {
		jdbc.sql("update user_account set password_hash = ?, failed_logins = 0, locked_until = null where id = ?")
			.params(passwordHash, id)
			.update();
	}

	/**
	 * Removes the second factor and its recovery codes: the next sign-in enrols a new
	 * one.
	 */
	void clearSecondFactor(UUID id) {
		jdbc.sql("update user_account set totp_secret = null, totp_enabled = false, totp_last_step = null where id = ?")
			.param(id)
			.update();
		jdbc.sql("delete from recovery_code where user_id = ?").param(id).update();
	}

	private Account account(ResultSet rs, int row) throws SQLException {
		var user = new VigilUser(rs.getObject("id", UUID.class),
				new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("email"),
				rs.getString("display_name"), Role.valueOf(rs.getString("role")), scope(rs.getArray("tenant_scope")),
				rs.getBoolean("totp_enabled"), rs.getBoolean("demo"));
		Long lastStep = rs.getLong("totp_last_step");
		if (rs.wasNull()) {
			lastStep = null;
		}
		var locked = rs.getTimestamp("locked_until");
		return new Account(user, rs.getString("password_hash"), rs.getBytes("totp_secret"), lastStep,
				rs.getInt("failed_logins"), locked == null ? null : locked.toInstant(), rs.getBoolean("disabled"),
				rs.getInt("session_epoch"));
	}

	private static UUID @Nullable [] scope(@Nullable Set<ManagedTenantId> scope) {
		return scope == null ? null : scope.stream().map(ManagedTenantId::value).toArray(UUID[]::new);
	}

	private static @Nullable Set<ManagedTenantId> scope(@Nullable Array array) throws SQLException {
		if (array == null) {
			return null;
		}
		var result = new HashSet<ManagedTenantId>();
		Arrays.stream((Object[]) array.getArray()).forEach(id -> result.add(new ManagedTenantId((UUID) id)));
		return result;
	}

}
