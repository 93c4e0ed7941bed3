package io.vigil.detection.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.vigil.detection.ChecklistStep;
import io.vigil.detection.DedupField;
import io.vigil.detection.RuleMetadata.Origin;
import io.vigil.detection.RuleMetadata;
import io.vigil.detection.Severity;
import io.vigil.detection.sigma.SigmaException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a rule's metadata from its YAML attributes: Sigma's own ({@code id},
 * {@code title}, {@code level}, {@code tags}, ...) and Vigil's under {@code vigil:}
 * (triage guidance, checklist, dedup key, window, attribution, test events). Rules
 * without a checklist get the generic one.
 */
final class RuleMetadataReader {

	private static final Pattern TECHNIQUE = Pattern.compile("t\\d{4}(\\.\\d{3})?");

	private static final List<ChecklistStep> GENERIC_CHECKLIST = List.of(
			new ChecklistStep("recognised",
					"Ask the account owner whether they recognise the sign-in (time, place, " + "app, device).",
					List.of(new ChecklistStep.Answer("Not recognised", "contain"),
							new ChecklistStep.Answer("Recognised", "close-benign")),
					null, null),
			new ChecklistStep("contain",
					"Revoke the account's sessions and block sign-in until the password is " + "reset.", List.of(),
					"investigate", "revoke-sessions"),
			new ChecklistStep("investigate",
					"Review the account's activity since the sign-in: inbox rules, "
							+ "forwarding, app consents, new authentication methods.",
					List.of(), null, null),
			new ChecklistStep("close-benign", "Close as benign and note why, so the next analyst knows.", List.of(),
					null, null));

	private RuleMetadataReader() {
	}

	static RuleMetadata read(String source, Map<String, ?> attributes, Origin origin) {
		var vigil = map(attributes.get("vigil"));
		var tags = strings(attributes.get("tags"));
		var id = text(attributes.get("id"));
		if (id == null) {
			throw new SigmaException(source, 1, "the rule has no id");
		}
		return new RuleMetadata(id, required(source, attributes, "title"), origin, severity(source, attributes),
				text(attributes.get("status")), tactics(tags), techniques(tags), text(attributes.get("description")),
				text(vigil.get("triage")), strings(attributes.get("falsepositives")), checklist(source, vigil),
				dedup(source, vigil), window(source, vigil), strings(attributes.get("references")),
				text(attributes.get("author")), text(vigil.get("attribution")),
				events(map(vigil.get("tests")), "match"), events(map(vigil.get("tests")), "nomatch"));
	}

	private static Severity severity(String source, Map<String, ?> attributes) {
		try {
			return Severity.fromLevel(text(attributes.get("level")));
		}
		catch (IllegalArgumentException ex) {
			throw new SigmaException(source, 1, "unknown level '" + attributes.get("level") + "'");
		}
	}

	private static List<String> tactics(List<String> tags) {
		return tags.stream()
			.filter(tag -> tag.startsWith("attack.") && !TECHNIQUE.matcher(tag.substring(7)).matches())
			.map(tag -> tag.substring(7))
			.toList();
	}

	private static List<String> techniques(List<String> tags) {
		return tags.stream()
			.filter(tag -> tag.startsWith("attack.") && TECHNIQUE.matcher(tag.substring(7)).matches())
			.map(tag -> tag.substring(7).toUpperCase(Locale.ROOT))
			.toList();
	}

	private static List<ChecklistStep> checklist(String source, Map<String, ?> vigil) {
		if (!(vigil.get("checklist") instanceof List<?> steps)) {
			return GENERIC_CHECKLIST;
		}
		var result = new ArrayList<ChecklistStep>();
		for (var step : steps) {
			var fields = map(step);
			var answers = new ArrayList<ChecklistStep.Answer>();
			for (var answer : (fields.get("answers") instanceof List<?> list ? list : List.of())) {
				var answerFields = map(answer);
				answers.add(new ChecklistStep.Answer(required(source, answerFields, "label"),
						text(answerFields.get("next"))));
			}
			result.add(new ChecklistStep(required(source, fields, "id"), required(source, fields, "text"), answers,
					text(fields.get("next")), text(fields.get("action"))));
		}
		return result;
	}

	private static List<DedupField> dedup(String source, Map<String, ?> vigil) {
		var names = strings(vigil.get("dedup"));
		if (names.isEmpty()) {
			return List.of(DedupField.ACCOUNT);
		}
		try {
			return names.stream()
				.map(name -> DedupField.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')))
				.toList();
		}
		catch (IllegalArgumentException ex) {
			throw new SigmaException(source, 1,
					"unknown dedup field in " + names + "; use account, ip-address, " + "app or country");
		}
	}

	private static Duration window(String source, Map<String, ?> vigil) {
		var text = text(vigil.get("window"));
		try {
			return text == null ? RuleMetadata.DEFAULT_WINDOW : Duration.parse(text);
		}
		catch (RuntimeException ex) {
			throw new SigmaException(source, 1, "window '" + text + "' is not an ISO-8601 duration such as PT24H");
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> events(Map<String, ?> tests, String key) {
		return tests.get(key) instanceof List<?> list
				? list.stream().map(item -> (Map<String, Object>) map(item)).toList() : List.of();
	}

	private static String required(String source, Map<String, ?> fields, String key) {
		var value = text(fields.get(key));
		if (value == null) {
			throw new SigmaException(source, 1, "'" + key + "' is missing");
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> map(@Nullable Object value) {
		return value instanceof Map<?, ?> map ? (Map<String, ?>) map : Map.of();
	}

	private static List<String> strings(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return value == null ? List.of() : List.of(String.valueOf(value));
	}

	private static @Nullable String text(@Nullable Object value) {
		return value == null ? null : String.valueOf(value).strip();
	}

}
