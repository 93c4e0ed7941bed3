package io.vigil.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.vigil.tenants.SecretSealing;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * What the people's pool of {@link RowSecurityDataSource} logs in with, and the key its
 * scopes are signed with. Both derive from the secrets key, so every replica agrees
 * without another secret to manage; an operator whose database user may not manage roles
 * creates {@code vigil_app} (LOGIN) and sets {@code app.row-security.password}.
 */
class RowSecurityCredentials {

	/** Opens a connection of the owner's pool, identified as Vigil itself. */
	interface OwnerConnections {

		Connection identify(Connection connection) throws SQLException;

	}

	private final ObjectProvider<SecretSealing> sealing;

	private final Environment environment;

	private volatile byte @Nullable [] scopeKey;

	RowSecurityCredentials(ObjectProvider<SecretSealing> sealing, Environment environment) {
		this.sealing = sealing;
		this.environment = environment;
	}

	byte[] scopeKey() {
		var key = scopeKey;
		if (key == null) {
			key = sealing.getObject().derivedKey("row security scope");
			scopeKey = key;
		}
		return key;
	}

	private String password() {
		var configured = environment.getProperty("app.row-security.password");
		return configured != null && !configured.isBlank() ? configured : HexFormat.of()
			.formatHex(sealing.getObject().derivedKey("database role " + RowSecurityDataSource.APP_ROLE));
	}

	/**
	 * Stores the scope key where only the owner reads it, gives {@code vigil_app} its
	 * login where the owner may manage roles, and opens the people's pool on the owner's
	 * database.
	 */
	HikariDataSource provision(DataSource owner, OwnerConnections identify) throws SQLException {
		var password = password();
		try (var connection = identify.identify(owner.getConnection())) {
			try (var statement = connection.prepareStatement(
					"insert into row_security_key (id, key) values (1, ?) on conflict (id) do update set key = excluded.key "
							+ "where row_security_key.key <> excluded.key")) {
				statement.setBytes(1, scopeKey());
				statement.executeUpdate();
			}
			if (environment.getProperty("app.row-security.password") == null && mayManageRoles(connection)) {
				try (var statement = connection.createStatement()) {
					// a literal: ALTER ROLE takes no parameters; the password is hex, so
					// nothing to escape
					statement.execute("alter role " + RowSecurityDataSource.APP_ROLE + " with login password '"
							+ password + "' nosuperuser nobypassrls nocreaterole nocreatedb noreplication");
				}
			}
		}
		var pool = new HikariDataSource();
		pool.setJdbcUrl(withoutCredentials(jdbcUrl(owner)));
		pool.setUsername(RowSecurityDataSource.APP_ROLE);
		pool.setPassword(password);
		pool.setPoolName("vigil-people");
		pool.setMaximumPoolSize(owner instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10);
		try (var check = pool.getConnection();
				var statement = check
					.prepareStatement("select session_user = ?, rolsuper or rolbypassrls from pg_roles "
							+ "where rolname = session_user")) {
			statement.setString(1, RowSecurityDataSource.APP_ROLE);
			try (var result = statement.executeQuery()) {
				// fail closed: a pool that is not vigil_app, or one that bypasses
				// row-level security, is no wall
				if (!result.next() || !result.getBoolean(1) || result.getBoolean(2)) {
					throw new SQLException("the people's connections are not " + RowSecurityDataSource.APP_ROLE
							+ " without BYPASSRLS");
				}
			}
			return pool;
		}
		catch (SQLException ex) {
			pool.close();
			throw new SQLException("Cannot connect as " + RowSecurityDataSource.APP_ROLE + " for signed-in requests: "
					+ "let Vigil's database user manage roles, or create the role with LOGIN and set "
					+ "app.row-security.password (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * The owner's URL may name its user (and password): those must not reach the people's
	 * pool.
	 */
	static String withoutCredentials(String url) {
		var query = url.indexOf('?');
		if (query < 0) {
			return url;
		}
		var kept = java.util.Arrays.stream(url.substring(query + 1).split("&"))
			.filter(parameter -> !parameter.toLowerCase(java.util.Locale.ROOT).startsWith("user=")
					&& !parameter.toLowerCase(java.util.Locale.ROOT).startsWith("password="))
			.collect(java.util.stream.Collectors.joining("&"));
		return url.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
	}

	private static boolean mayManageRoles(Connection connection) throws SQLException {
		try (var statement = connection
			.prepareStatement("select rolsuper or rolcreaterole from pg_roles where rolname = current_user");
				var result = statement.executeQuery()) {
			return result.next() && result.getBoolean(1);
		}
	}

	private String jdbcUrl(DataSource owner) {
		if (owner instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
			return hikari.getJdbcUrl();
		}
		var url = environment.getProperty("spring.datasource.url");
		if (url == null) {
			throw new IllegalStateException("No JDBC URL for the signed-in people's connections");
		}
		return url;
	}

}
