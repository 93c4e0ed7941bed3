package io.vigil.demo;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.notification.Mailbox;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.context.annotation.Profile;

/**
 * Demo mode without {@code spring.mail.host}: a real SMTP server in-process (GreenMail,
 * loopback only), Vigil's mail sender pointed at it, and its inbox readable at
 * {@code /admin/mailbox}, so a newcomer sees the customers' emails without setting up
 * mail.
 */
@Profile("!prod")
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${app.demo.enabled:false} and '${spring.mail.host:}'.isEmpty()")
class DemoMailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DemoMailConfiguration.class);

	@Bean(destroyMethod = "stop")
	GreenMail demoMailServer() {
		var server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		log.info("Demo mail server (SMTP) on 127.0.0.1:{}; what it receives shows at /admin/mailbox",
				server.getSmtp().getPort());
		return server;
	}

	@Bean
	JavaMailSender demoMailSender(GreenMail server) {
		var sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(server.getSmtp().getPort());
		return sender;
	}

	@Bean
	Mailbox demoMailbox(GreenMail server) {
		return () -> Arrays.stream(server.getReceivedMessages()).map(DemoMailConfiguration::received).toList();
	}

	private static Mailbox.ReceivedMail received(MimeMessage message) {
		try {
			return new Mailbox.ReceivedMail(
					message.getReceivedDate() == null ? java.time.Instant.now() : message.getReceivedDate().toInstant(),
					String.join(", ", addresses(message.getFrom())),
					String.join(", ", addresses(message.getAllRecipients())), String.valueOf(message.getSubject()),
					text(message));
		}
		catch (MessagingException | java.io.IOException ex) {
			return new Mailbox.ReceivedMail(java.time.Instant.now(), "?", "?", "(unreadable message)", ex.toString());
		}
	}

	private static List<String> addresses(jakarta.mail.Address[] addresses) {
		return addresses == null ? List.of() : Arrays.stream(addresses).map(Object::toString).toList();
	}

	/** The plain-text part (Vigil writes one beside the HTML). */
	private static String text(MimeMessage message) throws MessagingException, java.io.IOException {
		if (message.getContent() instanceof MimeMultipart multipart) {
			var plain = plain(multipart);
			if (plain != null) {
				return plain;
			}
		}
		return GreenMailUtil.getBody(message);
	}

	private static @org.jspecify.annotations.Nullable String plain(MimeMultipart multipart)
			throws MessagingException, java.io.IOException {
		for (int i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.isMimeType("text/plain")) {
				return String.valueOf(part.getContent());
			}
			if (part.getContent() instanceof MimeMultipart inner) {
				var found = plain(inner);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
