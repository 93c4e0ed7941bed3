package io.vigil;

import org.springframework.boot.SpringApplication;

/**
 * Starts Vigil for development with test wiring, as Spring's own sample applications do:
 * the demo (embedded PostgreSQL, the Graph simulator, demo tenants and accounts, the demo
 * mailbox) with the application's clock a {@link MovableClock}, so that what waits for
 * time (a containment watch, a digest, retention) can be moved along from a debugger
 * instead of waited for. Run {@code ./mvnw spring-boot:test-run}, or this class's
 * {@code main} from the IDE.
 */
public final class TestVigilApplication {

	private TestVigilApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(VigilApplication::main)
			.with(MovableClock.InContext.class)
			.withAdditionalProfiles("demo")
			.run(args);
	}

}
