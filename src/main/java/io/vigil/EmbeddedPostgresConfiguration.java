package io.vigil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Starts a real PostgreSQL server in-process when no external database is configured, so
 * the app runs on a fresh machine without any setup. Its data directory is kept between
 * runs. It listens on loopback only and asks for a password generated at its first start
 * (kept beside the data, readable by its owner only), so no other local process is a
 * superuser over the organizations' data. An external server is configured the standard
 * Spring way ({@code spring.datasource.url} / {@code SPRING_DATASOURCE_URL}), and then
 * this backs off; the {@code prod} profile never starts it (a production start without a
 * database fails, saying the URL is missing).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!prod")
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	private static final String HBA = """
			# Vigil's embedded server: loopback only, with the generated password (see %s)
			local all all scram-sha-256
			host  all all 127.0.0.1/32 scram-sha-256
			host  all all ::1/128 scram-sha-256
			""";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresSettings settings) throws IOException, SQLException {
		var directory = settings.dataDirectory().toAbsolutePath();
		Files.createDirectories(directory);
		var passwordFile = passwordFile(directory);
		var password = password(passwordFile);
		var postgres = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(settings.port())
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setConnectConfig("password", password)
			// stopped by the context after everything that uses it (destroyMethod), not
			// by a JVM hook of its own
			// that races the context's shutdown and leaves the last listeners waiting for
			// a connection
			.setRegisterShutdownHook(false)
			.start();
		requirePassword(postgres, directory, password, passwordFile);
		log.info("Embedded PostgreSQL 18 listening on 127.0.0.1:{} (PGPASSWORD=$(cat {}) psql -h 127.0.0.1 -p {} "
				+ "-U postgres), data in {}", postgres.getPort(), passwordFile, postgres.getPort(), directory);
		return postgres;
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresSettings settings) throws IOException {
		var dataSource = new HikariDataSource();
		dataSource
			.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?reWriteBatchedInserts=true");
		dataSource.setUsername("postgres");
		dataSource.setPassword(password(passwordFile(settings.dataDirectory().toAbsolutePath())));
		dataSource.setMaximumPoolSize(16);
		dataSource.setPoolName("vigil-embedded");
		return dataSource;
	}

	static Path passwordFile(Path dataDirectory) {
		return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
	}

	/** The superuser's password: generated once, then read from its file. */
	private static String password(Path file) throws IOException {
		if (Files.exists(file)) {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		var bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		var password = HexFormat.of().formatHex(bytes);
		Files.writeString(file, password, StandardCharsets.UTF_8);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the file is as private as its folder
		}
		return password;
	}

	/**
	 * initdb leaves every local connection trusted; at the first start (or on a data
	 * directory from before this check) the superuser gets the generated password and the
	 * server starts asking for it.
	 */
	private static void requirePassword(EmbeddedPostgres postgres, Path directory, String password, Path passwordFile)
			throws IOException, SQLException {
		var hba = directory.resolve("pg_hba.conf");
		if (!Files.readString(hba).contains("trust")) {
			return;
		}
		try (var connection = postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			// a literal: ALTER ROLE takes no parameters; the password is hex, so nothing
			// to escape
			statement.execute("alter role postgres password '" + password + "'");
			Files.writeString(hba, HBA.formatted(passwordFile));
			statement.execute("select pg_reload_conf()");
		}
	}

}
