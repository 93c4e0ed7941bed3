package io.vigil.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vigil.CheapPasswordHashing;
import io.vigil.FreshDatabase;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a load balancer every request comes from the balancer's address: the sign-in
 * throttle keys on the client address the trusted proxy reports (Tomcat's RemoteIpValve,
 * {@code server.forward-headers-strategy=native}), so one person guessing cannot lock out
 * everyone behind the same proxy. A real server, since the valve is Tomcat's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(CheapPasswordHashing.class)
@DirtiesContext
class ForwardedAddressTests {

	static final String PASSWORD = "correct horse battery staple";

	@LocalServerPort
	int port;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Accounts accounts;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void theThrottleSeesTheClientBehindTheProxy() throws Exception {
		var organization = tenants.createOrganization("Proxied MSP " + UUID.randomUUID()).id();
		var email = "proxied-" + UUID.randomUUID() + "@msp.example";
		accounts.create(organization, email, "Proxied", new Secret(PASSWORD), Role.RESPONDER, null, false, "test");
		for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
			assertThat(signIn("203.0.113.10", email, "guess " + i)).endsWith("/login?error");
			// the per-account lockout is not what this test is about
			jdbc.sql("update user_account set failed_logins = 0, locked_until = null").update();
		}
		// the guesser's own address is throttled, even with the right password
		assertThat(signIn("203.0.113.10", email, PASSWORD)).endsWith("/login?error");
		// the same person behind the same proxy, from their own address, is not
		assertThat(signIn("198.51.100.20", email, PASSWORD)).endsWith("/account/second-factor/enrol");
	}

	/**
	 * A sign-in through the "proxy" (this test, on loopback) for a client address;
	 * returns where it leads.
	 */
	private String signIn(String clientAddress, String email, String password) throws Exception {
		try (var http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build()) {
			var form = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
				.header("X-Forwarded-For", clientAddress)
				.build(), HttpResponse.BodyHandlers.ofString());
			var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
				.matcher(form.body())
				.results()
				.findFirst()
				.orElseThrow()
				.group(1);
			var body = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
			var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
				.header("X-Forwarded-For", clientAddress)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding());
			return answer.headers().firstValue("Location").orElse("status " + answer.statusCode());
		}
	}

}
