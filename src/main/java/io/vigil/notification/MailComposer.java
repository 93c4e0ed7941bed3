package io.vigil.notification;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vigil.incidents.CustomerVerdict;
import io.vigil.incidents.Incident;
import io.vigil.incidents.IncidentSignIn;
import io.vigil.incidents.TimelineEntry;
import org.jspecify.annotations.Nullable;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes Vigil's emails with Thymeleaf: an HTML and a plain-text part from
 * {@code templates/mail}, words from {@code templates/mail/messages*.properties} in the
 * recipient's language where a translation exists. Everything a sign-in's sender controls
 * (user agents, app and display names, places) is escaped in HTML and defanged
 * everywhere, so no mail client turns it into a link.
 */
@Component
class MailComposer {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	/** One email: its subject and both parts. */
	record Mail(String subject, String text, String html) {
	}

	private final ResourceBundleMessageSource messages = messages();

	private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html", messages);

	private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt", messages);

	private final NotificationSettings settings;

	MailComposer(NotificationSettings settings) {
		this.settings = settings;
	}

	Mail customer(Incident incident, String tenant, List<IncidentSignIn> signIns, List<TimelineEntry> timeline,
			String change, String note, Map<CustomerVerdict, URI> links, Locale locale) {
		var context = base(incident, tenant, signIns, change, note, locale);
		var actions = new ArrayList<String>();
		for (var entry : timeline) {
			if (entry.kind().equals("action") && "success".equals(entry.detail().get("outcome"))) {
				actions.add(TIME.format(entry.at()) + " UTC: "
						+ entry.detail().get("action").toString().toLowerCase(Locale.ROOT).replace('_', ' ') + " ("
						+ defang(String.valueOf(entry.detail().get("target"))) + ")");
			}
		}
		context.setVariable("actions", actions);
		var byName = new LinkedHashMap<String, String>();
		links.forEach((answer, uri) -> byName.put(answer.name(), uri.toString()));
		context.setVariable("links", byName);
		context.setVariable("expires", TIME.format(java.time.Instant.now().plus(settings.linkValidity())));
		var subject = message("customer.subject." + change, locale, context.getVariable("account"));
		context.setVariable("subject", subject);
		return new Mail(oneLine(subject), text.process("customer", context), html.process("customer", context));
	}

	Mail msp(Incident incident, String tenant, List<IncidentSignIn> signIns, String change, String note,
			Locale locale) {
		var context = base(incident, tenant, signIns, change, note, locale);
		context.setVariable("incidentUrl",
				settings.baseUrl().toString().replaceAll("/+$", "") + "/incidents/" + incident.id());
		var subject = message("msp.subject", locale, incident.severity().name(), tenant, incident.ruleTitle(),
				message("change." + change, locale));
		context.setVariable("subject", subject);
		return new Mail(oneLine("[Vigil] " + subject), text.process("msp", context), html.process("msp", context));
	}

	/**
	 * "Was this you?" to the affected user: the sign-in's time, place, app and device,
	 * and Yes / No links.
	 */
	Mail user(Incident incident, String tenant, List<IncidentSignIn> signIns, Map<LinkAnswer, URI> links,
			Locale locale) {
		var context = base(incident, tenant, signIns, "ASKED", "", locale);
		var byName = new LinkedHashMap<String, String>();
		links.forEach((answer, uri) -> byName.put(answer.name(), uri.toString()));
		context.setVariable("links", byName);
		var subject = message("user.subject", locale, context.getVariable("account"));
		context.setVariable("subject", subject);
		return new Mail(oneLine(subject), text.process("user", context), html.process("user", context));
	}

	String digestSubject(int updates) {
		return message("digest.subject", Locale.ENGLISH, updates);
	}

