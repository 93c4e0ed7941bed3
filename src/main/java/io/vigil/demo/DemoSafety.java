package io.vigil.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.context.annotation.Profile;

/**
 * Demo mode writes demo accounts with published passwords and a published second factor:
 * it runs on its own embedded database only, never against a database someone configured
 * (which could be production's). A start in demo mode (the default when no profile is
 * active) with {@code spring.datasource.url} set is refused.
 */
@Profile("!prod")
@Component
@ConditionalOnProperty(prefix = "app.demo", name = "enabled", havingValue = "true")
class DemoSafety {

	DemoSafety(Environment environment) {
		var url = environment.getProperty("spring.datasource.url");
		if (url != null && !url.isBlank()) {
			throw new IllegalStateException("Demo mode refuses the configured database " + url.replaceAll("\\?.*", "")
					+ ": it would write demo accounts with published passwords into it. For your own database, start "
					+ "with SPRING_PROFILES_ACTIVE=prod (and APP_TENANTS_ENCRYPTION_KEY); for the demo, unset "
					+ "SPRING_DATASOURCE_URL.");
		}
	}

}
