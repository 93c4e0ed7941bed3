package io.vigil;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process PostgreSQL server used when no {@code spring.datasource.url} is
 * configured.
 *
 * @param dataDirectory where the server keeps its data; it survives restarts
 * @param port the port it listens on (loopback only); 0 picks a free one
 */
@ConfigurationProperties("app.embedded-postgres")
record EmbeddedPostgresSettings(@DefaultValue(".vigil/postgres") Path dataDirectory, @DefaultValue("0") int port) {
}
