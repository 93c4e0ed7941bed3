package io.vigil.detection.builtin;

import io.vigil.detection.DetectionSettings;
import io.vigil.detection.builtin.CloudflareNetworks;
import io.vigil.detection.builtin.HostingNetworkList;
import io.vigil.detection.builtin.HostingNetworks;
import io.vigil.detection.builtin.HostingSignInRule;
import io.vigil.detection.rules.RuleLibrary;
import io.vigil.detection.rules.SignInEvent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
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

	private HttpServer server;

	private final AtomicInteger status = new AtomicInteger(200);

	private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/ASN.txt", exchange -> {
			var bytes = body.get();
			exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void startsWithTheSnapshotAndAddsThePublishedList() {
		var list = list();
		assertThat(list.current().contains(14061L)).as("DigitalOcean is in the snapshot").isTrue();
		assertThat(list.current().contains(64512L)).isFalse();
		serve("AS64512 # Example VPS Ltd\nAS64513\n# a comment\nnot a line\n\n 64514 # spaces\n");
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
		serve("AS64512\n");
		assertThat(list.refresh()).isTrue();
		status.set(500);
		assertThat(list.refresh()).isFalse();
		status.set(200);
		serve("<html>Sign in to continue</html>");
		assertThat(list.refresh()).isFalse();
		body.set(new byte[9 * 1024 * 1024]);
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
		serve("AS64512 # Example VPS Ltd\n");
		list.refresh();
		assertThat(rule.matches(new SignInEvent(event.record()))).isTrue();
	}

	private void serve(String text) {
		body.set(text.getBytes(StandardCharsets.UTF_8));
	}

	private HostingNetworkList list() {
		var url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ASN.txt");
		return new HostingNetworkList(new DetectionSettings(List.of(), Duration.ofDays(7),
				new DetectionSettings.Cloudflare(false, url, Duration.ofHours(24), Duration.ofSeconds(5)),
				Duration.ofSeconds(30), Duration.ofSeconds(15), 0,
				new DetectionSettings.HostingNetworks(true, url, Duration.ofHours(24), Duration.ofSeconds(5))));
	}

}
