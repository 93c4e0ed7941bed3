package io.vigil.web.incidents;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vigil.detection.ChecklistStep;
import io.vigil.incidents.IncidentStatus;
import io.vigil.incidents.TimelineEntry;
import io.vigil.response.ResponseAction;

/**
 * The incident's timeline in sentences a person reads ("Dana Analyst blocked sign-in for
 * isaiah@…: succeeded"), not maps: who by name, statuses and actions in words. Text from
 * outside (comments, reasons, account names) is passed through as text; Thymeleaf escapes
 * it.
 */
final class TimelineSentences {

	/** A sentence, with the entry's kind kept for styling and tests. */
	record Sentence(java.time.Instant at, String kind, String text) {
	}

	private TimelineSentences() {
	}

	static List<Sentence> of(List<TimelineEntry> timeline, Function<String, String> names, List<ChecklistStep> steps) {
		return timeline.stream()
			.map(entry -> new Sentence(entry.at(), entry.kind(), sentence(entry, names, steps)))
			.toList();
	}

	static String sentence(TimelineEntry entry, Function<String, String> names, List<ChecklistStep> steps) {
		var who = entry.actor().equals("vigil") ? "Vigil" : names.apply(entry.actor());
		var detail = entry.detail();
		return switch (entry.kind()) {
			case "opened" ->
				"Vigil opened the incident (" + text(detail, "title") + ", " + text(detail, "severity") + ")";
			case "sign-in-matched" ->
				"A sign-in from " + text(detail, "ipAddress") + " at " + text(detail, "createdAt") + " matched";
			case "assigned" -> text(detail, "assignee").isEmpty() ? who + " unassigned the incident"
					: who + " assigned the incident to " + names.apply(text(detail, "assignee"));
			case "status-changed" ->
				who + " moved the incident from " + status(text(detail, "from")) + " to " + status(text(detail, "to"))
						+ (text(detail, "reason").isEmpty() ? "" : ": " + text(detail, "reason"));
			case "comment" -> who + " commented: " + text(detail, "text");
			case "activity-matched" ->
				"A directory record matched: " + text(detail, "activity") + " at " + text(detail, "occurredAt");
			case "post-compromise" -> "The account's directory audits show what the attacker did next ("
					+ text(detail, "count") + " record(s): " + String.join("; ", texts(detail.get("found")))
					+ "); severity raised from " + text(detail, "from") + " to " + text(detail, "to");
			case "checklist-answered" ->
				who + " answered \u201c" + stepText(steps, text(detail, "step")) + "\u201d: " + text(detail, "answer")
						+ (text(detail, "note").isEmpty() ? "" : " (" + text(detail, "note") + ")");
			case "action" -> action(who, detail);
			case "account-checked" -> who + " read the account in Entra ID: sign-in "
					+ (Boolean.TRUE.equals(detail.get("accountEnabled")) ? "allowed" : "blocked")
					+ (detail.get("directoryRoles") instanceof List<?> roles && !roles.isEmpty()
							? ", administrator roles: "
									+ String.join(", ", roles.stream().map(String::valueOf).toList())
							: ", no administrator roles");
			case "customer-verdict" ->
				who + " (the customer) said \u201c" + text(detail, "verdict") + "\u201d: " + text(detail, "reason");
			case "customer-verdict-reviewed" ->
				who + " " + text(detail, "decision") + " the customer's answer: " + text(detail, "reason");
			case "user-asked" -> who + " asked " + text(detail, "recipient") + " whether the sign-in was theirs";
			case "user-answered" -> "The user answered: " + text(detail, "answer")
					+ (text(detail, "note").isEmpty() ? "" : " (" + text(detail, "note") + ")");
			case "user-did-not-answer" -> "The user did not answer within " + text(detail, "waited");
			case "checklist-closed" -> who + " closed the " + text(detail, "steps") + " remaining checklist steps ("
					+ text(detail, "reason") + ")";
			case "suppression-created" -> who + " suppressed matches like this: " + text(detail, "reason");
			case "containment-breached" -> "After containment, a sign-in from " + text(detail, "ipAddress")
					+ " reopened the watch" + (text(detail, "reason").isEmpty() ? "" : ": " + text(detail, "reason"));
			default -> who + ": " + entry.kind().replace('-', ' ');
		};
	}

	/**
	 * "Dana blocked sign-in for isaiah@…: succeeded", or "Dana could not block sign-in
	 * for …: the reason".
	 */
	private static String action(String who, Map<String, Object> detail) {
		var verbs = VERBS.getOrDefault(text(detail, "action"), new String[] { "acted", "act" });
		var subject = text(detail, "subject");
		var target = text(detail, "target");
		var what = (subject.isEmpty() ? "" : " (" + subject + ")") + (target.isEmpty() ? "" : " for " + target);
		var message = text(detail, "message").isEmpty() ? text(detail, "reason") : text(detail, "message");
		if (text(detail, "outcome").equals("success")) {
			return who + " " + verbs[0] + what + ": succeeded";
		}
		return who + " could not " + verbs[1] + what + (message.isEmpty() ? "" : ": " + message)
				+ (text(detail, "outcome").isEmpty() ? "" : " (" + text(detail, "outcome").replace('-', ' ') + ")");
	}

	/** Each response action's past tense and infinitive. */
	private static final Map<String, String[]> VERBS = Map.of(ResponseAction.REVOKE_SESSIONS.name(),
			new String[] { "revoked all sessions", "revoke all sessions" }, ResponseAction.BLOCK_SIGN_IN.name(),
			new String[] { "blocked sign-in", "block sign-in" }, ResponseAction.UNBLOCK_SIGN_IN.name(),
			new String[] { "unblocked sign-in", "unblock sign-in" }, ResponseAction.RESET_PASSWORD.name(),
			new String[] { "reset the password", "reset the password" },
			ResponseAction.REMOVE_AUTHENTICATION_METHOD.name(),
			new String[] { "removed an authentication method", "remove an authentication method" },
			ResponseAction.DISABLE_INBOX_RULE.name(),
			new String[] { "disabled an inbox rule", "disable an inbox rule" });

	private static String status(String name) {
		try {
			return IncidentStatus.valueOf(name).label();
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

	private static String stepText(List<ChecklistStep> steps, String id) {
		return steps.stream().filter(step -> step.id().equals(id)).map(ChecklistStep::text).findFirst().orElse(id);
	}

	private static String text(Map<String, Object> detail, String key) {
		var value = detail.get(key);
		return value == null ? "" : String.valueOf(value);
	}

	private static java.util.List<String> texts(Object value) {
		return value instanceof java.util.List<?> list ? list.stream().map(String::valueOf).toList()
				: java.util.List.of();
	}

}
