package io.vigil.detection.sigma;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.detection.sigma.SigmaRule.FieldCondition;
import io.vigil.detection.sigma.SigmaRule.FieldGroups;
import io.vigil.detection.sigma.SigmaRule.Keywords;
import io.vigil.detection.sigma.SigmaRule.Located;
import io.vigil.detection.sigma.SigmaRule.LogSource;
import io.vigil.detection.sigma.SigmaRule.Search;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Sigma rules from YAML, one or several documents per file, keeping line numbers so
 * that every error names the file and the line. Documents without a detection section
 * (such as a correlation) are reported, not skipped.
 */
public final class SigmaRuleParser {

	public List<SigmaRule> parse(String source, String yaml) {
		return parse(source, new StringReader(yaml));
	}

	public List<SigmaRule> parse(String source, Reader yaml) {
		var documents = parseDocuments(source, yaml);
		if (!documents.correlations().isEmpty()) {
			var correlation = documents.correlations().getFirst();
			throw new SigmaException(source, correlation.line(),
					"correlation rules are not supported here (only detection rules)");
		}
		return documents.rules();
	}

	/** Detection rules and correlation rules, as a file holds them. */
	public record Documents(List<SigmaRule> rules, List<SigmaCorrelation> correlations) {
	}

	public Documents parseDocuments(String source, Reader yaml) {
		var rules = new ArrayList<SigmaRule>();
		var correlations = new ArrayList<SigmaCorrelation>();
		var text = RuleLimits.read(source, yaml);
		try {
			var documents = new Yaml(new SafeConstructor(RuleLimits.loaderOptions()),
					new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
					new org.yaml.snakeyaml.DumperOptions(), RuleLimits.loaderOptions(), new CoreSchemaLater())
				.composeAll(new StringReader(text));
			for (var document : documents) {
				if (document != null) {
					RuleLimits.checkExpandedSize(source, document);
					var root = mapping(source, document, "a rule");
					if (root.containsKey("correlation") && !root.containsKey("detection")) {
						correlations.add(CorrelationParser.parse(source, document, root, plainMap(document)));
					}
					else {
						rules.add(rule(source, document));
					}
				}
			}
		}
		catch (MarkedYAMLException ex) {
			var mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
			throw new SigmaException(source, mark == null ? 0 : mark.getLine() + 1, "invalid YAML: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			throw new SigmaException(source, 1, "invalid YAML: " + ex.getMessage());
		}
		if (rules.isEmpty() && correlations.isEmpty()) {
			throw new SigmaException(source, 1, "the file holds no rule");
		}
		return new Documents(rules, correlations);
	}

	private SigmaRule rule(String file, Node document) {
		var root = mapping(file, document, "a rule");
		var detection = root.get("detection");
		if (detection == null) {
			var what = root.containsKey("correlation") ? "correlation rules are not supported"
					: "the rule has no detection section";
			throw new SigmaException(file, line(document), what);
		}
		var title = scalar(file, root.get("title"));
		if (title == null) {
			throw new SigmaException(file, line(document), "the rule has no title");
		}
		var logSource = root.get("logsource") == null ? Map.<String, Node>of()
				: mapping(file, root.get("logsource"), "logsource");
		var searches = new LinkedHashMap<String, Search>();
		var conditions = new ArrayList<Located<String>>();
		for (var entry : mapping(file, detection, "detection").entrySet()) {
			switch (entry.getKey()) {
				case "condition" -> conditions.addAll(conditions(file, entry.getValue()));
				case "timeframe" -> throw new SigmaException(file, line(entry.getValue()),
						"timeframe needs a correlation rule, which is not supported");
				default -> searches.put(entry.getKey(), search(file, entry.getValue()));
			}
		}
		if (conditions.isEmpty()) {
			throw new SigmaException(file, line(detection), "the detection has no condition");
		}
		return new SigmaRule(
				file, scalar(file, root.get("id")), title, scalar(file, root.get("status")), scalar(file,
						root.get("level")),
				scalar(file, root.get("description")), scalar(file, root.get("author")),
				strings(file, root.get("references")), strings(file, root.get("tags")),
				strings(file, root.get("falsepositives")), new LogSource(scalar(file, logSource.get("product")),
						scalar(file, logSource.get("service")), scalar(file, logSource.get("category"))),
				searches, conditions, plainMap(document));
	}

	/**
	 * The whole document as maps, lists and scalars, for attributes beyond the detection
	 * (such as metadata).
	 */
	private static Map<String, @Nullable Object> plainMap(Node document) {
		@SuppressWarnings("unchecked")
		var map = (Map<String, @Nullable Object>) plain(document);
		return map;
	}

	private static @Nullable Object plain(Node node) {
		if (node instanceof MappingNode mapping) {
			var result = new LinkedHashMap<String, @Nullable Object>();
			for (var tuple : mapping.getValue()) {
				result.put(String.valueOf(plain(tuple.getKeyNode())), plain(tuple.getValueNode()));
			}
			return result;
		}
		if (node instanceof SequenceNode sequence) {
			var result = new ArrayList<@Nullable Object>();
			sequence.getValue().forEach(item -> result.add(plain(item)));
			return result;
		}
		try {
			return value("", node);
		}
		catch (SigmaException ex) {
			// metadata beyond the detection is kept as written, whatever its tag
			return ((ScalarNode) node).getValue();
		}
	}

	private Search search(String file, Node node) {
		if (node instanceof MappingNode) {
			return new FieldGroups(List.of(group(file, node)), line(node));
		}
		if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()
				&& sequence.getValue().stream().allMatch(item -> item instanceof MappingNode)) {
			return new FieldGroups(sequence.getValue().stream().map(item -> group(file, item)).toList(), line(node));
		}
		if (node instanceof SequenceNode || node instanceof ScalarNode) {
			return new Keywords(List.of(), values(file, node), line(node));
		}
		throw new SigmaException(file, line(node), "a search must be a map, a list of maps or a list of keywords");
	}

