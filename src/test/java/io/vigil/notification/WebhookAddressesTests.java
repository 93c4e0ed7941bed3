package io.vigil.notification;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The attack: an organization admin names an address inside the provider's network as a
 * webhook, to make Vigil post to it (server-side request forgery). Only https to public
 * addresses is accepted, checked again on a fresh resolution before each delivery.
 */
class WebhookAddressesTests {

	/** Names as an attacker would point them; no real DNS is asked. */
	static final Map<String, String> DNS = Map.of("hooks.example", "93.184.216.34", "metadata.evil.example",
			"169.254.169.254", "intranet.evil.example", "10.1.2.3", "rebind.evil.example", "127.0.0.1",
			"v6.evil.example", "::ffff:192.168.1.1");

	final WebhookAddresses addresses = new WebhookAddresses(false, WebhookAddressesTests::resolve);

	@ParameterizedTest
	@ValueSource(strings = { "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hook",
			"https://172.16.3.4/", "https://192.168.1.10/", "https://127.0.0.1:8080/actuator", "https://[::1]/x",
			"https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::ffff:10.0.0.1]/x", "https://[::ffff:127.0.0.1]/x",
			"https://[64:ff9b::a9fe:a9fe]/x", "https://0.0.0.0/", "https://100.64.1.1/", "https://224.0.0.1/",
			"https://metadata.evil.example/", "https://intranet.evil.example/", "https://rebind.evil.example/",
			"https://v6.evil.example/" })
	void anInsideAddressIsRefusedWhenSaved(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> addresses.saved(url))
			.withMessageContaining("is not a public internet address");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://hooks.example/x", "file:///etc/passwd", "gopher://hooks.example/",
			"https://user:pass@hooks.example/x", "https:///nohost", "not a url" })
	void onlyHttpsWithAHostIsAWebhook(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> addresses.saved(url));
	}

	@Test
	void aPublicReceiverIsAcceptedAndDeliveredTo() {
		var target = addresses.saved("https://hooks.example/services/T0/B0/x");
		assertThat(target.getHost()).isEqualTo("hooks.example");
		assertThat(addresses.refusal(target)).isNull();
		assertThat(addresses.saved("https://93.184.216.34/x")).isNotNull();
		assertThat(addresses.saved("https://[64:ff9b::5db8:d822]/x")).as("NAT64 to a public address").isNotNull();
	}

	@Test
	void aNameThatResolvesInsideLaterIsNotDeliveredTo() {
		var later = URI.create("https://rebind.evil.example/x");
		assertThat(addresses.refusal(later)).startsWith("not delivered: ")
			.contains("rebind.evil.example is not a public internet address");
		assertThat(addresses.refusal(URI.create("https://gone.example/x"))).contains("cannot be found");
		assertThat(addresses.saved("https://gone.example/x")).as("checked again before each delivery").isNotNull();
	}

	@Test
	void testsAndDemosMayUsePlainHttpOnThisMachineOnly() {
		var local = new WebhookAddresses(true, WebhookAddressesTests::resolve);
		assertThat(local.saved("http://127.0.0.1:8089/hook")).isNotNull();
		assertThat(local.refusal(URI.create("http://127.0.0.1:8089/hook"))).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> local.saved("http://hooks.example/x"));
		assertThatIllegalArgumentException().isThrownBy(() -> local.saved("https://10.0.0.5/x"));
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		var literal = host.matches("[0-9.]+") || host.contains(":");
		var address = literal ? host : DNS.get(host);
		if (address == null) {
			throw new UnknownHostException(host);
		}
		return new InetAddress[] { InetAddress.getByName(address) };
	}

}
