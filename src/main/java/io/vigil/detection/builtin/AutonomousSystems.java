package io.vigil.detection.builtin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Names of autonomous systems and whether they are hosting networks (a curated snapshot
 * shipped with Vigil).
 */
public final class AutonomousSystems {

	public record AutonomousSystem(long number, String name, boolean hosting) {
	}

	private final Map<Long, AutonomousSystem> known = new HashMap<>();

	@SuppressWarnings("unchecked")
	public static AutonomousSystems snapshot() {
		try (var in = AutonomousSystems.class.getResourceAsStream("/detection/autonomous-systems.yml")) {
			List<Map<String, Object>> entries = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			var systems = new AutonomousSystems();
			for (var entry : entries) {
				var number = ((Number) entry.get("asn")).longValue();
				systems.known.put(number, new AutonomousSystem(number, (String) entry.get("name"),
						Boolean.TRUE.equals(entry.get("hosting"))));
			}
			return systems;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	java.util.Collection<AutonomousSystem> all() {
		return known.values();
	}

	public Optional<AutonomousSystem> find(Long number) {
		return Optional.ofNullable(known.get(number));
	}

}