	private List<FieldCondition> group(String file, Node node) {
		var conditions = new ArrayList<FieldCondition>();
		for (var tuple : ((MappingNode) node).getValue()) {
			var key = scalar(file, tuple.getKeyNode());
			if (key == null) {
				throw new SigmaException(file, line(tuple.getKeyNode()), "a field name must be text");
			}
			var parts = key.split("\\|", -1);
			var modifiers = Arrays.asList(parts).subList(1, parts.length);
			conditions.add(new FieldCondition(parts[0], List.copyOf(modifiers), values(file, tuple.getValueNode()),
					line(tuple.getKeyNode())));
		}
		return conditions;
	}

	private List<@Nullable Object> values(String file, Node node) {
		var values = new ArrayList<@Nullable Object>();
		if (node instanceof SequenceNode sequence) {
			for (var item : sequence.getValue()) {
				values.add(value(file, item));
			}
		}
		else {
			values.add(value(file, node));
		}
		return values;
	}

	/**
	 * Scalars keep their YAML type (number, boolean, null, text) so `0` and `'0'` both
	 * compare as "0" later.
	 */
	/**
	 * A scalar as the Sigma specification reads it: YAML 1.2's core schema. A plain
	 * (unquoted) scalar is null, a boolean, an integer (decimal, 0o octal, 0x hex) or a
	 * float only in that schema's spellings, so {@code yes}, {@code on} and {@code 010}
	 * are text and decimal ten, not YAML 1.1's true and eight; a quoted scalar is text.
	 * An explicit tag other than the core schema's is a load error naming the line.
	 */
	private static @Nullable Object value(String file, Node node) {
		if (!(node instanceof ScalarNode scalar)) {
			throw new SigmaException(file, line(node), "a value must be a scalar, not a " + node.getNodeId());
		}
		var tag = scalar.getTag();
		var text = scalar.getValue();
		if (tag.equals(Tag.STR)) {
			return scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN ? CoreSchema.read(text)
					: text;
		}
		var explicit = CoreSchema.read(text);
		if (tag.equals(Tag.NULL) && explicit == null || tag.equals(Tag.BOOL) && explicit instanceof Boolean
				|| (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) && explicit instanceof java.math.BigDecimal) {
			return explicit;
		}
		throw new SigmaException(file, line(node), "a value of type " + tag.getValue() + " ('" + abbreviate(text)
				+ "') is not one Sigma knows: use text, a number, true, false or null");
	}

	private static String abbreviate(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

	/**
	 * Resolves no scalar implicitly: {@link #value} applies YAML 1.2's core schema to
	 * plain scalars itself.
	 */
	private static final class CoreSchemaLater extends org.yaml.snakeyaml.resolver.Resolver {

		@Override
		protected void addImplicitResolvers() {
			// none: every untagged scalar stays text until read
		}

	}

	private static List<Located<String>> conditions(String file, Node node) {
		var result = new ArrayList<Located<String>>();
		if (node instanceof SequenceNode sequence) {
			for (var item : sequence.getValue()) {
				result.add(new Located<>(requiredScalar(file, item, "a condition"), line(item)));
			}
		}
		else {
			result.add(new Located<>(requiredScalar(file, node, "a condition"), line(node)));
		}
		return result;
	}

	private static Map<String, Node> mapping(String file, Node node, String what) {
		if (!(node instanceof MappingNode mapping)) {
			throw new SigmaException(file, line(node), what + " must be a map");
		}
		var result = new LinkedHashMap<String, Node>();
		for (var tuple : mapping.getValue()) {
			var key = requiredScalar(file, tuple.getKeyNode(), "a key");
			if (result.put(key, tuple.getValueNode()) != null) {
				throw new SigmaException(file, line(tuple.getKeyNode()), "duplicate key '" + key + "'");
			}
		}
		return result;
	}

	private static List<String> strings(String file, @Nullable Node node) {
		if (node == null) {
			return List.of();
		}
		if (node instanceof SequenceNode sequence) {
			return sequence.getValue().stream().map(item -> requiredScalar(file, item, "a list item")).toList();
		}
		return List.of(requiredScalar(file, node, "a value"));
	}

	private static String requiredScalar(String file, Node node, String what) {
		var value = scalar(file, node);
		if (value == null) {
			throw new SigmaException(file, line(node), what + " must be text");
		}
		return value;
	}

	private static @Nullable String scalar(String file, @Nullable Node node) {
		if (node == null) {
			return null;
		}
		if (!(node instanceof ScalarNode scalar)) {
			throw new SigmaException(file, line(node), "expected a single value, found a " + node.getNodeId());
		}
		return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
	}

	private static int line(Node node) {
		return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
	}

}