	private Context base(Incident incident, String tenant, List<IncidentSignIn> signIns, String change, String note,
			Locale locale) {
		var context = new Context(locale);
		context.setVariable("lang", locale.getLanguage());
		context.setVariable("rule", incident.ruleTitle());
		context.setVariable("tenant", tenant);
		context.setVariable("severity", incident.severity().level());
		context.setVariable("status", incident.status().name());
		context.setVariable("change", change);
		context.setVariable("note", note.isBlank() ? null : defang(note));
		// the account's UPN is the tenant's own directory's; a display name could be
		// anyone's words
		context.setVariable("account", incident.accountUpn() != null ? oneLine(incident.accountUpn())
				: incident.accountDisplayName() != null ? defang(incident.accountDisplayName()) : "an account");
		context.setVariable("when", TIME.format(incident.firstSeen()));
		var first = signIns.isEmpty() ? null : signIns.getFirst();
		var ip = first == null ? null : first.evidence().get("ip") instanceof Map<?, ?> map ? map : null;
		context.setVariable("place", ip == null ? null : place(ip));
		context.setVariable("network", ip == null ? null : network(ip));
		context.setVariable("app", first == null ? null : defangOrNull(first.evidence().get("app")));
		context.setVariable("device", first == null ? null : defangOrNull(first.evidence().get("userAgent")));
		context.setVariable("why", why(incident, ip));
		return context;
	}

	private static @Nullable String place(Map<?, ?> ip) {
		var city = ip.get("city");
		var country = ip.get("country");
		if (city == null && country == null) {
			return null;
		}
		return defang((city == null ? "" : city + ", ") + (country == null ? "" : country));
	}

	private static String network(Map<?, ?> ip) {
		var parts = new ArrayList<String>();
		parts.add(String.valueOf(ip.get("address")));
		if (ip.get("asOrganization") != null) {
			parts.add(defang(String.valueOf(ip.get("asOrganization"))) + " (AS" + ip.get("asn") + ")");
		}
		else if (ip.get("asn") != null) {
			parts.add("AS" + ip.get("asn"));
		}
		return String.join(", ", parts);
	}

	private static String why(Incident incident, @Nullable Map<?, ?> ip) {
		var reasons = new ArrayList<String>();
		reasons.add(incident.ruleTitle());
		if (ip != null && Boolean.TRUE.equals(ip.get("cloudflare"))) {
			reasons.add("the sign-in came through CloudFlare, which phishing kits use to steal sessions");
		}
		else if (ip != null && Boolean.TRUE.equals(ip.get("hosting"))) {
			reasons.add("the sign-in came from a hosting provider, not a home or office network");
		}
		return String.join("; ", reasons);
	}

	private static @Nullable String defangOrNull(@Nullable Object value) {
		return value == null ? null : defang(String.valueOf(value));
	}

	/**
	 * Attacker-chosen text is shown, never followed: {@code https://evil.example} becomes
	 * {@code hxxps[://]evil[.]example} in the words of security tooling, so neither a
	 * person nor a mail client's auto-linking can open it.
	 */
	static String defang(String value) {
		var cleaned = value.replaceAll("[\\p{Cntrl}&&[^\\t]]", " ");
		if (cleaned.length() > 300) {
			cleaned = cleaned.substring(0, 300) + "...";
		}
		return cleaned.replaceAll("(?i)\\bhttp", "hxxp")
			.replace("://", "[://]")
			.replaceAll("(?i)\\bwww\\.", "www[.]")
			.replaceAll("([A-Za-z0-9-])\\.([A-Za-z]{2,})\\b(?![.@])(?=[/\\s:;,)]|$)", "$1[.]$2");
	}

	private static String oneLine(String subject) {
		return subject.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}

	private static SpringTemplateEngine engine(TemplateMode mode, String suffix, ResourceBundleMessageSource messages) {
		var resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/mail/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		var engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(messages);
		return engine;
	}

	private static ResourceBundleMessageSource messages() {
		var source = new ResourceBundleMessageSource();
		source.setBasename("templates/mail/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
