package io.vigil.graph;

import java.util.List;

/**
 * One rule of a user's Inbox ({@code GET /users/{id}/mailFolders/inbox/messageRules}),
 * described in words.
 *
 * @param conditions when it applies, e.g.
 * {@code Subject or body contains: invoice, payment}
 * @param actions what it does, e.g. {@code Forward to: x@example.net}
 * @param warnings why it looks like an attacker's rule (forwarding, deleting, hiding
 * mail), empty when nothing does
 */
public record InboxRule(String id, String displayName, int sequence, boolean enabled, List<String> conditions,
		List<String> actions, List<String> warnings) {

	public InboxRule {
		conditions = List.copyOf(conditions);
		actions = List.copyOf(actions);
		warnings = List.copyOf(warnings);
	}

}
