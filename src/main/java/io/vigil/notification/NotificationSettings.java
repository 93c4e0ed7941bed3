package io.vigil.notification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.notification.*}.
 *
 * @param from the sender of Vigil's emails
 * @param baseUrl where Vigil is reached from a mail client (the answer links)
 * @param workerInterval how often the outbox is looked at
 * @param backoffBase the first wait after a failed delivery; it doubles with each failure
 * @param backoffMax the longest wait between two attempts
 * @param maxAttempts deliveries tried before a message is marked failed (it can be sent
 * again by hand)
 * @param digestInterval how often digests go out
 * @param linkValidity how long an answer link works
 * @param allowInsecureWebhooks webhooks over plain http (tests and demos on loopback
 * only)
 * @param keepSent how long a sent or failed message that is about no incident (digests,
 * tests of a route) or whose incident is gone stays in the outbox; messages about an
 * incident stay as long as the incident
 */
@ConfigurationProperties("app.notification")
public record NotificationSettings(@DefaultValue("vigil@localhost") String from,
		@DefaultValue("http://localhost:8080") URI baseUrl, @DefaultValue("PT1S") Duration workerInterval,
		@DefaultValue("PT5S") Duration backoffBase, @DefaultValue("PT30M") Duration backoffMax,
		@DefaultValue("20") int maxAttempts, @DefaultValue("PT1H") Duration digestInterval,
		@DefaultValue("P7D") Duration linkValidity, @DefaultValue("false") boolean allowInsecureWebhooks,
		@DefaultValue("P180D") Duration keepSent) {
}
