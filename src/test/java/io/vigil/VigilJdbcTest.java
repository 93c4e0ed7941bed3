package io.vigil;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A repository slice: Spring's JDBC and transactions and Flyway's schema on a database of
 * its own on the test PostgreSQL server (never an embedded replacement), the test
 * profile's settings, the application's {@link java.time.Clock}, and only the classes the
 * test imports. Each test runs in a transaction that is rolled back. For what a module's
 * services do with their tables, without the web layer, the Graph simulator or the
 * schedulers' work.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(ClockConfiguration.class)
public @interface VigilJdbcTest {

}
