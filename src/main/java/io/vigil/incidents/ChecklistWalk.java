package io.vigil.incidents;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.vigil.detection.ChecklistStep;
import org.jspecify.annotations.Nullable;

/**
 * Where an incident's checklist stands: the steps answered along the path the answers
 * chose (a question leads to the step its answer names, other steps to their next), and
 * the step to do now (null when the path has ended).
 */
public record ChecklistWalk(List<Answered> done, @Nullable ChecklistStep current) {

	public record Answered(ChecklistStep step, String answer, @Nullable String note, @Nullable String by) {
	}

	public static ChecklistWalk of(List<ChecklistStep> steps, Map<String, Object> state) {
		var done = new ArrayList<Answered>();
		var seen = new HashSet<String>();
		var step = steps.isEmpty() ? null : steps.getFirst();
		while (step != null && seen.add(step.id())) {
			if (!(state.get(step.id()) instanceof Map<?, ?> answer)) {
				return new ChecklistWalk(done, step);
			}
			var label = String.valueOf(answer.get("answer"));
			done.add(new Answered(step, label, answer.get("note") == null ? null : String.valueOf(answer.get("note")),
					answer.get("by") == null ? null : String.valueOf(answer.get("by"))));
			var next = step.answers()
				.stream()
				.filter(a -> a.label().equals(label))
				.findFirst()
				.map(ChecklistStep.Answer::next)
				.orElse(step.next());
			step = next == null ? null : steps.stream().filter(s -> s.id().equals(next)).findFirst().orElse(null);
		}
		return new ChecklistWalk(done, null);
	}

	/**
	 * Whether the step is done by the response action (its name, as
	 * {@code BLOCK_SIGN_IN}): a step names its action in kebab case; removing methods and
	 * disabling rules are the steps that review them.
	 */
	public static boolean doneBy(ChecklistStep step, String actionName) {
		var action = step.action();
		if (action == null) {
			return false;
		}
		return switch (actionName) {
			case "REMOVE_AUTHENTICATION_METHOD" -> action.equals("remove-authentication-methods");
			case "DISABLE_INBOX_RULE" -> action.equals("list-inbox-rules");
			default -> action.equals(actionName.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
		};
	}

}
