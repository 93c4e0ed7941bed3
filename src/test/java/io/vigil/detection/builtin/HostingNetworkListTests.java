package io.vigil.detection.builtin;

import io.vigil.detection.DetectionSettings;
import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.builtin.HostingNetworkList;
import io.vigil.detection.builtin.HostingNetworks;
import io.vigil.detection.builtin.HostingSignInRule;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.SignInEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refreshing the hosting networks from a published list served by a real local HTTP
 * server, keeping what is there when that fails, and RULE-1206 reading the refreshed
 * list.
 */
class HostingNetworkListTests {

	private ListServer server;

	@BeforeEach
	void start() throws IOException {
		server = new ListServer("/ASN.txt");
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void startsWithTheSnapshotAndAddsThePublishedList() {
		var list = list();
		assertThat(list.current().contains(14061L)).as("DigitalOcean is in the snapshot").isTrue();
		assertThat(list.current().contains(64512L)).isFalse();
		server.serve("AS64512 # Example VPS Ltd\nAS64513\n# a comment\nnot a line\n\n 64514 # spaces\n");
		assertThat(list.refresh()).isTrue();
		assertThat(list.current().contains(64512L)).isTrue();
		assertThat(list.current().name(64512)).contains("Example VPS Ltd");
		assertThat(list.current().contains(64513L)).isTrue();
		assertThat(list.current().contains(64514L)).isTrue();
		assertThat(list.current().contains(14061L)).as("the snapshot stays").isTrue();
	}

	@Test
	void keepsTheListInUseWhenTheAnswerIsNoList() {
		var list = list();
		server.serve("AS64512\n");
		assertThat(list.refresh()).isTrue();
		server.answer(500);
		assertThat(list.refresh()).isFalse();
		server.answer(200);
		server.serve("<html>Sign in to continue</html>");
		assertThat(list.refresh()).isFalse();
		server.serve(new byte[9 * 1024 * 1024]);
		assertThat(list.refresh()).isFalse();
		assertThat(list.current().contains(64512L)).as("still the last good list").isTrue();
	}

	@Test
	void theRuleReadsTheRefreshedList() {
		var list = list();
		var library = RuleLibrary.builtIn(CloudflareNetworks::snapshot, list::current);
		var rule = library.ruleBook(io.vigil.detection.sigma.Placeholders.NONE)
			.rules()
			.stream()
			.filter(r -> r.metadata().id().equals(HostingSignInRule.ID))
			.findFirst()
			.orElseThrow();
		var event = new SignInEvent(Map.of("signInEventTypes", List.of("interactiveUser"), "status",
				Map.of("errorCode", 0), "autonomousSystemNumber", 64512));
		assertThat(rule.matches(event)).isFalse();
		server.serve("AS64512 # Example VPS Ltd\n");
		list.refresh();
		assertThat(rule.matches(new SignInEvent(event.record()))).isTrue();
	}

	private HostingNetworkList list() {
		var url = server.url();
		return new HostingNetworkList(new DetectionSettings(List.of(), Duration.ofDays(7),
				new DetectionSettings.Cloudflare(false, url, Duration.ofHours(24), Duration.ofSeconds(5)),
				Duration.ofSeconds(30), Duration.ofSeconds(15), 0,
				new DetectionSettings.HostingNetworks(true, url, Duration.ofHours(24), Duration.ofSeconds(5))));
	}

}
