package io.vigil.notification;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

import io.vigil.shared.ActingAsVigil;
import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds: claims due messages (each to one worker, however many
 * replicas run), sends them, and records every attempt. A failure waits and tries again,
 * doubling the wait up to a limit; after the last attempt the message is marked failed
 * (an admin can send it again). An SMTP server or webhook that is down delays messages;
 * it loses none.
 */
@Component
class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private static final int BATCH = 20;

	private static final Duration CLAIM = Duration.ofMinutes(2);

	private final Outbox outbox;

	private final WebhookAddresses addresses;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final NotificationRouting routing;

	private final NotificationSettings settings;

	private final MailComposer mail;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	OutboxWorker(Outbox outbox, ObjectProvider<JavaMailSender> mailSender, NotificationRouting routing,
			NotificationSettings settings, MailComposer mail, PlatformTransactionManager transactions, Clock clock,
			WebhookAddresses addresses) {
		this.outbox = outbox;
		this.addresses = addresses;
		this.mailSender = mailSender;
		this.routing = routing;
		this.settings = settings;
		this.mail = mail;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${app.notification.worker-interval:PT1S}",
			fixedDelayString = "${app.notification.worker-interval:PT1S}")
	void tick() {
		try {
			drain();
		}
		catch (RuntimeException ex) {
			log.warn("Could not work through the outbox: {}", ex.toString());
		}
	}

	/** Sends every due message; returns how many were sent or failed. */
	int drain() {
		return ActingAsVigil.call(() -> {
			int handled = 0;
			List<Outbox.Message> batch;
			while (!(batch = claim(false)).isEmpty()) {
				for (var message : batch) {
					deliver(List.of(message));
					handled++;
				}
			}
			while (!(batch = claim(true)).isEmpty()) {
				deliver(batch);
				handled += batch.size();
			}
			return handled;
		});
	}

	private List<Outbox.Message> claim(boolean digest) {
		var now = clock.instant();
		return transactions.execute(status -> digest ? outbox.claimDigest(now, now.plus(CLAIM))
				: outbox.claimImmediate(BATCH, now, now.plus(CLAIM)));
	}

	/** One message, or a digest of several for one recipient. */
	private void deliver(List<Outbox.Message> messages) {
		var first = messages.getFirst();
		String error;
		try {
			error = first.channel().equals("WEBHOOK") ? sendWebhook(first) : sendMail(messages);
		}
		catch (RuntimeException | MessagingException ex) {
			error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		}
		var now = clock.instant();
		var failure = error;
		transactions.executeWithoutResult(status -> {
			for (var message : messages) {
				if (failure == null) {
					outbox.sent(message, now);
				}
				else {
					outbox.failed(message, now, failure, message.attempts() >= settings.maxAttempts() ? null
							: now.plus(backoff(message.attempts())));
				}
			}
		});
		if (failure != null) {
			log.info("Delivery of {} to {} failed (attempt {}), tried again later: {}", first.channel(),
					first.recipient(), first.attempts(), failure);
		}
	}

	Duration backoff(int attempts) {
		var wait = settings.backoffBase().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
		return wait.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : wait;
	}

	private @Nullable String sendMail(List<Outbox.Message> messages) throws MessagingException {
		var sender = mailSender.getIfAvailable();
		if (sender == null) {
			return "no SMTP server is configured (spring.mail.host)";
		}
		var first = messages.getFirst();
		var mime = sender.createMimeMessage();
		var helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
		helper.setFrom(settings.from());
		helper.setTo(first.recipient());
		if (messages.size() == 1) {
			helper.setSubject(first.subject());
			helper.setText(first.text(), first.html() == null ? first.text() : first.html());
		}
		else {
			var text = new StringBuilder();
			var html = new StringBuilder("<!DOCTYPE html><html><body>");
			for (var message : messages) {
				text.append("== ").append(message.subject()).append(" ==\n\n").append(message.text()).append("\n\n");
				html.append("<hr>").append(message.html() == null ? "" : body(message.html()));
			}
			helper.setSubject(mail.digestSubject(messages.size()));
			helper.setText(text.toString(), html.append("</body></html>").toString());
		}
		try {
			sender.send(mime);
			return null;
		}
		catch (MailException ex) {
			return ex.getMessage();
		}
	}

	/** The inside of a composed email's body, to put several in one digest. */
	private static String body(String html) {
		var start = html.indexOf("<body");
		var end = html.lastIndexOf("</body>");
		return start < 0 || end < 0 ? html : html.substring(html.indexOf('>', start) + 1, end);
	}

	private @Nullable String sendWebhook(Outbox.Message message) {
		var target = routing.target(UUID.fromString(message.recipient())).orElse(null);
		if (target == null) {
			return "the webhook was removed";
		}
		var refusal = addresses.refusal(target.url());
		if (refusal != null) {
			transactions.executeWithoutResult(tx -> routing.recordDelivery(target.id(), refusal));
			return refusal;
		}
		var timestamp = Instant.now().getEpochSecond();
		var request = HttpRequest.newBuilder(target.url())
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header(WebhookPayloads.TIMESTAMP, Long.toString(timestamp))
			.header(WebhookPayloads.SIGNATURE,
					WebhookPayloads.signature(target.secret().reveal(), timestamp, message.text()))
			.POST(HttpRequest.BodyPublishers.ofString(message.text(), StandardCharsets.UTF_8))
			.build();
		String error;
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.discarding());
			error = response.statusCode() / 100 == 2 ? null : "the receiver answered " + response.statusCode();
		}
		catch (java.io.IOException ex) {
			error = "the receiver could not be reached: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		var status = error == null ? "delivered" : error;
		transactions.executeWithoutResult(tx -> routing.recordDelivery(target.id(), status));
		return error;
	}

	/** Its connections and selector thread end with the application, not with the JVM. */
	@PreDestroy
	void closeHttp() {
		http.shutdownNow();
	}

}
