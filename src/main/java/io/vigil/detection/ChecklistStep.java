package io.vigil.detection;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One step of a rule's follow-up checklist. A question step branches: each answer names
 * the step it leads to; other steps lead to {@code next} (none: the checklist ends). An
 * action step names the response action it offers.
 */
public record ChecklistStep(String id, String text, List<Answer> answers, @Nullable String next,
		@Nullable String action) {

	public ChecklistStep {
		answers = List.copyOf(answers);
	}

	public record Answer(String label, @Nullable String next) {
	}

}
