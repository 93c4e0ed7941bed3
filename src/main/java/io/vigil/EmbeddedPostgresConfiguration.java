package io.vigil;

import java.io.IOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server in-process when no external database is configured, so the app runs on a
 * fresh machine without any setup. Its data directory is kept between runs. An external server is configured the
 * standard Spring way ({@code spring.datasource.url} / {@code SPRING_DATASOURCE_URL}), and then this backs off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresSettings settings) throws IOException {
		var directory = settings.dataDirectory().toAbsolutePath();
		Files.createDirectories(directory);
		var postgres = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(settings.port())
			.setServerConfig("listen_addresses", "127.0.0.1")
			// stopped by the context after everything that uses it (destroyMethod), not by a JVM hook of its own
			// that races the context's shutdown and leaves the last listeners waiting for a connection
			.setRegisterShutdownHook(false)
			.start();
		log.info("Embedded PostgreSQL 18 listening on 127.0.0.1:{} (psql -h 127.0.0.1 -p {} -U postgres), data in {}",
				postgres.getPort(), postgres.getPort(), directory);
		return postgres;
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		var dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
		dataSource.setMaximumPoolSize(16);
		dataSource.setPoolName("vigil-embedded");
		return dataSource;
	}

}
