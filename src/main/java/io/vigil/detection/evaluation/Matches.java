package io.vigil.detection.evaluation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.SignInMatch;
import io.vigil.detection.rules.RuleBook;
import io.vigil.detection.rules.RuleMatch;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.ingest.StoredSignIn;
import io.vigil.shared.RecordTree;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Evaluates stored sign-ins against a tenant's rule book and describes each match for
 * incidents.
 */
@Component
public class Matches {

	private final JsonMapper json;

	private final Evidence evidence;

	private final Clock clock;

	Matches(JsonMapper json, Evidence evidence, Clock clock) {
		this.json = json;
		this.evidence = evidence;
		this.clock = clock;
	}

	/**
	 * The sign-in as rules see it: the tree the reader built when this replica just
	 * ingested it (perhaps of some members only; the record is parsed whole should a rule
	 * ask for another), or else its record parsed into the same form.
	 */
	public SignInEvent event(StoredSignIn stored) {
		var fields = stored.fields();
		return fields != null ? new SignInEvent(fields, () -> RecordTree.parse(json, stored.record()))
				: new SignInEvent(RecordTree.parse(json, stored.record()));
	}

	/** The matches of one stored sign-in, each with its evidence. */
	public List<SignInMatch> evaluate(RuleBook book, StoredSignIn stored) {
		return evaluate(book, stored, event(stored));
	}

	/** As {@link #evaluate(RuleBook, StoredSignIn)}, for the sign-in read already. */
	public List<SignInMatch> evaluate(RuleBook book, StoredSignIn stored, SignInEvent event) {
		var matches = book.evaluate(event);
		if (matches.isEmpty()) {
			return List.of();
		}
		var result = new ArrayList<SignInMatch>(matches.size());
		for (var match : matches) {
			result.add(describe(stored, match));
		}
		return result;
	}

	private SignInMatch describe(StoredSignIn stored, RuleMatch match) {
		var event = match.event();
		var metadata = match.metadata();
		var account = firstNonNull(event.text("userId"), event.text("userPrincipalName"), "unknown");
		return new SignInMatch(metadata.id(), metadata.title(), metadata.severity(), metadata.window(),
				metadata.checklist(), dedupKey(metadata, event, account), stored.id(), stored.graphId(),
				stored.createdAt(), event.text("userId"), event.text("userPrincipalName"),
				event.text("userDisplayName"), event.text("ipAddress"),
				evidence.of(stored.organizationId(), stored.managedTenantId(), match, account, clock.instant()));
	}

	/**
	 * The parts of the sign-in the rule groups by, e.g.
	 * {@code account=<user id>|ip=203.0.113.9}.
	 */
	static String dedupKey(RuleMetadata metadata, SignInEvent event, String account) {
		var parts = new ArrayList<String>();
		for (var field : metadata.dedup()) {
			parts.add(switch (field) {
				case ACCOUNT -> "account=" + account;
				case IP_ADDRESS -> "ip=" + firstNonNull(event.text("ipAddress"), "", "");
				case APP -> "app=" + firstNonNull(event.text("appId"), event.text("appDisplayName"), "");
				case COUNTRY -> "country=" + firstNonNull(event.country(), "", "");
			});
		}
		return String.join("|", parts);
	}

	private static String firstNonNull(@org.jspecify.annotations.Nullable String a,
			@org.jspecify.annotations.Nullable String b, String fallback) {
		return a != null ? a : b != null ? b : fallback;
	}

}
