package io.vigil.notification;

import java.time.Instant;
import java.util.List;

/**
 * What a mail server of Vigil's own received (the demo's): for a newcomer to see the
 * customers' emails.
 */
public interface Mailbox {

	List<ReceivedMail> received();

	record ReceivedMail(Instant at, String from, String to, String subject, String text) {
	}

}
