package io.vigil.notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vigil.incidents.Incident;
import io.vigil.incidents.Incidents;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.SecretSealing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-click answers in customer emails. A link names its incident and carries a signature
 * (HMAC-SHA256 with a key derived from the secrets key) over its id, incident, recipient,
 * answer and expiry; it is bound to that incident and recipient, expires, and works once.
 * Opening it (GET, as mail scanners do) only shows a confirmation; the answer is given by
 * the form on that page.
 */
@Service
public class AnswerLinks {

	/** What a valid link offers. */
	public record Offer(UUID linkId, Incident incident, String recipient, LinkAnswer answer, Instant expiresAt) {
	}

	/** Why a link does not work, in words for the page. */
	public static final class Refused extends RuntimeException {

		Refused(String reason) {
			super(reason);
		}

	}

	private final JdbcClient jdbc;

	private final Incidents incidents;

	private final SecretSealing sealing;

	private final NotificationSettings settings;

	private final Clock clock;

	AnswerLinks(JdbcClient jdbc, Incidents incidents, SecretSealing sealing, NotificationSettings settings,
			Clock clock) {
		this.jdbc = jdbc;
		this.incidents = incidents;
		this.sealing = sealing;
		this.settings = settings;
		this.clock = clock;
	}

	/** A new link for one recipient's answer to one incident. */
	URI issue(OrganizationId organization, UUID incident, String recipient, LinkAnswer answer) {
		var id = UUID.randomUUID();
		var now = clock.instant();
		var expires = now.plus(settings.linkValidity()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		jdbc.sql("""
				insert into answer_link (id, organization_id, incident_id, recipient, answer, expires_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, organization.value(), incident, recipient, answer.name(), Timestamp.from(expires),
					Timestamp.from(now))
			.update();
		return URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/answers/" + incident + "/" + id
				+ "?s=" + signature(id, incident, recipient, answer, expires));
	}

	/**
	 * What the link offers, without changing anything.
	 * @throws Refused for a link that is unknown, tampered with, for another incident,
	 * expired or used
	 */
	@Transactional(readOnly = true)
	public Offer open(UUID incident, UUID linkId, String signature) {
		return verified(incident, linkId, signature, false);
	}

	/**
	 * Gives the link's answer, once, with the recipient's reason.
	 * @throws Refused as {@link #open}, and when the incident is closed already
	 */
	@Transactional
	public Offer answer(UUID incident, UUID linkId, String signature, String reason) {
		var offer = verified(incident, linkId, signature, true);
		var verdict = offer.answer().verdict();
		if (verdict != null && reason.isBlank()) {
			throw new IllegalArgumentException("Say why, in a few words");
		}
		try {
			if (verdict == null) {
				incidents.userAnswered(offer.incident().organizationId(), incident, offer.answer() == LinkAnswer.WAS_ME,
						reason, offer.recipient() + " (email link)");
				jdbc.sql("update user_question set closed_at = ? where incident_id = ? and closed_at is null")
					.params(Timestamp.from(clock.instant()), incident)
					.update();
			}
			else {
				incidents.customerVerdict(offer.incident().organizationId(), incident, verdict, reason,
						offer.recipient() + " (email link)");
			}
		}
		catch (IllegalArgumentException closed) {
			throw new Refused(closed.getMessage());
		}
		if (jdbc.sql("update answer_link set used_at = ? where id = ? and used_at is null")
			.params(Timestamp.from(clock.instant()), linkId)
			.update() != 1) {
			throw new Refused("This link has been used already");
		}
		return offer;
	}

	private Offer verified(UUID incident, UUID linkId, String signature, boolean forUpdate) {
		var row = jdbc.sql("select * from answer_link where id = ?" + (forUpdate ? " for update" : ""))
			.param(linkId)
			.query((rs,
					n) -> new Object[] { new OrganizationId(rs.getObject("organization_id", UUID.class)),
							rs.getObject("incident_id", UUID.class), rs.getString("recipient"),
							LinkAnswer.valueOf(rs.getString("answer")), rs.getTimestamp("expires_at").toInstant(),
							rs.getTimestamp("used_at") })
			.optional()
			.orElseThrow(() -> new Refused("This link is not valid"));
		var organization = (OrganizationId) row[0];
		var boundTo = (UUID) row[1];
		var recipient = (String) row[2];
		var answer = (LinkAnswer) row[3];
		var expires = (Instant) row[4];
		var expected = signature(linkId, boundTo, recipient, answer, expires);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII)) || !boundTo.equals(incident)) {
			throw new Refused("This link is not valid");
		}
		if (row[5] != null) {
			throw new Refused("This link has been used already");
		}
		if (!clock.instant().isBefore(expires)) {
			throw new Refused("This link has expired");
		}
		var found = incidents.find(organization, incident).orElseThrow(() -> new Refused("This link is not valid"));
		return new Offer(linkId, found, recipient, answer, expires);
	}

	private String signature(UUID id, UUID incident, String recipient, LinkAnswer answer, Instant expires) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(sealing.derivedKey("answer links"), "HmacSHA256"));
			var payload = id + "|" + incident + "|" + recipient.toLowerCase(java.util.Locale.ROOT) + "|" + answer.name()
					+ "|" + expires.getEpochSecond();
			return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
