package io.vigil;

import org.assertj.core.util.Throwables;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts that must not happen: demo mode against a configured database, production
 * without its secrets key, and production on a database holding demo accounts (published
 * passwords).
 */
class SafeDefaultsTests {

	static final String KEY = "--app.tenants.encryption-key=dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=";

	@Test
	void demoModeRefusesAConfiguredDatabase() {
		assertThatException()
			.isThrownBy(() -> start("demo", "--spring.datasource.url=" + TestDatabase.createDatabase()))
			.satisfies(failure -> org.assertj.core.api.Assertions.assertThat(Throwables.getStackTrace(failure))
				.contains("Demo mode refuses the configured database", "SPRING_PROFILES_ACTIVE=prod"));
	}

	@Test
	void productionRefusesToStartWithoutItsSecretsKey() {
		assertThatException()
			.isThrownBy(() -> start("prod", "--spring.datasource.url=" + TestDatabase.createDatabase()))
			.satisfies(failure -> org.assertj.core.api.Assertions.assertThat(Throwables.getStackTrace(failure))
				.contains("No encryption key for secrets"));
	}

	@Test
	void productionRefusesADatabaseWithDemoAccounts() {
		var url = TestDatabase.createDatabase();
		try (var migrated = start("test", "--spring.datasource.url=" + url, KEY)) {
			var jdbc = migrated.getBean(JdbcClient.class);
			var organization = java.util.UUID.randomUUID();
			jdbc.sql("insert into organization (id, name, created_at) values (?, 'Leftover demo', now())")
				.param(organization)
				.update();
			jdbc.sql(
					"""
							insert into user_account (id, organization_id, email, display_name, password_hash, role, demo, created_at)
							values (?, ?, 'admin@demo-msp.example', 'Demo Admin', '-', 'ORG_ADMIN', true, now())""")
				.params(java.util.UUID.randomUUID(), organization)
				.update();
		}
		assertThatException().isThrownBy(() -> start("prod", "--spring.datasource.url=" + url, KEY))
			.satisfies(failure -> org.assertj.core.api.Assertions.assertThat(Throwables.getStackTrace(failure))
				.contains("holds demo accounts", "admin@demo-msp.example"));
	}

	@Test
	void productionCreatesNothingOfTheSimulatorOrTheDemo() {
		try (var production = start("prod", "--spring.datasource.url=" + TestDatabase.createDatabase(), KEY)) {
			var offPath = java.util.Arrays.stream(production.getBeanDefinitionNames())
				.map(name -> production.getType(name))
				.filter(java.util.Objects::nonNull)
				.map(Class::getName)
				.filter(type -> type.startsWith("io.vigil.graph.simulator.") || type.startsWith("io.vigil.demo."))
				.toList();
			org.assertj.core.api.Assertions.assertThat(offPath).isEmpty();
			org.assertj.core.api.Assertions
				.assertThat(production.getBean(io.vigil.graph.http.GraphEndpoints.class).graphBaseUrl())
				.hasToString("https://graph.microsoft.com");
		}
		try (var test = start("test", "--spring.datasource.url=" + TestDatabase.createDatabase(), KEY)) {
			org.assertj.core.api.Assertions
				.assertThat(test.getBeansOfType(io.vigil.graph.simulator.GraphSimulator.class))
				.as("the same check finds the simulator where it runs")
				.hasSize(1);
		}
	}

	@Test
	void productionRefusesTheSimulatorAndDemoData() {
		for (var asked : java.util.List.of("--app.graph.mode=simulator", "--app.demo.enabled=true")) {
			assertThatException()
				.isThrownBy(() -> start("prod", "--spring.datasource.url=" + TestDatabase.createDatabase(), KEY, asked))
				.satisfies(failure -> org.assertj.core.api.Assertions.assertThat(Throwables.getStackTrace(failure))
					.contains("The prod profile", asked.substring(2)));
		}
	}

	private static org.springframework.context.ConfigurableApplicationContext start(String profile, String... args) {
		var all = new java.util.ArrayList<>(java.util.List.of(args));
		all.add("--spring.datasource.username=postgres");
		all.add("--spring.datasource.password=postgres");
		all.add("--app.ingest.scheduling-enabled=false");
		return new SpringApplicationBuilder(VigilApplication.class).web(WebApplicationType.NONE)
			.profiles(profile)
			.run(all.toArray(String[]::new));
	}

}
