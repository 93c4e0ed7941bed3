package io.vigil.graph.sdk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.microsoft.graph.models.MessageRule;
import com.microsoft.graph.models.MessageRuleActions;
import com.microsoft.graph.models.MessageRulePredicates;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.vigil.graph.InboxRule;
import org.jspecify.annotations.Nullable;

/**
 * Lists and disables Inbox rules with the SDK, and describes each in words, with the
 * signs of a rule an attacker sets up after taking over a mailbox: mail sent elsewhere,
 * deleted, or marked read and moved out of sight.
 */
final class SdkInboxRules {

	private SdkInboxRules() {
	}

	static List<InboxRule> list(GraphServiceClient client, String userId) {
		var response = client.users().byUserId(userId).mailFolders().byMailFolderId("inbox").messageRules().get();
		var rules = new ArrayList<InboxRule>();
		if (response != null && response.getValue() != null) {
			var names = folderNames(client, userId, response.getValue());
			response.getValue().forEach(rule -> rules.add(describe(rule, names)));
		}
		rules.sort(Comparator.comparingInt(InboxRule::sequence));
		return rules;
	}

	/**
	 * The names of the folders the rules move or copy mail to (rules carry only ids). A
	 * folder that cannot be read (no Mail.ReadBasic.All, or gone) keeps its id: the rule
	 * is still described, only less readably.
	 */
	static Map<String, String> folderNames(GraphServiceClient client, String userId, List<MessageRule> rules) {
		var ids = new java.util.LinkedHashSet<String>();
		rules.stream().map(MessageRule::getActions).filter(Objects::nonNull).forEach(then -> {
			if (then.getMoveToFolder() != null) {
				ids.add(then.getMoveToFolder());
			}
			if (then.getCopyToFolder() != null) {
				ids.add(then.getCopyToFolder());
			}
		});
		var names = new java.util.HashMap<String, String>();
		for (var id : ids.stream().limit(20).toList()) {
			try {
				var folder = client.users()
					.byUserId(userId)
					.mailFolders()
					.byMailFolderId(id)
					.get(request -> request.queryParameters.select = new String[] { "displayName" });
				if (folder != null && folder.getDisplayName() != null) {
					names.put(id, folder.getDisplayName());
				}
			}
			catch (com.microsoft.kiota.ApiException ex) {
				// not permitted or not found: the id stands in for the name
			}
		}
		return names;
	}

	static void disable(GraphServiceClient client, String userId, String ruleId) {
		var change = new MessageRule();
		change.setIsEnabled(false);
		client.users()
			.byUserId(userId)
			.mailFolders()
			.byMailFolderId("inbox")
			.messageRules()
			.byMessageRuleId(ruleId)
			.patch(change);
	}

	static InboxRule describe(MessageRule rule) {
		return describe(rule, Map.of());
	}

	static InboxRule describe(MessageRule rule, Map<String, String> folders) {
		var name = rule.getDisplayName() == null ? "" : rule.getDisplayName();
		var conditions = conditions(rule.getConditions());
		var actions = new ArrayList<String>();
		var warnings = new ArrayList<String>();
		var then = rule.getActions();
		if (then != null) {
			describeActions(then, folders, actions, warnings);
		}
		if (name.strip().chars().noneMatch(Character::isLetterOrDigit)) {
			warnings.add("Its name has no letters or digits, a common way to hide a rule");
		}
		return new InboxRule(String.valueOf(rule.getId()), name, rule.getSequence() == null ? 0 : rule.getSequence(),
				!Boolean.FALSE.equals(rule.getIsEnabled()), conditions, actions, warnings);
	}

	private static void describeActions(MessageRuleActions then, Map<String, String> folders, List<String> actions,
			List<String> warnings) {
		var forwards = new ArrayList<String>();
		add(actions, forwards, "Forward to", then.getForwardTo());
		add(actions, forwards, "Forward as attachment to", then.getForwardAsAttachmentTo());
		add(actions, forwards, "Redirect to", then.getRedirectTo());
		if (!forwards.isEmpty()) {
			warnings.add("Sends mail to " + String.join(", ", forwards));
		}
		if (then.getMoveToFolder() != null) {
			actions.add("Move to folder " + folders.getOrDefault(then.getMoveToFolder(), then.getMoveToFolder()));
		}
		if (then.getCopyToFolder() != null) {
			actions.add("Copy to folder " + folders.getOrDefault(then.getCopyToFolder(), then.getCopyToFolder()));
		}
		var deletes = Boolean.TRUE.equals(then.getDelete()) || Boolean.TRUE.equals(then.getPermanentDelete());
		if (deletes) {
			actions.add(Boolean.TRUE.equals(then.getPermanentDelete()) ? "Delete permanently" : "Delete");
			warnings.add("Deletes mail before the owner sees it");
		}
		if (Boolean.TRUE.equals(then.getMarkAsRead())) {
			actions.add("Mark as read");
			if (then.getMoveToFolder() != null) {
				warnings.add("Marks mail as read and moves it out of the Inbox");
			}
		}
		if (Boolean.TRUE.equals(then.getStopProcessingRules())) {
			actions.add("Stop processing more rules");
		}
	}

	private static void add(List<String> actions, List<String> forwards, String label,
			@Nullable List<Recipient> recipients) {
		var addresses = addresses(recipients);
		if (!addresses.isEmpty()) {
			actions.add(label + ": " + String.join(", ", addresses));
			forwards.addAll(addresses);
		}
	}

	private static List<String> conditions(@Nullable MessageRulePredicates when) {
		var conditions = new ArrayList<String>();
		if (when == null) {
			return conditions;
		}
		words(conditions, "Subject contains", when.getSubjectContains());
		words(conditions, "Body contains", when.getBodyContains());
		words(conditions, "Subject or body contains", when.getBodyOrSubjectContains());
		words(conditions, "Sender contains", when.getSenderContains());
		words(conditions, "Recipient contains", when.getRecipientContains());
		words(conditions, "Header contains", when.getHeaderContains());
		words(conditions, "From", addresses(when.getFromAddresses()));
		words(conditions, "Sent to", addresses(when.getSentToAddresses()));
		if (Boolean.TRUE.equals(when.getHasAttachments())) {
			conditions.add("Has attachments");
		}
		return conditions;
	}

	private static void words(List<String> into, String label, @Nullable List<String> values) {
		if (values != null && !values.isEmpty()) {
			into.add(label + ": " + String.join(", ", values));
		}
	}

	private static List<String> addresses(@Nullable List<Recipient> recipients) {
		if (recipients == null) {
			return List.of();
		}
		return recipients.stream()
			.map(Recipient::getEmailAddress)
			.filter(Objects::nonNull)
			.map(address -> address.getAddress() != null ? address.getAddress() : address.getName())
			.filter(Objects::nonNull)
			.toList();
	}

}
