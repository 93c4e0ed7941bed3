package io.vigil;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points an application context at a new, empty database on the test PostgreSQL server.
 */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues
			.of("spring.datasource.url=" + TestDatabase.createDatabase(), "spring.datasource.username=postgres",
					"spring.datasource.password=postgres")
			.applyTo(context);
	}

}
