package io.vigil.detection.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.vigil.detection.RuleMetadata.Origin;
import io.vigil.detection.RuleMetadata;
import io.vigil.detection.RuleStatus;
import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.builtin.CloudflareSignInRule;
import io.vigil.detection.builtin.FirstSeenRule;
import io.vigil.detection.builtin.HostingNetworks;
import io.vigil.detection.builtin.HostingSignInRule;
import io.vigil.detection.builtin.ImpossibleTravelRule;
import io.vigil.detection.builtin.PasswordSprayRule;
import io.vigil.detection.builtin.PasswordSprays;
import io.vigil.detection.builtin.SprayedAccountSignInRule;
import io.vigil.detection.sigma.FieldMapping;
import io.vigil.detection.sigma.Placeholders;
import io.vigil.detection.sigma.RuleLoad;
import io.vigil.detection.sigma.SigmaCompiler;
import io.vigil.detection.sigma.SigmaException;
import io.vigil.detection.sigma.SigmaRuleParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every rule Vigil knows: the built-in rules, the Sigma rules it ships
 * ({@code classpath:rules/sigma}) and rules from directories or uploads. Sigma rules are
 * validated when added (a broken rule is an error naming its file and line) and compiled
 * per tenant, because {@code expand} placeholders differ between tenants.
 */
public final class RuleLibrary {

	/**
	 * The Sigma rules Vigil ships, listed so the library loads the same way from a jar, a
	 * directory or a test.
	 */
	private static final List<String> SHIPPED = List.of("axios-user-agent.yml", "mfa-denied.yml",
			"device-code-flow.yml", "ropc-flow.yml", "legacy-authentication.yml", "azurehound.yml",
			"user-app-consent.yml");

	/** One compiler per source: each compiles against its source's field mapping. */
	private final java.util.EnumMap<EventSource, SigmaCompiler> compilers = new java.util.EnumMap<>(EventSource.class);

	private final List<DetectionRule> builtIn;

	private final List<BehaviourRule> behaviours;

	private final List<SigmaRuleDefinition> sigma = new ArrayList<>();

	private final List<CorrelationDefinition> correlations = new ArrayList<>();

	/** A correlation rule and its metadata, as read. */
	private record CorrelationDefinition(io.vigil.detection.sigma.SigmaCorrelation correlation, RuleMetadata metadata) {
	}

	private RuleLibrary(List<DetectionRule> builtIn, List<BehaviourRule> behaviours) {
		this.behaviours = List.copyOf(behaviours);
		for (var source : EventSource.values()) {
			compilers.put(source, new SigmaCompiler(FieldMapping.load(resource(source.mappingResource()))));
		}
		this.builtIn = List.copyOf(builtIn);
	}

	/**
	 * No rules at all: for trying out one rule on its own (a retro-hunt of an uploaded
	 * rule).
	 */
	public static RuleLibrary empty() {
		return new RuleLibrary(List.of(), List.of());
	}

	/** Built-in rules only (RULE-1143 reading the given CloudFlare networks). */
	public static RuleLibrary builtIn(Supplier<CloudflareNetworks> cloudflare) {
		return builtIn(cloudflare, HostingNetworks::snapshot);
	}

	/**
	 * Built-in rules only, reading the given CloudFlare and hosting networks (both
	 * refreshed while Vigil runs).
	 */
	public static RuleLibrary builtIn(Supplier<CloudflareNetworks> cloudflare, Supplier<HostingNetworks> hosting) {
		var metadata = RuleMetadataReader.read("RULE-1143.yml", yaml("/rules/builtin/RULE-1143.yml"), Origin.BUILT_IN);
		var sprays = new PasswordSprays(hosting);
		return new RuleLibrary(
				List.of(new CloudflareSignInRule(metadata, cloudflare),
						new HostingSignInRule(builtInMetadata(HostingSignInRule.ID), hosting, cloudflare)),
				List.of(new PasswordSprayRule(builtInMetadata(PasswordSprayRule.ID), sprays),
						new SprayedAccountSignInRule(builtInMetadata(SprayedAccountSignInRule.ID), sprays),
						new ImpossibleTravelRule(builtInMetadata(ImpossibleTravelRule.ID), cloudflare, hosting),
						new FirstSeenRule(builtInMetadata(FirstSeenRule.ID))));
	}

	/** Built-in rules plus the Sigma rules Vigil ships. */
	public static RuleLibrary defaults(Supplier<CloudflareNetworks> cloudflare) {
		return defaults(cloudflare, HostingNetworks::snapshot);
	}

