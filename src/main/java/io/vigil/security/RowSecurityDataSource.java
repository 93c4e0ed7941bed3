package io.vigil.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.vigil.shared.ManagedTenantId;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Tells PostgreSQL whom each connection acts for, so row-level security (migration V9) holds even where a query
 * forgets its filter: for a signed-in person, their organization and tenants, as the unprivileged role
 * {@code vigil_app}; for Vigil itself (no one signed in on this thread: pollers, listeners, sign-in), everything.
 * Set on every checkout from the pool, so no connection carries an earlier request's identity.
 */
class RowSecurityDataSource extends DelegatingDataSource {

	static final String APP_ROLE = "vigil_app";

	private static final String IDENTIFY = "select set_config('role', ?, false), "
			+ "set_config('vigil.organization', ?, false), set_config('vigil.tenants', ?, false)";

	private volatile Boolean roleAvailable;

	RowSecurityDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return identify(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return identify(super.getConnection(username, password));
	}

	private Connection identify(Connection connection) throws SQLException {
		var user = CurrentUser.anyStage();
		try (var statement = connection.prepareStatement(IDENTIFY)) {
			if (user == null) {
				statement.setString(1, "none");
				statement.setString(2, "*");
				statement.setString(3, "*");
			}
			else {
				statement.setString(1, roleAvailable(connection) ? APP_ROLE : "none");
				statement.setString(2, user.organizationId().value().toString());
				statement.setString(3, user.tenantScope() == null ? "*"
						: user.tenantScope().stream().map(ManagedTenantId::value).map(String::valueOf)
							.collect(Collectors.joining(",")));
			}
			statement.execute();
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return connection;
	}

	private boolean roleAvailable(Connection connection) throws SQLException {
		if (roleAvailable == null) {
			try (var statement = connection.prepareStatement(
					"select exists (select 1 from pg_roles where rolname = ?) and pg_has_role(?, 'member')")) {
				statement.setString(1, APP_ROLE);
				statement.setString(2, APP_ROLE);
				try (var result = statement.executeQuery()) {
					result.next();
					roleAvailable = result.getBoolean(1);
				}
			}
		}
		return roleAvailable;
	}

}
