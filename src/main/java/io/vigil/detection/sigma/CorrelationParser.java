package io.vigil.detection.sigma;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.vigil.detection.sigma.SigmaCorrelation.Condition;
import io.vigil.detection.sigma.SigmaCorrelation.Type;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code correlation} section of a Sigma document, with the file and line of
 * every mistake. Conditions that only an absence can satisfy ({@code lt}, {@code lte}
 * alone, {@code eq}, {@code neq}) are refused: Vigil raises on what happened, as events
 * arrive, not on what did not.
 */
final class CorrelationParser {

	private static final Pattern TIMESPAN = Pattern.compile("^(\\d{1,6})([smhdw])$");

	/** A day of Graph's retention is the most a correlation may span... times thirty. */
	private static final Duration LONGEST = Duration.ofDays(30);

	private CorrelationParser() {
	}

	static SigmaCorrelation parse(String file, Node document, Map<String, Node> root,
			Map<String, @Nullable Object> attributes) {
		var section = mapping(file, root.get("correlation"), "correlation");
		var typeNode = section.get("type");
		var typeName = scalar(file, typeNode, "correlation type");
		var type = Type.of(typeName);
		if (type == null) {
			throw new SigmaException(file, line(typeNode), "unknown correlation type '" + typeName
					+ "'; expected event_count, value_count, temporal or temporal_ordered");
		}
		var rules = list(file, section.get("rules"), "correlation rules");
		if (rules.isEmpty()) {
			throw new SigmaException(file, line(section.get("rules") == null ? document : section.get("rules")),
					"the correlation names no rules");
		}
		if ((type == Type.TEMPORAL || type == Type.TEMPORAL_ORDERED) && rules.size() < 2) {
			throw new SigmaException(file, line(section.get("rules")), type.sigmaName() + " needs two rules or more");
		}
		var groupBy = section.get("group-by") == null ? List.<String>of()
				: list(file, section.get("group-by"), "group-by");
		var timespan = timespan(file,
				section.get("timespan") != null ? section.get("timespan") : section.get("timeframe"), document);
		Condition condition = null;
		String field = null;
		if (type == Type.EVENT_COUNT || type == Type.VALUE_COUNT) {
			var conditionNode = section.get("condition");
			if (conditionNode == null) {
				throw new SigmaException(file, line(document), type.sigmaName() + " needs a condition");
			}
			var conditionMap = mapping(file, conditionNode, "condition");
			condition = condition(file, conditionNode, conditionMap);
			if (type == Type.VALUE_COUNT) {
				var fieldNode = conditionMap.get("field");
				if (fieldNode == null) {
					throw new SigmaException(file, line(conditionNode), "value_count needs the field it counts");
				}
				field = scalar(file, fieldNode, "field");
			}
		}
		var generate = section.get("generate") != null
				&& "true".equalsIgnoreCase(scalar(file, section.get("generate"), "generate"));
		var title = root.get("title") == null ? null : scalar(file, root.get("title"), "title");
		if (title == null) {
			throw new SigmaException(file, line(document), "the correlation has no title");
		}
		return new SigmaCorrelation(file, line(document), optional(file, root.get("id")),
				optional(file, root.get("name")), title, optional(file, root.get("level")), type, rules, groupBy,
				timespan, condition, field, generate, attributes);
	}

	private static Condition condition(String file, Node node, Map<String, Node> map) {
		long atLeast = -1;
		long atMost = Long.MAX_VALUE;
		for (var entry : map.entrySet()) {
			switch (entry.getKey()) {
				case "field" -> {
				}
				case "gt" -> atLeast = number(file, entry.getValue()) + 1;
				case "gte" -> atLeast = number(file, entry.getValue());
				case "lte" -> atMost = number(file, entry.getValue());
				case "lt" -> atMost = number(file, entry.getValue()) - 1;
				case "eq", "neq" -> throw new SigmaException(file, line(entry.getValue()), "condition '"
						+ entry.getKey() + "' is not supported: Vigil raises as matches arrive; use gt or gte");
				default -> throw new SigmaException(file, line(entry.getValue()),
						"unknown condition operator '" + entry.getKey() + "'; expected gt, gte, lt or lte");
			}
		}
		if (atLeast < 1) {
			throw new SigmaException(file, line(node),
					"the condition needs a lower bound (gt or gte): a count that is only bounded above is met by"
							+ " silence, which Vigil does not raise on");
		}
		if (atMost < atLeast) {
			throw new SigmaException(file, line(node), "the condition's range is empty");
		}
		return new Condition(atLeast, atMost);
	}

	private static Duration timespan(String file, @Nullable Node node, Node document) {
		if (node == null) {
			throw new SigmaException(file, line(document), "the correlation has no timespan");
		}
		var text = scalar(file, node, "timespan");
		var matcher = TIMESPAN.matcher(text);
		if (!matcher.matches()) {
			throw new SigmaException(file, line(node),
					"timespan '" + text + "' is not a number followed by s, m, h, d or w (such as 15m)");
		}
		var amount = Long.parseLong(matcher.group(1));
		var span = switch (matcher.group(2)) {
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofDays(amount * 7);
		};
		if (span.isZero() || span.compareTo(LONGEST) > 0) {
			throw new SigmaException(file, line(node), "timespan '" + text + "' must be above zero and at most 30d");
		}
		return span;
	}

	private static long number(String file, Node node) {
		var text = scalar(file, node, "count");
		try {
			var value = Long.parseLong(text);
			if (value < 0 || value > 1_000_000) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new SigmaException(file, line(node), "'" + text + "' is not a count from 0 to 1,000,000");
		}
	}

	private static Map<String, Node> mapping(String file, @Nullable Node node, String what) {
		if (!(node instanceof MappingNode mapping)) {
			throw new SigmaException(file, node == null ? 1 : line(node), what + " must be a mapping");
		}
		var result = new java.util.LinkedHashMap<String, Node>();
		for (var tuple : mapping.getValue()) {
			result.put(scalar(file, tuple.getKeyNode(), "key"), tuple.getValueNode());
		}
		return result;
	}

	private static List<String> list(String file, @Nullable Node node, String what) {
		if (node == null) {
			return List.of();
		}
		if (node instanceof ScalarNode) {
			return List.of(scalar(file, node, what));
		}
		if (!(node instanceof SequenceNode sequence)) {
			throw new SigmaException(file, line(node), what + " must be a list");
		}
		var result = new ArrayList<String>();
		for (var item : sequence.getValue()) {
			result.add(scalar(file, item, what));
		}
		return result;
	}

	private static String scalar(String file, @Nullable Node node, String what) {
		if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
			throw new SigmaException(file, node == null ? 1 : line(node), what + " must be a value");
		}
		return scalar.getValue();
	}

	private static @Nullable String optional(String file, @Nullable Node node) {
		return node == null ? null : scalar(file, node, "value");
	}

	private static int line(Node node) {
		return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
	}

}
