package io.vigil.detection.builtin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The autonomous systems that are hosting, cloud or VPN networks: where AiTM phishing
 * kits and password sprayers run, and where a person at home or in an office rarely signs
 * in from. Vigil ships a curated snapshot ({@code detection/autonomous-systems.yml}) and
 * can add a published list (one {@code AS<number>} per line, comments after {@code #}).
 */
public final class HostingNetworks {

	private static final Pattern LINE = Pattern.compile("^\\s*(?:AS)?(\\d{1,10})\\b\\s*(?:#\\s*(.*))?$",
			Pattern.CASE_INSENSITIVE);

	/** More than any published list holds: a bigger answer is not such a list. */
	private static final int MAX_ENTRIES = 200_000;

	private final Map<Long, String> names;

	private final String version;

	private HostingNetworks(Map<Long, String> names, String version) {
		this.names = Map.copyOf(names);
		this.version = version;
	}

	/** The shipped snapshot's hosting networks. */
	public static HostingNetworks snapshot() {
		return Snapshot.NETWORKS;
	}

	/** Holds the snapshot, read once on first use: rules ask for it per sign-in. */
	private static final class Snapshot {

		static final HostingNetworks NETWORKS = read();

		private static HostingNetworks read() {
			var names = new HashMap<Long, String>();
			AutonomousSystems.snapshot()
				.all()
				.stream()
				.filter(AutonomousSystems.AutonomousSystem::hosting)
				.forEach(system -> names.put(system.number(), system.name()));
			return new HostingNetworks(names, "snapshot");
		}

	}

	/**
	 * The snapshot plus a published list; lines that are no {@code AS<number>} are
	 * skipped.
	 * @throws IllegalArgumentException when the text holds no entry at all, or far too
	 * many (not such a list: keep the one in use)
	 */
	public static HostingNetworks withList(String text, String version) {
		var names = new HashMap<>(snapshot().names);
		var added = 0;
		for (var line : text.lines().toList()) {
			var matcher = LINE.matcher(line);
			if (matcher.matches()) {
				var number = Long.parseLong(matcher.group(1));
				if (number > 0 && number <= 4_294_967_295L) {
					names.putIfAbsent(number, matcher.group(2) == null ? "AS" + number : matcher.group(2).strip());
					if (++added > MAX_ENTRIES) {
						throw new IllegalArgumentException("more than " + MAX_ENTRIES + " networks");
					}
				}
			}
		}
		if (added == 0) {
			throw new IllegalArgumentException("no AS number in the list");
		}
		return new HostingNetworks(names, version);
	}

	public boolean contains(@org.jspecify.annotations.Nullable Long asn) {
		return asn != null && names.containsKey(asn);
	}

	public Optional<String> name(long asn) {
		return Optional.ofNullable(names.get(asn));
	}

	public int size() {
		return names.size();
	}

	public String version() {
		return version;
	}

}
