package io.vigil.detection.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6AddressTrie;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudFlare's published address ranges in CIDR tries (one lookup per address, no scan of
 * the list) and its autonomous systems. Workers and WARP egress from AS13335 space
 * outside the published list, so the ASN counts too.
 */
public final class CloudflareNetworks {

	/** AS13335 Cloudflare, Inc. and AS209242 Cloudflare London. */
	public static final Set<Long> AUTONOMOUS_SYSTEMS = Set.of(13335L, 209242L);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IPv4AddressTrie v4 = new IPv4AddressTrie();

	private final IPv6AddressTrie v6 = new IPv6AddressTrie();

	private final List<String> ranges;

	private final String version;

	private CloudflareNetworks(List<String> ranges, String version) {
		this.ranges = List.copyOf(ranges);
		this.version = version;
		for (var range : ranges) {
			var network = new IPAddressString(range).getAddress();
			if (network == null) {
				throw new IllegalArgumentException("'" + range + "' is not a network");
			}
			var block = network.toPrefixBlock();
			if (block.isIPv4()) {
				v4.add(block.toIPv4());
			}
			else {
				v6.add(block.toIPv6());
			}
		}
	}

	public static CloudflareNetworks of(List<String> ranges, String version) {
		return new CloudflareNetworks(ranges, version);
	}

	/** The snapshot shipped with Vigil, the default until a refresh succeeds. */
	public static CloudflareNetworks snapshot() {
		try (InputStream in = CloudflareNetworks.class.getResourceAsStream("/detection/cloudflare-ips.json")) {
			return fromApiResponse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads CloudFlare's {@code GET /client/v4/ips} answer; refuses one that is
	 * unsuccessful or empty.
	 */
	public static CloudflareNetworks fromApiResponse(String json) {
		JsonNode root = JSON.readTree(json);
		var result = root.path("result");
		if (!root.path("success").asBoolean(false) || !result.isObject()) {
			throw new IllegalArgumentException("CloudFlare's answer is not a successful IP list");
		}
		var ranges = new ArrayList<String>();
		result.path("ipv4_cidrs").forEach(node -> ranges.add(node.asString()));
		result.path("ipv6_cidrs").forEach(node -> ranges.add(node.asString()));
		if (ranges.isEmpty()) {
			throw new IllegalArgumentException("CloudFlare's answer lists no ranges");
		}
		return new CloudflareNetworks(ranges, result.path("etag").asString("unversioned"));
	}

	public boolean contains(@Nullable IPAddress address) {
		if (address == null) {
			return false;
		}
		if (address.isIPv4()) {
			return v4.elementContains(address.toIPv4());
		}
		var v6address = address.toIPv6();
		if (v6address.isIPv4Mapped()) {
			return v4.elementContains(v6address.getEmbeddedIPv4Address());
		}
		return v6.elementContains(v6address);
	}

	public boolean ownsAutonomousSystem(@Nullable Long asn) {
		return asn != null && AUTONOMOUS_SYSTEMS.contains(asn);
	}

	public List<String> ranges() {
		return ranges;
	}

	/** CloudFlare's etag of the list, or the snapshot's name. */
	public String version() {
		return version;
	}

}
