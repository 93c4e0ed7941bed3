package io.vigil;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * One application module and the modules it depends on, nothing else (no web layer, no
 * security, no notifications), on a database of its own on the test PostgreSQL server:
 * for a module's event flows, driven and observed through Spring Modulith's
 * {@code Scenario} (a test method parameter).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(ClockConfiguration.class)
public @interface VigilModuleTest {

}
