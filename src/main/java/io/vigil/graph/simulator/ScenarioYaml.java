package io.vigil.graph.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vigil.graph.simulator.SimulatorScenario.Attack;
import io.vigil.graph.simulator.SimulatorScenario.AttackKind;
import io.vigil.graph.simulator.SimulatorScenario.Faults;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;
import io.vigil.shared.Secret;

/**
 * Maps a parsed YAML scenario onto the records, with defaults for what a file leaves out.
 */
final class ScenarioYaml {

	private ScenarioYaml() {
	}

	@SuppressWarnings("unchecked")
	static SimulatorScenario scenario(Map<String, Object> root) {
		var tenants = ((List<Map<String, Object>>) root.getOrDefault("tenants", List.of())).stream()
			.map(ScenarioYaml::tenant)
			.toList();
		var others = ((List<Map<String, Object>>) root.getOrDefault("otherClients", List.of())).stream()
			.map(client -> new SimulatorScenario.OtherClient(string(client, "clientId", null),
					new Secret(string(client, "clientSecret", null))))
			.toList();
		SimulatorScenario.GraphLimits limits = null;
		if (root.get("graphLimits") instanceof Map<?, ?> map) {
			var values = (Map<String, Object>) map;
			var standard = SimulatorScenario.GraphLimits.IDENTITY_REPORTS;
			limits = new SimulatorScenario.GraphLimits(number(values, "perApp", standard.perApp()).intValue(),
					number(values, "perTenant", standard.perTenant()).intValue(), standard.window());
		}
		return new SimulatorScenario(number(root, "seed", 42).longValue(), string(root, "clientId", null),
				new Secret(string(root, "clientSecret", null)), tenants, others, limits);
	}

	@SuppressWarnings("unchecked")
	private static TenantScenario tenant(Map<String, Object> map) {
		var attacks = ((List<Map<String, Object>>) map.getOrDefault("attacks", List.of())).stream()
			.map(ScenarioYaml::attack)
			.toList();
		var faults = map.get("faults") instanceof Map<?, ?> f ? faults((Map<String, Object>) f) : Faults.NONE;
		return new TenantScenario(string(map, "tenantId", null), string(map, "displayName", null),
				string(map, "domain", null), number(map, "users", 20).intValue(),
				duration(map, "history", Duration.ofHours(2)), duration(map, "duration", null),
				number(map, "signInsPerMinute", 10).doubleValue(),
				number(map, "nonInteractiveShare", 0.5).doubleValue(), number(map, "lateShare", 0).doubleValue(),
				duration(map, "lateDelay", Duration.ofMinutes(20)), number(map, "duplicateShare", 0).doubleValue(),
				number(map, "malformedEvery", 0).intValue(), bool(map, "licensed", true),
				bool(map, "consentRevoked", false), faults, attacks,
				map.get("permissions") instanceof List<?> granted ? granted.stream().map(String::valueOf).toList()
						: TenantScenario.ALL_PERMISSIONS,
				bool(map, "refusesConsent", false), bool(map, "riskLicensed", false),
				number(map, "auditsPerHour", 6).doubleValue());
	}

	private static Faults faults(Map<String, Object> map) {
		return new Faults(number(map, "throttleEvery", 0).intValue(), number(map, "retryAfterSeconds", 2).intValue(),
				number(map, "serverErrorEvery", 0).intValue(), number(map, "timeoutEvery", 0).intValue(),
				duration(map, "timeoutDelay", Duration.ofSeconds(10)));
	}

	private static Attack attack(Map<String, Object> map) {
		return new Attack(AttackKind.valueOf(string(map, "kind", null)), duration(map, "at", Duration.ZERO),
				number(map, "count", 1).intValue(), number(map, "user", 0).intValue(),
				duration(map, "spacing", Duration.ofSeconds(30)));
	}

	private static String string(Map<String, Object> map, String key, String fallback) {
		var value = map.get(key);
		if (value == null && fallback == null) {
			throw new IllegalArgumentException("Simulator scenario: '" + key + "' is required in " + map.keySet());
		}
		return value == null ? fallback : value.toString();
	}

	private static Number number(Map<String, Object> map, String key, Number fallback) {
		return map.get(key) instanceof Number n ? n : fallback;
	}

	private static boolean bool(Map<String, Object> map, String key, boolean fallback) {
		return map.get(key) instanceof Boolean b ? b : fallback;
	}

	private static Duration duration(Map<String, Object> map, String key, Duration fallback) {
		var value = map.get(key);
		return value == null ? fallback : Duration.parse(value.toString());
	}

}
