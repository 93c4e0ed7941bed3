package io.vigil.detection.builtin;

import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.SignInEvent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import inet.ipaddr.IPAddressString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CloudflareNetworksTests {

	private final CloudflareNetworks snapshot = CloudflareNetworks.snapshot();

	private boolean contains(String address) {
		return snapshot.contains(new IPAddressString(address).getAddress());
	}

	@Test
	void theSnapshotHoldsTheCurrentPublishedRanges() {
		assertThat(snapshot.ranges()).hasSize(22)
			.contains("104.16.0.0/13", "104.24.0.0/14", "2a06:98c0::/29")
			.doesNotContain("104.16.0.0/12", "199.27.128.0/21");
	}

	@Test
	void rangeEdges() {
		assertThat(contains("104.16.0.0")).isTrue();
		assertThat(contains("104.23.255.255")).isTrue();
		assertThat(contains("104.27.255.255")).isTrue();
		assertThat(contains("104.28.0.1")).as("WARP space is outside the published list").isFalse();
		assertThat(contains("104.15.255.255")).isFalse();
		assertThat(contains("173.245.63.255")).isTrue();
		assertThat(contains("173.245.64.0")).isFalse();
		assertThat(contains("2a06:98c0:3600::103")).as("the Workers cross-zone address").isTrue();
		assertThat(contains("2a06:98b0::1")).isFalse();
		assertThat(contains("::ffff:162.158.1.1")).as("IPv4-mapped").isTrue();
		assertThat(snapshot.contains(null)).isFalse();
	}

	@Test
	void cloudflaresAutonomousSystems() {
		assertThat(snapshot.ownsAutonomousSystem(13335L)).isTrue();
		assertThat(snapshot.ownsAutonomousSystem(209242L)).isTrue();
		assertThat(snapshot.ownsAutonomousSystem(15169L)).isFalse();
		assertThat(snapshot.ownsAutonomousSystem(null)).isFalse();
	}

	@Test
	void readsCloudflaresApiAnswerAndRefusesAFailedOne() {
		var networks = CloudflareNetworks.fromApiResponse("""
				{"result":{"ipv4_cidrs":["198.51.100.0/24"],"ipv6_cidrs":["2001:db8::/32"],"etag":"abc"},
				 "success":true,"errors":[],"messages":[]}""");
		assertThat(networks.version()).isEqualTo("abc");
		assertThat(networks.contains(new IPAddressString("198.51.100.9").getAddress())).isTrue();
		assertThat(networks.contains(new IPAddressString("104.16.0.1").getAddress())).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> CloudflareNetworks
			.fromApiResponse("{\"result\":null,\"success\":false,\"errors\":[{\"code\":10000}]}"));
		assertThatIllegalArgumentException().isThrownBy(() -> CloudflareNetworks
			.fromApiResponse("{\"result\":{\"ipv4_cidrs\":[],\"ipv6_cidrs\":[]},\"success\":true}"));
	}

	@Test
	void rule1143FollowsRefreshedRanges() {
		var current = new AtomicReference<>(snapshot);
		var rule = RuleLibrary.builtIn(current::get)
			.ruleBook(io.vigil.detection.sigma.Placeholders.NONE)
			.rules()
			.getFirst();
		var event = new SignInEvent(Map.of("status", Map.of("errorCode", 0), "ipAddress", "198.51.100.9"));
		assertThat(rule.matches(event)).isFalse();
		current.set(CloudflareNetworks.of(List.of("198.51.100.0/24"), "refreshed"));
		assertThat(rule.matches(event)).isTrue();
		assertThat(rule.explain(event)).containsEntry("cloudflare_range", true).containsEntry("cloudflare_asn", false);
	}

	@Test
	void theAddressIsParsedOncePerEvent() {
		var event = new SignInEvent(Map.of("ipAddress", "104.16.1.2"));
		assertThat(event.address()).isSameAs(event.address());
	}

	@Test
	void theFastIpv4ParserAgreesWithTheLibrary() {
		for (var text : List.of("104.16.1.2", "0.0.0.0", "255.255.255.255", "1.2.3", "256.1.1.1", "1.2.3.4.5", "1..2.3",
				"::1", "2a06:98c0:3600::103", "::ffff:1.2.3.4", "x", "", "1.2.3.4 ")) {
			var expected = new IPAddressString(text).getAddress();
			assertThat(new SignInEvent(Map.of("ipAddress", text)).address()).as(text).isEqualTo(expected);
		}
	}

}
