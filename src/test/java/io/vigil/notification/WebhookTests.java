package io.vigil.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;
import io.vigil.security.Role;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks against a real local HTTP receiver: Teams, Slack and generic payloads; the
 * generic signature verifies with the secret shown once; a receiver's 500 is retried and
 * nothing is lost; "send test" reports its delivery.
 */
@VigilIntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "app.notification.worker-interval=PT0.2S", "app.notification.backoff-base=PT0.5S",
		"app.notification.backoff-max=PT1S", "app.notification.allow-insecure-webhooks=true" })
class WebhookTests {

	record Received(String path, Map<String, String> headers, String body) {
	}

	final JsonMapper json = JsonMapper.builder().build();

	final List<Received> received = new CopyOnWriteArrayList<>();

	final AtomicInteger failuresLeft = new AtomicInteger();

	HttpServer receiver;

	@Autowired
	Simulation simulation;

	@Autowired
	NotificationRouting routing;

	OrganizationId organization;

	ManagedTenantId tenant;

	VigilUser admin;

	@BeforeEach
	void aReceiver() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", this::receive);
		receiver.start();
		organization = simulation.tenants().createOrganization("Hooked MSP " + UUID.randomUUID()).id();
		var app = simulation.tenants().registerGraphApp(organization, "client-" + UUID.randomUUID(), new Secret("s"));
		tenant = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "Contoso").id();
		admin = new VigilUser(UUID.randomUUID(), organization, "admin@hooked.example", "Admin", Role.ORG_ADMIN, null,
				true, false);
	}

	@AfterEach
	void stop() {
		receiver.stop(0);
	}

	private void receive(HttpExchange exchange) throws IOException {
		var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		if (failuresLeft.getAndDecrement() > 0) {
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
			return;
		}
		received.add(new Received(exchange.getRequestURI().getPath(),
				Map.of("timestamp", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookPayloads.TIMESTAMP)),
						"signature", String.valueOf(exchange.getRequestHeaders().getFirst(WebhookPayloads.SIGNATURE))),
				body));
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
	}

	@Test
	void teamsSlackAndSignedGenericPayloadsAndAFiveHundredIsRetried() throws Exception {
		routing.addWebhook(admin, Webhook.Kind.TEAMS, url("/teams"), Severity.HIGH);
		routing.addWebhook(admin, Webhook.Kind.SLACK, url("/slack"), Severity.MEDIUM);
		var generic = routing.addWebhook(admin, Webhook.Kind.GENERIC, url("/generic"), Severity.LOW);
		failuresLeft.set(2);
		var incident = open(Severity.HIGH, "<b>bob</b>@contoso.example");

		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);
		var teams = only("/teams");
		var card = teams.path("attachments").get(0);
		assertThat(card.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
		assertThat(card.path("content").path("body").get(0).path("text").asString()).contains("[HIGH]",
				"Successful sign-in from CloudFlare", "opened");
		var slack = only("/slack");
		assertThat(slack.path("text").asString()).contains("[HIGH]");
		assertThat(slack.path("blocks").get(0).path("text").path("text").asString()).contains("&lt;b&gt;bob&lt;/b&gt;")
			.doesNotContain("<b>");

		var request = received.stream().filter(r -> r.path().equals("/generic")).findFirst().orElseThrow();
		var expected = WebhookPayloads.signature(generic.secret().reveal(),
				Long.parseLong(request.headers().get("timestamp")), request.body());
		assertThat(request.headers().get("signature")).isEqualTo(expected).startsWith("sha256=");
		assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(request.headers().get("timestamp"))))
			.isLessThan(60);
		var payload = json.readTree(request.body());
		assertThat(payload.path("event").asString()).isEqualTo("OPENED");
		assertThat(payload.path("incident").path("id").asString()).isEqualTo(incident.toString());
		// a signature made with another secret does not verify
		assertThat(WebhookPayloads.signature("another secret", Long.parseLong(request.headers().get("timestamp")),
				request.body()))
			.isNotEqualTo(request.headers().get("signature"));

		assertThat(simulation.jdbc()
			.sql("select count(*) from notification_attempt a join notification n on n.id = a.notification_id "
					+ "where n.organization_id = ? and a.outcome = 'failed'")
			.param(organization.value())
			.query(Long.class)
			.single()).isEqualTo(2);
		// (the worker records the delivery right after the receiver answered)
		await().atMost(Duration.ofSeconds(10))
			.until(() -> simulation.jdbc()
				.sql("select count(*) from notification " + "where organization_id = ? and status = 'SENT'")
				.param(organization.value())
				.query(Long.class)
				.single() == 3);
		assertThat(routing.webhooks(organization))
			.allSatisfy(webhook -> assertThat(webhook.lastStatus()).isEqualTo("delivered"));
	}

	@Test
	void aTestMessageShowsItsDeliveryAndOnlyHttpsIsAccepted() {
		var webhook = routing.addWebhook(admin, Webhook.Kind.SLACK, url("/test"), Severity.HIGH).webhook();
		assertThat(routing.sendTest(admin, webhook.id())).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
		assertThat(received.getFirst().body()).contains("Test from Vigil");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "delivered".equals(routing.webhooks(organization).getFirst().lastStatus()));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> routing.addWebhook(admin, Webhook.Kind.GENERIC, "http://hooks.example/x", Severity.HIGH))
			.withMessageContaining("https://");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> routing.addWebhook(admin, Webhook.Kind.GENERIC, "file:///etc/passwd", Severity.HIGH));
		var responder = new VigilUser(UUID.randomUUID(), organization, "r@hooked.example", "R", Role.RESPONDER, null,
				true, false);
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(org.springframework.security.access.AccessDeniedException.class)
			.isThrownBy(() -> routing.addWebhook(responder, Webhook.Kind.GENERIC, url("/x"), Severity.HIGH));
	}

	/**
	 * The attack: a webhook saved at a public receiver is later pointed inside the
	 * provider's network (here by its row; a DNS name can change the same way). Nothing
	 * is posted there, and the webhook says why.
	 */
	@Test
	void nothingIsPostedInsideTheNetwork() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> routing.addWebhook(admin, Webhook.Kind.GENERIC, "https://169.254.169.254/latest", Severity.HIGH))
			.withMessageContaining("not a public internet address");
		var webhook = routing.addWebhook(admin, Webhook.Kind.GENERIC, url("/moved"), Severity.HIGH).webhook();
		simulation.jdbc()
			.sql("update webhook set url = 'https://10.0.0.5/hook' where id = ?")
			.param(webhook.id())
			.update();
		assertThat(routing.sendTest(admin, webhook.id())).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(routing.webhooks(organization).getFirst().lastStatus())
				.isEqualTo("not delivered: 10.0.0.5 is not a public internet address: "
						+ "webhooks go to services on the internet only"));
		assertThat(received).isEmpty();
	}

	private JsonNode only(String path) {
		return json.readTree(received.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow().body());
	}

	private UUID open(Severity severity, String upn) {
		var match = new SignInMatch("RULE-1143", "Successful sign-in from CloudFlare", severity, Duration.ofHours(24),
				List.<ChecklistStep>of(), "account=" + upn, Math.abs(UUID.randomUUID().getMostSignificantBits()),
				"graph-" + UUID.randomUUID(), Instant.now(), "user-1", upn, "Bob", "104.16.3.4",
				Map.of("ip", Map.of("address", "104.16.3.4", "asn", 13335)));
		simulation.publish(new SignInsMatched(organization, tenant, List.of(match), Instant.now()));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !simulation.incidents().recent(organization, tenant, 1).isEmpty());
		return simulation.incidents().recent(organization, tenant, 1).getFirst().id();
	}

}
