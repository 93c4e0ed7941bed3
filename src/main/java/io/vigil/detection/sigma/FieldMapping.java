package io.vigil.detection.sigma;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Maps the field names Sigma rules use (Log Analytics columns, diagnostic-log JSON,
 * portal names) to the event's own paths or to derived fields, case-insensitively. The
 * event's own paths always resolve as they are. Loaded from a data file (see
 * {@code sigma/graph-signin-fields.yml}); a field it cannot resolve makes a rule
 * unsupported.
 */
public final class FieldMapping {

	private static final String PROPERTIES = "properties.";

	private String records = "Graph records";

	private final Map<String, String> paths = new HashMap<>();

	private final Map<String, String> aliases = new HashMap<>();

	private final Map<String, Object> absent = new HashMap<>();

	// one accessor per target, so that rules reading the same field share it (rule sets
	// read it once per event)
	private final Map<String, FieldAccessor> accessors = new java.util.concurrent.ConcurrentHashMap<>();

	@SuppressWarnings("unchecked")
	public static FieldMapping load(InputStream yaml) {
		Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		var mapping = new FieldMapping();
		if (root.get("records") instanceof String records) {
			mapping.records = records;
		}
		for (var path : (List<String>) root.getOrDefault("paths", List.of())) {
			mapping.paths.put(path.toLowerCase(Locale.ROOT), path);
		}
		((Map<String, String>) root.getOrDefault("aliases", Map.of()))
			.forEach((name, target) -> mapping.aliases.put(name.toLowerCase(Locale.ROOT), target));
		((Map<String, Object>) root.getOrDefault("absent", Map.of()))
			.forEach((path, value) -> mapping.absent.put(path.toLowerCase(Locale.ROOT), value));
		return mapping;
	}

	/** What the events are, for messages: "Graph sign-in records". */
	public String records() {
		return records;
	}

	/**
	 * The top-level members of an event that reading a field takes; null when that is not
	 * known (take every member), none for a field events cannot supply.
	 */
	public @Nullable Set<String> members(String field) {
		var target = target(field);
		if (target == null) {
			return Set.of();
		}
		if (target.startsWith("virtual:")) {
			return VirtualFields.members(target.substring("virtual:".length()));
		}
		var canonical = paths.getOrDefault(target.toLowerCase(Locale.ROOT), target);
		return Set.of(canonical.split("\\.")[0]);
	}

	/** How to read a field, or empty when events cannot supply it. */
	public Optional<FieldAccessor> resolve(String field) {
		var target = target(field);
		if (target == null) {
			return Optional.empty();
		}
		if (target.startsWith("virtual:")) {
			var name = target.substring("virtual:".length());
			return Optional.ofNullable(VirtualFields.named(name) == null ? null
					: accessors.computeIfAbsent(target, virtual -> VirtualFields.named(name)));
		}
		var canonical = paths.getOrDefault(target.toLowerCase(Locale.ROOT), target);
		return Optional.of(accessors.computeIfAbsent(canonical,
				path -> FieldAccessor.path(Arrays.asList(canonical.split("\\.")), whenAbsent(canonical))));
	}

	/** The path or {@code virtual:} name a field stands for; null when none. */
	private @Nullable String target(String field) {
		var key = field.toLowerCase(Locale.ROOT);
		var target = aliases.get(key);
		if (target == null && key.startsWith(PROPERTIES)) {
			target = aliases.get(key.substring(PROPERTIES.length()));
			key = key.substring(PROPERTIES.length());
		}
		return target != null ? target : paths.get(key);
	}

	private @Nullable Object whenAbsent(String path) {
		return absent.get(path.toLowerCase(Locale.ROOT));
	}

}
