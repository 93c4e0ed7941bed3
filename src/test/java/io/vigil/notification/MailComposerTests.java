package io.vigil.notification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.vigil.detection.Severity;
import io.vigil.incidents.Incident;
import io.vigil.incidents.IncidentSignIn;
import io.vigil.incidents.IncidentStatus;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML emails from their shared layout and parts: each lists the facts it names in
 * its order and leaves out what is unknown; what a sign-in's sender wrote stays text.
 */
class MailComposerTests {

	static final String AGENT = "<img src=x onerror=alert(1)> https://evil.example/login";

	final MailComposer composer = new MailComposer(new NotificationSettings("vigil@msp.example",
			URI.create("https://vigil.example"), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(30),
			20, Duration.ofHours(1), Duration.ofDays(7), false, Duration.ofDays(180)));

	final Incident incident = new Incident(UUID.randomUUID(), new OrganizationId(UUID.randomUUID()),
			new ManagedTenantId(UUID.randomUUID()), "RULE-1143", "Successful sign-in from CloudFlare", Severity.HIGH,
			IncidentStatus.NEW, null, "account=alice", "alice-id", "alice@contoso.example", "Alice",
			Instant.parse("2026-11-30T10:15:00Z"), Instant.parse("2026-11-30T10:20:00Z"), 1, List.of(), Map.of(), 0,
			Duration.ofHours(24), null, null);

	/** A sign-in with an address but no city or country: the place is unknown. */
	final List<IncidentSignIn> signIns = List.of(new IncidentSignIn(1, "graph-1", incident.firstSeen(), "104.16.3.4",
			Map.of("userAgent", AGENT, "ip", Map.of("address", "104.16.3.4", "asn", 13335)), 0));

	@Test
	void theUserIsAskedWithTheFactsTheyKnowAndTwoAnswers() {
		var mail = html(
				composer
					.user(incident, "Contoso", signIns,
							Map.of(LinkAnswer.WAS_ME, URI.create("https://vigil.example/answers/1?s=a"),
									LinkAnswer.NOT_ME, URI.create("https://vigil.example/answers/2?s=b")),
							Locale.ENGLISH));
		assertThat(mail.select("table th").eachText()).containsExactly("Account", "When (UTC)", "Browser or device");
		assertThat(mail.select("table td").eachText()).containsExactly("alice@contoso.example", "2026-11-30 10:15",
				"<img src=x onerror=alert(1)> hxxps[://]evil[.]example/login");
		assertThat(mail.select("img")).isEmpty();
		assertThat(mail.select("a[href^=https://vigil.example/answers/]")).hasSize(2);
		assertThat(mail.title()).isEqualTo(mail.select("title").text()).isNotBlank();
	}

	@Test
	void theMspReadsTheIncidentsFactsAndALinkToIt() {
		var mail = html(composer.msp(incident, "Contoso", signIns, "OPENED", "", Locale.ENGLISH));
		assertThat(mail.select("table th").eachText()).containsExactly("Tenant", "Severity", "Status", "Account",
				"When (UTC)", "Network", "Browser or device");
		assertThat(mail.select("a").eachAttr("href"))
			.containsExactly("https://vigil.example/incidents/" + incident.id());
		assertThat(mail.select("html").attr("lang")).isEqualTo("en");
	}

	private static Document html(MailComposer.Mail mail) {
		return Jsoup.parse(mail.html());
	}

}
