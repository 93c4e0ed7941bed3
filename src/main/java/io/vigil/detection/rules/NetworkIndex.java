package io.vigil.detection.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import inet.ipaddr.IPAddress;
import org.jspecify.annotations.Nullable;

/**
 * Rules filed under networks: for an address, the rules of every network containing it,
 * with one hash lookup per distinct prefix length (a rule set has few) instead of a test
 * per network.
 */
final class NetworkIndex {

	private final Map<Integer, Map<Integer, List<Integer>>> ipv4 = new TreeMap<>();

	private final Map<Integer, Map<IPAddress, List<Integer>>> ipv6 = new TreeMap<>();

	private int[] ipv4Prefixes = new int[0];

	void add(IPAddress network, int rule) {
		int prefix = network.getNetworkPrefixLength() == null ? network.getBitCount()
				: network.getNetworkPrefixLength();
		if (network.isIPv4()) {
			int mask = mask(prefix);
			ipv4.computeIfAbsent(prefix, p -> new HashMap<>())
				.computeIfAbsent(network.toIPv4().intValue() & mask, base -> new ArrayList<>())
				.add(rule);
			ipv4Prefixes = ipv4.keySet().stream().mapToInt(Integer::intValue).toArray();
		}
		else {
			ipv6.computeIfAbsent(prefix, p -> new HashMap<>())
				.computeIfAbsent(network.toPrefixBlock(prefix).withoutPrefixLength(), block -> new ArrayList<>())
				.add(rule);
		}
	}

	void mark(@Nullable IPAddress address, boolean[] candidates) {
		if (address == null) {
			return;
		}
		if (address.isIPv4()) {
			markIpv4(address.toIPv4().intValue(), candidates);
			return;
		}
		// an IPv4-mapped address is in IPv4 networks (as its embedded address) and in
		// IPv6 ones
		if (address.toIPv6().isIPv4Mapped()) {
			markIpv4(address.toIPv6().getEmbeddedIPv4Address().intValue(), candidates);
		}
		for (var entry : ipv6.entrySet()) {
			markAll(entry.getValue().get(address.toPrefixBlock(entry.getKey()).withoutPrefixLength()), candidates);
		}
	}

	private void markIpv4(int value, boolean[] candidates) {
		for (int prefix : ipv4Prefixes) {
			markAll(ipv4.get(prefix).get(value & mask(prefix)), candidates);
		}
	}

	private static void markAll(@Nullable List<Integer> rules, boolean[] candidates) {
		if (rules != null) {
			for (int rule : rules) {
				candidates[rule] = true;
			}
		}
	}

	private static int mask(int prefix) {
		return prefix == 0 ? 0 : -1 << (32 - prefix);
	}

}
