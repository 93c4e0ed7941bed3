package io.vigil;

import java.nio.file.Path;

import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * With no datasource configured, the app runs its own PostgreSQL 18, and the data
 * survives a restart.
 */
class EmbeddedPostgresTests {

	@Test
	void keepsDataAcrossRestarts(@TempDir Path dataDirectory) {
		int port;
		try (var first = start(dataDirectory)) {
			assertThat(first.getBean(JdbcClient.class).sql("select version()").query(String.class).single())
				.startsWith("PostgreSQL 18");
			first.getBean(ManagedTenants.class).createOrganization("Survives restarts");
			port = first.getBean(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class).getPort();
		}
		// closing the context stops the server (no JVM hook of its own races the
		// context's shutdown)
		assertThatException().isThrownBy(() -> java.sql.DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres")
			.close());
		try (var second = start(dataDirectory)) {
			assertThat(second.getBean(ManagedTenants.class).findOrganizationByName("Survives restarts")).isPresent();
		}
	}

	/**
	 * No other local process is a superuser: loopback only, and the generated password is
	 * asked for.
	 */
	@Test
	void listensOnLoopbackAndAsksForItsGeneratedPassword(@TempDir Path parent) throws Exception {
		var dataDirectory = parent.resolve("postgres");
		try (var context = start(dataDirectory)) {
			var port = context.getBean(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class).getPort();
			var url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
			var passwordFile = parent.resolve("postgres.password");
			var password = java.nio.file.Files.readString(passwordFile).strip();
			assertThat(password).hasSize(48);
			assertThat(java.nio.file.Files.getPosixFilePermissions(passwordFile)).containsExactlyInAnyOrder(
					java.nio.file.attribute.PosixFilePermission.OWNER_READ,
					java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
			for (var guess : new String[] { "", "postgres", "wrong" }) {
				assertThatException().as("password '" + guess + "'")
					.isThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", guess).close());
			}
			try (var connection = java.sql.DriverManager.getConnection(url, "postgres", password);
					var result = connection.createStatement().executeQuery("show listen_addresses")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo("127.0.0.1");
			}
		}
	}

	/**
	 * Production with no database configured fails to start and starts no embedded
	 * server.
	 */
	@Test
	void productionNeverStartsAnEmbeddedDatabase(@TempDir Path parent) {
		var dataDirectory = parent.resolve("postgres");
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(VigilApplication.class).web(WebApplicationType.NONE)
				.profiles("prod")
				.run("--app.embedded-postgres.data-directory=" + dataDirectory, "--app.ingest.scheduling-enabled=false",
						"--app.tenants.encryption-key=dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24="))
			.satisfies(failure -> assertThat(org.assertj.core.util.Throwables.getStackTrace(failure))
				.contains("Failed to determine a suitable driver class"));
		assertThat(dataDirectory).doesNotExist();
	}

	private static ConfigurableApplicationContext start(Path dataDirectory) {
		return new SpringApplicationBuilder(VigilApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run("--app.embedded-postgres.data-directory=" + dataDirectory, "--app.ingest.scheduling-enabled=false");
	}

}
