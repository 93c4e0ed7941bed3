package io.vigil.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.PageResults;
import io.vigil.Simulation;
import io.vigil.VigilIntegrationTest;
import io.vigil.detection.ChecklistStep;
import io.vigil.detection.Severity;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.SignInsMatched;
import io.vigil.incidents.IncidentStatus;
import io.vigil.security.Accounts;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.security.VigilUser;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Customers and the MSP hear of incidents over real SMTP (GreenMail): the right
 * recipients per route, one email per incident and update, HTML and text parts with
 * attacker text escaped and defanged, an outage that delays and loses nothing, two
 * workers that never send one message twice, and the signed answer links of the customer
 * email.
 */
@VigilIntegrationTest
@DirtiesContext
class CustomerNotificationTests {

	static final ServerSetup SMTP = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	static GreenMail smtp = started(SMTP);

	static int port = smtp.getSmtp().getPort();

	static final String USER_AGENT = "<script>alert(1)</script> visit https://evil.example/login now";

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> port);
		registry.add("app.notification.worker-interval", () -> "PT0.2S");
		registry.add("app.notification.backoff-base", () -> "PT0.5S");
		registry.add("app.notification.backoff-max", () -> "PT1S");
		registry.add("app.notification.base-url", () -> "https://vigil.example");
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Simulation simulation;

	@Autowired
	Accounts accounts;

	@Autowired
	NotificationRouting routing;

	OrganizationId organization;

	ManagedTenantId contoso;

	ManagedTenantId fabrikam;

	String suffix;

	@BeforeEach
	void anMspWithRoutes() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
		suffix = UUID.randomUUID().toString().substring(0, 8);
		organization = simulation.tenants().createOrganization("Notifying MSP " + suffix).id();
		var app = simulation.tenants().registerGraphApp(organization, "client-" + suffix, new Secret("s"));
		contoso = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "Contoso").id();
		fabrikam = simulation.tenants().connect(organization, app, UUID.randomUUID().toString(), "Fabrikam").id();
		var admin = new VigilUser(UUID.randomUUID(), organization, "admin-" + suffix + "@msp.example", "Admin",
				Role.ORG_ADMIN, null, true, false);
		TestSignIn.principal(simulation.jdbc(), admin);
		accounts.create(organization, it(), "Contoso IT", new Secret("a long enough password"), Role.TENANT_ADMIN,
				Set.of(contoso), false, "test");
		routing.addRoute(admin, null, Severity.LOW, Route.Audience.MSP, soc(), Route.Delivery.IMMEDIATE);
		routing.addRoute(admin, contoso, Severity.HIGH, Route.Audience.CUSTOMER, contact(), Route.Delivery.IMMEDIATE);
		routing.addRoute(admin, null, Severity.MEDIUM, Route.Audience.CUSTOMER, Route.TENANT_ADMINS,
				Route.Delivery.IMMEDIATE);
	}

	String soc() {
		return "soc-" + suffix + "@msp.example";
	}

	String contact() {
		return "contact-" + suffix + "@contoso.example";
	}

	String it() {
		return "it-" + suffix + "@contoso.example";
	}

	@Test
	void theRightPeopleGetOneEmailPerIncidentAndUpdate() throws Exception {
		var incident = open(contoso, Severity.HIGH, "account=alice");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> to(soc()).size() == 1 && to(contact()).size() == 1 && to(it()).size() == 1);
		// a later sign-in joins the incident: nobody is told again
		open(contoso, Severity.HIGH, "account=alice");
		// a medium incident elsewhere: the MSP team only (that tenant has no customer
		// admins, and the contact is Contoso's)
		open(fabrikam, Severity.MEDIUM, "account=bob");
		await().atMost(Duration.ofSeconds(20)).until(() -> to(soc()).size() == 2);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> to(contact()).size() == 1 && to(it()).size() == 1 && to(soc()).size() == 2);

		var customer = to(contact()).getFirst();
		assertThat(customer.getSubject()).startsWith("Suspicious sign-in to alice@contoso.example");
		var text = part(customer, "text/plain");
		var html = part(customer, "text/html");
		assertThat(text)
			.contains("alice@contoso.example", "Confirm: this was not us",
					"https://vigil.example/answers/" + incident + "/")
			.doesNotContain("https://evil.example")
			.contains("hxxps[://]evil[.]example");
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>")
			.doesNotContain("href=\"https://evil")
			.contains("href=\"https://vigil.example/answers/");
		var mail = org.jsoup.Jsoup.parse(html);
		assertThat(mail.select("html").attr("lang")).isEqualTo("en");
		assertThat(mail.title()).startsWith("Suspicious sign-in to alice@contoso.example");
		assertThat(mail.select("table th").eachText()).startsWith("Account", "When (UTC)")
			.contains("Why it is suspicious", "Browser or device")
			.doesNotContain("Note");
		assertThat(mail.select("table td").first().text()).isEqualTo("alice@contoso.example");
		assertThat(mail.select("a[href^=https://vigil.example/answers/]")).hasSize(3);
		assertThat(Pattern.compile("https://vigil\\.example/answers/\\S+").matcher(text).results().count())
			.isEqualTo(3);
		var msp = part(to(soc()).getFirst(), "text/plain");
		assertThat(msp).contains("https://vigil.example/incidents/" + incident).doesNotContain("/answers/");

		// closing is an update everyone on the incident hears of, once
		simulation.incidents().changeStatus(organization, incident, IncidentStatus.RESOLVED, "ana@msp.example");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> to(soc()).size() == 3 && to(contact()).size() == 2 && to(it()).size() == 2);
		assertThat(to(contact()).get(1).getSubject()).startsWith("Closed:");
		// (the worker marks a message sent right after the SMTP server took it)
		await().atMost(Duration.ofSeconds(10))
			.until(() -> simulation.jdbc()
				.sql("select count(*) from notification " + "where incident_id = ? and status = 'SENT'")
				.param(incident)
				.query(Long.class)
				.single() == 6);
	}

	@Test
	void anSmtpOutageDelaysEveryMessageAndLosesNone() throws Exception {
		smtp.stop();
		var incidentIds = new ArrayList<UUID>();
		for (int i = 0; i < 3; i++) {
			incidentIds.add(open(contoso, Severity.HIGH, "account=outage-" + i));
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> simulation.jdbc()
				.sql("select count(*) from notification_attempt a "
						+ "join notification n on n.id = a.notification_id where n.organization_id = ? and a.outcome = 'failed'")
				.param(organization.value())
				.query(Long.class)
				.single() >= 9);
		assertThat(simulation.jdbc()
			.sql("select count(*) from notification where organization_id = ? and status = 'PENDING'")
			.param(organization.value())
			.query(Long.class)
			.single()).isEqualTo(9);
		smtp = started(SMTP.port(port));
		// (other tests' late messages may arrive too: count this organization's
		// recipients only)
		await().atMost(Duration.ofSeconds(30))
			.until(() -> to(soc()).size() + to(contact()).size() + to(it()).size() == 9);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> to(soc()).size() + to(contact()).size() + to(it()).size() == 9);
		for (var recipient : List.of(soc(), contact(), it())) {
			assertThat(to(recipient)).as(recipient).hasSize(3);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> simulation.jdbc()
				.sql("select count(*) from notification " + "where organization_id = ? and status = 'SENT'")
				.param(organization.value())
				.query(Long.class)
				.single() == 9);
	}

	/**
	 * Two replicas on one database: each works the outbox at once, and no message goes
	 * out twice.
	 */
	@Test
	void twoWorkersNeverSendOneMessageTwice(@Autowired Outbox outbox,
			@Autowired ObjectProvider<JavaMailSender> mailSender, @Autowired NotificationSettings settings,
			@Autowired MailComposer mail, @Autowired PlatformTransactionManager transactionManager,
			@Autowired java.time.Clock clock) throws Exception {
		var replica = new OutboxWorker(outbox, mailSender, routing, settings, mail, transactionManager, clock,
				new WebhookAddresses(settings));
		var other = new OutboxWorker(outbox, mailSender, routing, settings, mail, transactionManager, clock,
				new WebhookAddresses(settings));
		for (int i = 0; i < 10; i++) {
			open(fabrikam, Severity.LOW, "account=many-" + i);
		}
		try (var pool = Executors.newFixedThreadPool(2)) {
			var first = pool.submit(replica::drain);
			var second = pool.submit(other::drain);
			first.get();
			second.get();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> to(soc()).size() == 10);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> to(soc()).size() == 10);
		assertThat(simulation.jdbc()
			.sql("select count(*) from notification_attempt a join notification n on n.id = a.notification_id "
					+ "where n.organization_id = ? and a.outcome = 'sent'")
			.param(organization.value())
			.query(Long.class)
			.single()).isEqualTo(10);
	}

	/**
	 * The customer's links: opening one (as mail scanners do) changes nothing; answering
	 * works once; tampered, expired, reused, another incident's or another recipient's
	 * links are refused with a clear page.
	 */
	@Test
	void answerLinksAreSignedBoundToTheirIncidentAndRecipientAndWorkOnce() throws Exception {
		var incident = open(contoso, Severity.HIGH, "account=carol");
		var other = open(contoso, Severity.HIGH, "account=dave");
		await().atMost(Duration.ofSeconds(20)).until(() -> to(contact()).size() == 2 && to(it()).size() == 2);
		var contactLinks = links(to(contact()), incident);
		var itLinks = links(to(it()), incident);
		var notUs = contactLinks.stream().filter(link -> link.contains("/answers/" + incident)).toList();
		assertThat(notUs).hasSize(3);

		var confirm = path(notUs.getFirst());
		var page = mvc.perform(get(confirm)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(PageResults.textOf(page)).contains("Confirm: this was not us", "carol@contoso.example");
		assertThat(status(incident)).isEqualTo("NEW");

		// tampering, another incident, another recipient's signature
		var tampered = confirm.substring(0, confirm.length() - 2) + (confirm.endsWith("00") ? "11" : "00");
		var otherIncident = confirm.replace("/answers/" + incident, "/answers/" + other);
		var itLink = path(itLinks.getFirst());
		var swapped = confirm.substring(0, confirm.indexOf("?s=")) + itLink.substring(itLink.indexOf("?s="));
		for (var refused : List.of(tampered, otherIncident, swapped)) {
			var response = mvc.perform(get(refused)).andReturn().getResponse();
			assertThat(response.getStatus()).as(refused).isEqualTo(410);
			assertThat(PageResults.textOf(response)).contains("This link does not work", "not valid");
			assertThat(mvc.perform(post(refused).with(csrf()).param("reason", "x")).andReturn().getResponse())
				.satisfies(answer -> assertThat(answer.getStatus()).isEqualTo(410))
				.satisfies(answer -> assertThat(PageResults.textOf(answer)).contains("This link does not work"));
		}
		assertThat(status(incident)).isEqualTo("NEW");
		assertThat(status(other)).isEqualTo("NEW");

		// a reason is required, then the answer counts once
		mvc.perform(post(confirm).with(csrf())).andExpect(PageResults.error("Say why"));
		assertThat(status(incident)).isEqualTo("NEW");
		var done = mvc.perform(post(confirm).with(csrf()).param("reason", "Carol was home in Leeds all day"))
			.andReturn()
			.getResponse();
		assertThat(PageResults.textOf(done)).contains("Thank you");
		assertThat(status(incident)).isEqualTo("CONFIRMED_COMPROMISE");
		assertThat(simulation.incidents().timeline(organization, incident)).anySatisfy(entry -> {
			assertThat(entry.kind()).isEqualTo("customer-verdict");
			assertThat(entry.actor()).isEqualTo(contact() + " (email link)");
			assertThat(entry.detail().get("reason")).isEqualTo("Carol was home in Leeds all day");
		});
		var reused = mvc.perform(post(confirm).with(csrf()).param("reason", "again")).andReturn().getResponse();
		assertThat(reused.getStatus()).isEqualTo(410);
		assertThat(PageResults.textOf(reused)).contains("used already");
		// the MSP heard that the customer confirmed it
		await().atMost(Duration.ofSeconds(20))
			.until(() -> to(soc()).stream().anyMatch(message -> subjectOf(message).contains("the customer confirmed")));

		// "this was us" on the other (high) incident waits for the MSP's review; an
		// expired link is refused
		var otherLinks = links(to(contact()), other);
		var us = path(otherLinks.get(1));
		mvc.perform(post(us).with(csrf()).param("reason", "That was our pen test"))
			.andExpect(PageResults.text("Thank you"));
		assertThat(status(other)).isEqualTo("CUSTOMER_SAYS_BENIGN");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> to(soc()).stream()
				.anyMatch(message -> subjectOf(message).contains("the customer says it was them: review it")));
		// the expiry is signed too: moving it in the database breaks the link
		var vpn = path(links(to(it()), other).get(2));
		var linkId = UUID.fromString(vpn.substring(vpn.lastIndexOf('/') + 1, vpn.indexOf('?')));
		var signature = vpn.substring(vpn.indexOf("?s=") + 3);
		var eightDaysOn = new AnswerLinks(simulation.jdbc(), simulation.incidents(), sealing, settings,
				java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(8)));
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AnswerLinks.Refused.class)
			.isThrownBy(() -> eightDaysOn.open(other, linkId, signature))
			.withMessageContaining("expired");
		simulation.jdbc()
			.sql("update answer_link set expires_at = now() + interval '30 days' where id = ?")
			.param(linkId)
			.update();
		assertThat(PageResults.textOf(mvc.perform(get(vpn)).andReturn().getResponse())).contains("not valid");
	}

	@Autowired
	io.vigil.tenants.SecretSealing sealing;

	@Autowired
	NotificationSettings settings;

	/**
	 * "Was this you?": the user's "no" fills the first step, raises the severity and
	 * tells the assignee; a question left unanswered past its deadline goes on the
	 * timeline and tells the assignee too.
	 */
	@Test
	void theAffectedUsersAnswerFillsTheFirstStep(@Autowired UserQuestions questions) throws Exception {
		var checklist = List.of(
				new ChecklistStep("recognised", "Ask the owner.",
						List.of(new ChecklistStep.Answer("Not recognised", "block"),
								new ChecklistStep.Answer("Recognised", "close")),
						null, null),
				new ChecklistStep("block", "Block sign-in.", List.of(), null, "block-sign-in"));
		var incident = open(contoso, Severity.HIGH, "account=erin", checklist);
		var silent = open(contoso, Severity.HIGH, "account=frank", checklist);
		var assignee = "ana-" + suffix + "@msp.example";
		simulation.incidents().assign(organization, incident, assignee, "test");
		simulation.incidents().assign(organization, silent, assignee, "test");
		var responder = TestSignIn.principal(simulation.jdbc(), new VigilUser(UUID.randomUUID(), organization,
				"responder-" + suffix + "@msp.example", "Responder", Role.RESPONDER, null, true, false));
		mvc.perform(get("/incidents/" + incident)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.authentication(TestSignIn.token(responder))))
			.andExpect(PageResults.text("Ask the user: was this you?"));
		mvc.perform(post("/incidents/" + incident + "/ask-user").with(csrf())
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.authentication(TestSignIn.token(responder))))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
		await().atMost(Duration.ofSeconds(20)).until(() -> to("erin@contoso.example").size() == 1);
		var question = to("erin@contoso.example").getFirst();
		assertThat(question.getSubject()).startsWith("Was this you?");
		var text = part(question, "text/plain");
		assertThat(text).contains("Yes, that was me", "No, that was not me", "Office 365");
		var no = path(links(List.of(question), incident).get(1));
		assertThat(PageResults.textOf(mvc.perform(get(no)).andReturn().getResponse())).contains("this was not you");
		assertThat(mvc.perform(post(no).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(200);
		var answered = simulation.incidents().find(organization, incident).orElseThrow();
		assertThat(answered.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(answered.checklistState().get("recognised")).asString().contains("Not recognised");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> to(assignee).stream().anyMatch(message -> subjectOf(message).contains("the user answered")));

		questions.ask(
				new VigilUser(UUID.randomUUID(), organization, "r@msp.example", "R", Role.RESPONDER, null, true, false),
				silent);
		simulation.jdbc()
			.sql("update user_question set deadline = now() - interval '1 second' where incident_id = ?")
			.param(silent)
			.update();
		questions.expire();
		questions.expire();
		assertThat(simulation.incidents()
			.timeline(organization, silent)
			.stream()
			.filter(entry -> entry.kind().equals("user-did-not-answer"))).hasSize(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> to(assignee).size() == 2);
	}

	/**
	 * A digest route holds its messages until the digest is due, then sends them as one
	 * email; admins resend.
	 */
	@Test
	void aDigestIsOneEmailAndAMessageCanBeSentAgain(@Autowired Notifications notifications) throws Exception {
		var admin = new VigilUser(UUID.randomUUID(), organization, "digest-admin@msp.example", "Admin", Role.ORG_ADMIN,
				null, true, false);
		var digest = "digest-" + suffix + "@msp.example";
		routing.addRoute(admin, null, Severity.LOW, Route.Audience.MSP, digest, Route.Delivery.DIGEST);
		var first = open(fabrikam, Severity.LOW, "account=digest-1");
		open(fabrikam, Severity.LOW, "account=digest-2");
		await().atMost(Duration.ofSeconds(20)).until(() -> to(soc()).size() == 2);
		assertThat(to(digest)).as("not due before the hour").isEmpty();
		simulation.jdbc().sql("update notification set not_before = now() where recipient = ?").param(digest).update();
		await().atMost(Duration.ofSeconds(20)).until(() -> to(digest).size() == 1);
		assertThat(subjectOf(to(digest).getFirst())).isEqualTo("Vigil digest: 2 update(s)");
		assertThat(part(to(digest).getFirst(), "text/plain")).contains("digest-1@contoso.example",
				"digest-2@contoso.example");

		var sent = notifications.forIncident(organization, first)
			.stream()
			.filter(message -> message.recipient().equals(soc()))
			.findFirst()
			.orElseThrow();
		assertThat(notifications.resend(admin, sent.id())).isTrue();
		await().atMost(Duration.ofSeconds(20)).until(() -> to(soc()).size() == 3);
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(org.springframework.security.access.AccessDeniedException.class)
			.isThrownBy(() -> notifications.resend(new VigilUser(UUID.randomUUID(), organization, "r@msp.example", "R",
					Role.RESPONDER, null, true, false), sent.id()));
	}

	private UUID open(ManagedTenantId tenant, Severity severity, String dedupKey) {
		return open(tenant, severity, dedupKey, List.of());
	}

	private UUID open(ManagedTenantId tenant, Severity severity, String dedupKey, List<ChecklistStep> checklist) {
		var account = dedupKey.substring("account=".length());
		var match = new SignInMatch("RULE-1143", "Successful sign-in from CloudFlare", severity, Duration.ofHours(24),
				checklist, dedupKey, Math.abs(UUID.randomUUID().getMostSignificantBits()), "graph-" + UUID.randomUUID(),
				Instant.now(), account, account + "@contoso.example", account, "104.16.3.4",
				Map.of("userAgent", USER_AGENT, "app", "Office 365", "errorCode", 0, "ip",
						Map.of("address", "104.16.3.4", "asn", 13335, "asOrganization", "Cloudflare, Inc.",
								"cloudflare", true, "hosting", true, "country", "NL")));
		simulation.publish(new SignInsMatched(organization, tenant, List.of(match), Instant.now()));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> simulation.incidents()
				.recent(organization, tenant, 50)
				.stream()
				.anyMatch(incident -> dedupKey.equals(incident.dedupKey())));
		return simulation.incidents()
			.recent(organization, tenant, 50)
			.stream()
			.filter(incident -> dedupKey.equals(incident.dedupKey()))
			.findFirst()
			.orElseThrow()
			.id();
	}

	private String status(UUID incident) {
		return simulation.incidents().find(organization, incident).orElseThrow().status().name();
	}

	private List<MimeMessage> to(String recipient) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The answer links of the emails about one incident, in the order the email lists
	 * them.
	 */
	private List<String> links(List<MimeMessage> messages, UUID incident) throws Exception {
		var result = new ArrayList<String>();
		for (var message : messages) {
			Pattern.compile("https://vigil\\.example/answers/" + incident + "/\\S+")
				.matcher(part(message, "text/plain"))
				.results()
				.forEach(match -> result.add(match.group()));
		}
		return result;
	}

	private static String path(String link) {
		return link.substring("https://vigil.example".length());
	}

	private static String part(MimeMessage message, String type) throws Exception {
		return find((MimeMultipart) message.getContent(), type);
	}

	private static String find(MimeMultipart multipart, String type) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.isMimeType(type)) {
				return String.valueOf(part.getContent());
			}
			if (part.getContent() instanceof MimeMultipart inner) {
				var found = find(inner, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static GreenMail started(ServerSetup setup) {
		var server = new GreenMail(setup);
		server.start();
		return server;
	}

}
