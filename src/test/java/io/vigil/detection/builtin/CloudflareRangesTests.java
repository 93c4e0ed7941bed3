package io.vigil.detection.builtin;

import io.vigil.detection.DetectionSettings;
import io.vigil.detection.builtin.CloudflareRanges;
import io.vigil.detection.builtin.HostingNetworks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import inet.ipaddr.IPAddressString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refreshing CloudFlare's ranges from its API, and keeping what is there when that fails.
 */
class CloudflareRangesTests {

	private ListServer server;

	@BeforeEach
	void start() throws IOException {
		server = new ListServer("/client/v4/ips");
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private CloudflareRanges ranges() {
		var url = server.url();
		return new CloudflareRanges(new DetectionSettings(List.of(), Duration.ofDays(7),
				new DetectionSettings.Cloudflare(true, url, Duration.ofHours(24), Duration.ofSeconds(5)),
				Duration.ofSeconds(30), Duration.ofSeconds(15), 0, new DetectionSettings.HostingNetworks(false,
						URI.create("http://127.0.0.1:9/none"), Duration.ofHours(24), Duration.ofSeconds(5))));
	}

	@Test
	void startsWithTheSnapshotAndTakesCloudflaresList() {
		var ranges = ranges();
		assertThat(ranges.current().version()).isEqualTo("snapshot-2026-02-11");
		server.serve("""
				{"result":{"ipv4_cidrs":["198.51.100.0/24"],"ipv6_cidrs":["2001:db8::/32"],"etag":"e1"},
				 "success":true,"errors":[],"messages":[]}""");
		assertThat(ranges.refresh()).isTrue();
		assertThat(ranges.current().version()).isEqualTo("e1");
		assertThat(ranges.current().contains(new IPAddressString("198.51.100.20").getAddress())).isTrue();
	}

	@Test
	void aFailedRefreshKeepsWhatIsThere() {
		var ranges = ranges();
		server.serve("{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}");
		assertThat(ranges.refresh()).isFalse();
		server.answer(503);
		server.serve("unavailable");
		assertThat(ranges.refresh()).isFalse();
		server.answer(200);
		server.serve("<html>captive portal</html>");
		assertThat(ranges.refresh()).isFalse();
		assertThat(ranges.current().version()).isEqualTo("snapshot-2026-02-11");
		assertThat(ranges.current().contains(new IPAddressString("104.16.0.1").getAddress())).isTrue();
	}

	@Test
	void anUnreachableServerKeepsWhatIsThere() {
		var ranges = ranges();
		server.close();
		assertThat(ranges.refresh()).isFalse();
		assertThat(ranges.current().ranges()).hasSize(22);
	}

}
