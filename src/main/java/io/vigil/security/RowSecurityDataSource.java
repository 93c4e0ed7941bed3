package io.vigil.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.shared.ActingAsVigil;
import io.vigil.shared.ManagedTenantId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells PostgreSQL whom each connection acts for, so row-level security (migrations V9,
 * V24) holds even where a query forgets its filter, and even against SQL that was never
 * meant to run (an injection):
 * <ul>
 * <li>a signed-in person's connections come from a pool of their own that logs in as
 * {@code vigil_app}, a role that owns no table, bypasses nothing and can switch to no
 * other; their organization and tenants are set as a value signed with a key that role
 * cannot read, so SQL on such a connection cannot widen its own scope;</li>
 * <li>Vigil's own work (no one signed in on this thread: pollers, listeners, sign-in; or
 * {@link ActingAsVigil}) runs on the configured pool, as the tables' owner, acting for
 * every organization.</li>
 * </ul>
 * Set on every checkout, so no connection carries an earlier request's identity.
 */
class RowSecurityDataSource extends DelegatingDataSource implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RowSecurityDataSource.class);

	static final String APP_ROLE = "vigil_app";

	private static final String AS_VIGIL = "select set_config('vigil.organization', '*', false), "
			+ "set_config('vigil.tenants', '*', false), set_config('vigil.scope', '', false)";

	private static final String AS_PERSON = "select set_config('vigil.scope', ?, false)";

	private final RowSecurityCredentials credentials;

	private volatile @Nullable HikariDataSource people;

	RowSecurityDataSource(DataSource target, RowSecurityCredentials credentials) {
		super(target);
		this.credentials = credentials;
	}

	@Override
	public Connection getConnection() throws SQLException {
		var user = ActingAsVigil.active() ? null : CurrentUser.anyStage();
		return user == null ? asVigil(super.getConnection()) : asPerson(people().getConnection(), user);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		var user = ActingAsVigil.active() ? null : CurrentUser.anyStage();
		return user == null ? asVigil(super.getConnection(username, password))
				: asPerson(people().getConnection(), user);
	}

	private Connection asVigil(Connection connection) throws SQLException {
		try (var statement = connection.prepareStatement(AS_VIGIL)) {
			statement.execute();
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	private Connection asPerson(Connection connection, VigilUser user) throws SQLException {
		try (var statement = connection.prepareStatement(AS_PERSON)) {
			statement.setString(1, signedScope(user));
			statement.execute();
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	/**
	 * {@code organization|tenants|mac}, tenants {@code *} for all; the MAC is what
	 * vigil_scope_verified() checks.
	 */
	String signedScope(VigilUser user) {
		var payload = user.organizationId().value() + "|"
				+ (user.tenantScope() == null ? "*"
						: user.tenantScope()
							.stream()
							.map(ManagedTenantId::value)
							.map(String::valueOf)
							.sorted()
							.collect(Collectors.joining(",")));
		return payload + "|" + mac(credentials.scopeKey(), payload);
	}

	/**
	 * sha256(key || sha256(key || payload)), hex: what PostgreSQL computes with its
	 * built-in sha256().
	 */
	static String mac(byte[] key, String payload) {
		try {
			var inner = MessageDigest.getInstance("SHA-256");
			inner.update(key);
			inner.update(payload.getBytes(StandardCharsets.UTF_8));
			var outer = MessageDigest.getInstance("SHA-256");
			outer.update(key);
			outer.update(inner.digest());
			return HexFormat.of().formatHex(outer.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The people's pool, set up at first use (after the migrations that create the role
	 * and the key table).
	 */
	private HikariDataSource people() throws SQLException {
		var pool = people;
		if (pool == null) {
			synchronized (this) {
				pool = people;
				if (pool == null) {
					pool = credentials.provision(getTargetDataSource(), this::asVigil);
					people = pool;
					log.info("Requests of signed-in people connect as {}", APP_ROLE);
				}
			}
		}
		return pool;
	}

	@Override
	public void close() {
		var pool = people;
		if (pool != null) {
			pool.close();
		}
	}

}
