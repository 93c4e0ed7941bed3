package io.vigil.notification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.VigilIntegrationTest;
import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.awaitility.Awaitility.await;

/**
 * Incident to SMTP hand-off: incidents opened at a steady pace (each told to the MSP's
 * team and a customer contact), with the worker at its production interval (1 s), over
 * real SMTP (GreenMail). Measures, per message, from the incident's commit to the moment
 * the SMTP server accepted it (the outbox's {@code sent_at}). Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=NotificationLatencyBenchmark}; writes
 * {@code target/benchmarks/notification.txt}; figures in {@code docs/benchmarks.md}.
 */
@VigilIntegrationTest
@DirtiesContext
@Tag("benchmark")
class NotificationLatencyBenchmark {

	static final int INCIDENTS = 300;

	static final Duration PACE = Duration.ofMillis(100);

	static GreenMail smtp = started();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	@Autowired
	ManagedTenants tenants;

	@Autowired
	NotificationRouting routing;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void incidentToSmtpHandOff() throws IOException {
		var organization = tenants.createOrganization("Benchmark MSP").id();
		var app = tenants.registerGraphApp(organization, "client", new Secret("s"));
		var tenant = tenants.connect(organization, app, UUID.randomUUID().toString(), "Contoso").id();
		var admin = new VigilUser(UUID.randomUUID(), organization, "admin@bench.example", "Admin", Role.ORG_ADMIN, null,
				true, false);
		routing.addRoute(admin, null, Severity.LOW, Route.Audience.MSP, "soc@bench.example", Route.Delivery.IMMEDIATE);
		routing.addRoute(admin, tenant, Severity.HIGH, Route.Audience.CUSTOMER, "it@contoso.example",
				Route.Delivery.IMMEDIATE);
		var started = Instant.now();
		for (int i = 0; i < INCIDENTS; i++) {
			var match = new SignInMatch("RULE-1143", "Successful sign-in from CloudFlare", Severity.HIGH,
					Duration.ofHours(24), List.<ChecklistStep>of(), "account=user-" + i,
					Math.abs(UUID.randomUUID().getMostSignificantBits()), "graph-" + UUID.randomUUID(), Instant.now(),
					"user-" + i, "user-" + i + "@contoso.example", "User " + i, "104.16.3.4",
					Map.of("userAgent", "Mozilla/5.0", "ip",
							Map.of("address", "104.16.3.4", "asn", 13335, "cloudflare", true, "country", "NL")));
			transactions.executeWithoutResult(status -> events
				.publishEvent(new SignInsMatched(organization, tenant, List.of(match), Instant.now())));
			await().pollDelay(PACE).until(() -> true);
		}
		await().atMost(Duration.ofMinutes(5))
			.until(() -> jdbc
				.sql("select count(*) from notification " + "where organization_id = ? and status = 'SENT'")
				.param(organization.value())
				.query(Long.class)
				.single() == 2L * INCIDENTS);
		var figures = jdbc
			.sql("""
					select percentile_cont(0.5) within group (order by ms), percentile_cont(0.95) within group (order by ms),
					       max(ms), count(*)
					from (select extract(epoch from (n.sent_at - i.created_at)) * 1000 as ms
					      from notification n join incident i on i.id = n.incident_id where n.organization_id = ?) latencies""")
			.param(organization.value())
			.query((rs,
					row) -> "incident commit -> SMTP accepted, %d messages of %d incidents opened over %s: p50 %.0f ms, p95 %.0f ms, max %.0f ms"
						.formatted(rs.getLong(4), INCIDENTS, Duration.between(started, Instant.now()), rs.getDouble(1),
								rs.getDouble(2), rs.getDouble(3)))
			.single();
		Files.createDirectories(Path.of("target/benchmarks"));
		Files.writeString(Path.of("target/benchmarks/notification.txt"), figures + "\n");
		System.out.println(figures);
	}

	private static GreenMail started() {
		var server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

}
