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

/** With no datasource configured, the app runs its own PostgreSQL 18, and the data survives a restart. */
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
		// closing the context stops the server (no JVM hook of its own races the context's shutdown)
		assertThatException().isThrownBy(() -> java.sql.DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres")
			.close());
		try (var second = start(dataDirectory)) {
			assertThat(second.getBean(ManagedTenants.class).findOrganizationByName("Survives restarts")).isPresent();
		}
	}

	private static ConfigurableApplicationContext start(Path dataDirectory) {
		return new SpringApplicationBuilder(VigilApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run("--app.embedded-postgres.data-directory=" + dataDirectory, "--app.ingest.scheduling-enabled=false");
	}

}
