package io.vigil;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@code prod} profile runs against Microsoft Graph only, without demo data: the
 * Graph simulator and the demo module are not even created there ({@code @Profile}), and
 * a configuration that asks for them is refused before any bean exists, naming the
 * setting, instead of starting with half of what was asked.
 */
@Configuration(proxyBeanMethods = false)
class ProductionSafety {

	@Bean
	static BeanFactoryPostProcessor noSimulatorOrDemoInProduction(Environment environment) {
		return beans -> {
			if (!environment.matchesProfiles("prod")) {
				return;
			}
			if ("simulator".equalsIgnoreCase(environment.getProperty("app.graph.mode", "live"))) {
				throw new IllegalStateException("The prod profile talks to Microsoft Graph only: "
						+ "app.graph.mode=simulator is refused (the simulator is for the demo and tests)");
			}
			if (environment.getProperty("app.demo.enabled", Boolean.class, false)) {
				throw new IllegalStateException(
						"The prod profile runs without demo data: app.demo.enabled=true is refused");
			}
		};
	}

}