	/** Built-in rules plus the Sigma rules Vigil ships, reading the given networks. */
	public static RuleLibrary defaults(Supplier<CloudflareNetworks> cloudflare, Supplier<HostingNetworks> hosting) {
		var library = builtIn(cloudflare, hosting);
		for (var name : SHIPPED) {
			try (var reader = reader(resource("/rules/sigma/" + name))) {
				library.addSigma(name, reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return library;
	}

	/**
	 * A library with the same rules, to which more can be added without changing this
	 * one.
	 */
	public RuleLibrary copy() {
		var copy = new RuleLibrary(builtIn, behaviours);
		copy.sigma.addAll(sigma);
		copy.correlations.addAll(correlations);
		return copy;
	}

	/**
	 * Adds the Sigma rules of a file, or of every {@code .yml} / {@code .yaml} file under
	 * a directory.
	 */
	public RuleLibrary addSigma(Path path) {
		try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
			for (var file : files.filter(RuleLibrary::isYaml).sorted().toList()) {
				try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					addSigma(file.toString(), reader);
				}
			}
		}
		catch (IOException ex) {
			throw new SigmaException(path.toString(), 0, "cannot read: " + ex.getMessage());
		}
		return this;
	}

	/**
	 * Adds the Sigma rules of one file. Throws {@link SigmaException} (file, line,
	 * problem) for a rule that cannot load; nothing of the file is added then.
	 */
	public List<RuleMetadata> addSigma(String source, Reader yaml) {
		var added = new ArrayList<SigmaRuleDefinition>();
		var documents = new SigmaRuleParser().parseDocuments(source, yaml);
		for (var rule : documents.rules()) {
			var definition = new SigmaRuleDefinition(rule,
					RuleMetadataReader.read(source, rule.attributes(), Origin.SIGMA));
			definition.compile(compiler(definition), Placeholders.NONE);
			added.add(definition);
		}
		var addedCorrelations = new ArrayList<CorrelationDefinition>();
		for (var correlation : documents.correlations()) {
			addedCorrelations.add(new CorrelationDefinition(correlation,
					RuleMetadataReader.read(source, correlation.attributes(), Origin.SIGMA)));
		}
		sigma.addAll(added);
		correlations.addAll(addedCorrelations);
		var result = new ArrayList<RuleMetadata>(added.stream().map(SigmaRuleDefinition::metadata).toList());
		addedCorrelations.forEach(definition -> result.add(definition.metadata()));
		return result;
	}

	/** Every rule's metadata, built-in first. */
	public List<RuleMetadata> catalogue() {
		var result = new ArrayList<RuleMetadata>();
		builtIn.forEach(rule -> result.add(rule.metadata()));
		behaviours.forEach(rule -> result.add(rule.metadata()));
		sigma.forEach(definition -> result.add(definition.metadata()));
		correlations.forEach(definition -> result.add(definition.metadata()));
		return result;
	}

	/** The rules as they run for a tenant with these placeholder values. */
	public RuleBook ruleBook(Placeholders placeholders) {
		var rules = new ArrayList<DetectionRule>(builtIn);
		var activityRules = new java.util.EnumMap<EventSource, List<SigmaDetectionRule>>(EventSource.class);
		var statuses = new ArrayList<RuleStatus>();
		builtIn.forEach(rule -> statuses
			.add(new RuleStatus(rule.metadata(), RuleStatus.State.READY, null, java.util.Set.of())));
		behaviours.forEach(rule -> statuses
			.add(new RuleStatus(rule.metadata(), RuleStatus.State.READY, null, java.util.Set.of())));
		for (var definition : sigma) {
			var metadata = definition.metadata();
			switch (definition.compile(compiler(definition), placeholders)) {
				case RuleLoad.Ready ready -> {
					var rule = new SigmaDetectionRule(metadata, ready.compiled());
					if (definition.source() == EventSource.SIGN_INS) {
						rules.add(rule);
					}
					else {
						activityRules.computeIfAbsent(definition.source(), s -> new ArrayList<>()).add(rule);
					}
					statuses.add(new RuleStatus(metadata, RuleStatus.State.READY, null, java.util.Set.of()));
				}
				case RuleLoad.Unsupported unsupported -> statuses.add(new RuleStatus(metadata,
						RuleStatus.State.UNSUPPORTED, unsupported.reason(), java.util.Set.of()));
				case RuleLoad.NeedsPlaceholders needs ->
					statuses.add(new RuleStatus(metadata, RuleStatus.State.NEEDS_PLACEHOLDERS,
							"placeholders without values: " + String.join(", ", needs.placeholders()),
							needs.placeholders()));
			}
		}
		var compiled = new ArrayList<CompiledCorrelation>();
		for (var definition : correlations) {
			var outcome = compileCorrelation(definition, rules, statuses);
			if (outcome instanceof CompiledCorrelation ready) {
				compiled.add(ready);
				statuses.add(new RuleStatus(definition.metadata(), RuleStatus.State.READY, null, java.util.Set.of()));
			}
			else {
				statuses.add(new RuleStatus(definition.metadata(), RuleStatus.State.UNSUPPORTED, (String) outcome,
						java.util.Set.of()));
			}
		}
		return new RuleBook(rules, activityRules, behaviours, compiled, statuses);
	}

	/**
	 * The correlation compiled against the tenant's ready sign-in rules, or why it cannot
	 * run (a rule it names is missing, not ready, or reads no sign-ins; a field it groups
	 * by cannot be supplied).
	 */
	private Object compileCorrelation(CorrelationDefinition definition, List<DetectionRule> ready,
			List<RuleStatus> statuses) {
		var correlation = definition.correlation();
		var ids = new ArrayList<String>();
		for (var reference : correlation.rules()) {
			var target = sigma.stream()
				.filter(rule -> reference.equals(rule.metadata().id())
						|| reference.equals(String.valueOf(rule.rule().attributes().get("name"))))
				.findFirst();
			if (target.isEmpty()) {
				return "names rule '" + reference + "', which Vigil does not have";
			}
			var id = target.get().metadata().id();
			if (ready.stream().noneMatch(rule -> rule.metadata().id().equals(id))) {
				return "names rule '" + reference + "', which does not run on sign-ins here ("
						+ statuses.stream()
							.filter(status -> status.metadata().id().equals(id))
							.map(status -> status.state().name().toLowerCase(java.util.Locale.ROOT))
							.findFirst()
							.orElse("not ready")
						+ ")";
			}
			ids.add(id);
		}
		var mapping = compilers.get(EventSource.SIGN_INS).mapping();
		var groupBy = new ArrayList<io.vigil.detection.sigma.FieldAccessor>();
		for (var field : correlation.groupBy()) {
			var accessor = mapping.resolve(field);
			if (accessor.isEmpty()) {
				return "groups by field '" + field + "', which cannot be supplied from " + mapping.records();
			}
			groupBy.add(accessor.get());
		}
		io.vigil.detection.sigma.FieldAccessor value = null;
		if (correlation.field() != null) {
			var accessor = mapping.resolve(correlation.field());
			if (accessor.isEmpty()) {
				return "counts field '" + correlation.field() + "', which cannot be supplied from " + mapping.records();
			}
			value = accessor.get();
		}
		return new CompiledCorrelation(correlation, definition.metadata(), ids, correlation.groupBy(), groupBy, value,
				members(mapping, correlation));
	}

	/**
	 * The members a correlation's group-by and counted fields read; null when not known.
	 */
	private static java.util.@org.jspecify.annotations.Nullable Set<String> members(
			io.vigil.detection.sigma.FieldMapping mapping, io.vigil.detection.sigma.SigmaCorrelation correlation) {
		var fields = new ArrayList<>(correlation.groupBy());
		if (correlation.field() != null) {
			fields.add(correlation.field());
		}
		var members = new java.util.HashSet<String>();
		for (var field : fields) {
			var read = mapping.members(field);
			if (read == null) {
				return null;
			}
			members.addAll(read);
		}
		return Set.copyOf(members);
	}

	private SigmaCompiler compiler(SigmaRuleDefinition definition) {
		return compilers.get(definition.source());
	}

	private static RuleMetadata builtInMetadata(String id) {
		return RuleMetadataReader.read(id + ".yml", yaml("/rules/builtin/" + id + ".yml"), Origin.BUILT_IN);
	}

	private static boolean isYaml(Path file) {
		var name = file.getFileName().toString();
		return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
	}

	private static InputStream resource(String name) {
		var in = RuleLibrary.class.getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("missing resource " + name);
		}
		return in;
	}

	private static Reader reader(InputStream in) {
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}

	private static Map<String, Object> yaml(String name) {
		try (var in = resource(name)) {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
