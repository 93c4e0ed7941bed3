package io.vigil.graph.simulator;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;

/**
 * Entra's OpenID Connect sign-in for the MSP's own staff (single sign-on): the
 * authorization endpoint signs in the person named by {@code login_hint} at once (as
 * Entra would after the password and MFA), the token endpoint trades the code for an
 * RS256-signed ID token, and the keys endpoint publishes the signing key.
 */
final class OidcEndpoints {

	private record Grant(TenantScenario tenant, String email, String nonce, String redirectUri) {
	}

	private final SimulatorScenario scenario;

	private final Clock clock;

	private final KeyPair key;

	private final String keyId = UUID.randomUUID().toString();

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	/**
	 * People who sign in with a password only (no MFA): their ID tokens say
	 * {@code amr: ["pwd"]}.
	 */
	final java.util.Set<String> passwordOnly = ConcurrentHashMap.newKeySet();

	OidcEndpoints(SimulatorScenario scenario, Clock clock) {
		this.scenario = scenario;
		this.clock = clock;
		try {
			var generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.key = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void authorize(HttpExchange exchange, String tenantOrDomain) throws IOException {
		var query = Exchanges.parameters(exchange.getRequestURI().getRawQuery());
		var tenant = tenant(tenantOrDomain);
		var redirect = query.get("redirect_uri");
		if (tenant.isEmpty() || redirect == null || !scenario.clientId().equals(query.get("client_id"))) {
			text(exchange, 400, "AADSTS700016: Application or tenant not found");
			return;
		}
		var email = query.get("login_hint");
		var state = "&state=" + encode(query.getOrDefault("state", ""));
		if (email == null || !email.contains("@")) {
			redirect(exchange, redirect + "?error=login_required&error_description="
					+ encode("AADSTS50058: A silent sign-in request was sent but no user is signed in.") + state);
			return;
		}
		var code = newCode();
		codes.put(code, new Grant(tenant.get(), email, query.getOrDefault("nonce", ""), redirect));
		redirect(exchange, redirect + "?code=" + code + state);
	}

	/**
	 * The authorization-code grant of the token endpoint; false when the request is
	 * another grant.
	 */
	boolean token(HttpExchange exchange, Map<String, String> form, String issuerBase) throws IOException {
		if (!"authorization_code".equals(form.get("grant_type"))) {
			return false;
		}
		var grant = codes.remove(String.valueOf(form.get("code")));
		if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))
				|| !scenario.clientId().equals(form.get("client_id"))
				|| !scenario.clientSecret().reveal().equals(form.get("client_secret"))) {
			Exchanges.json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70000: The "
					+ "provided authorization code is invalid, was used already or belongs to another client.\"}");
			return true;
		}
		var now = clock.instant().getEpochSecond();
		var tenantId = grant.tenant().tenantId();
		var subject = UUID.nameUUIDFromBytes(grant.email().toLowerCase().getBytes(StandardCharsets.UTF_8)).toString();
		var claims = "{\"iss\":\"" + issuerBase + "/" + tenantId + "/v2.0\",\"aud\":\"" + scenario.clientId()
				+ "\",\"sub\":\"" + subject + "\",\"oid\":\"" + subject + "\",\"tid\":\"" + tenantId + "\",\"email\":\""
				+ grant.email() + "\",\"preferred_username\":\"" + grant.email() + "\",\"name\":\""
				+ grant.email().split("@")[0] + "\",\"nonce\":\"" + grant.nonce() + "\",\"amr\":"
				+ (passwordOnly.contains(grant.email().toLowerCase()) ? "[\"pwd\"]" : "[\"pwd\",\"mfa\"]") + ",\"iat\":"
				+ now + ",\"nbf\":" + now + ",\"exp\":" + (now + 3600) + "}";
		Exchanges.json(exchange, 200, "{\"token_type\":\"Bearer\",\"scope\":\"openid profile email\",\"expires_in\":"
				+ "3600,\"access_token\":\"" + newCode() + "\",\"id_token\":\"" + sign(claims) + "\"}");
		return true;
	}

	void signInWithoutMfa(String email) {
		passwordOnly.add(email.toLowerCase());
	}

	void keys(HttpExchange exchange) throws IOException {
		var publicKey = (RSAPublicKey) key.getPublic();
		Exchanges.json(exchange, 200,
				"{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\",\"n\":\""
						+ unsigned(publicKey.getModulus()) + "\",\"e\":\"" + unsigned(publicKey.getPublicExponent())
						+ "\"}]}");
	}

	private String sign(String claims) {
		var header = base64(
				("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8));
		var body = base64(claims.getBytes(StandardCharsets.UTF_8));
		try {
			var signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(key.getPrivate());
			signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
			return header + "." + body + "." + base64(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Optional<TenantScenario> tenant(String tenantOrDomain) {
		return scenario.tenants()
			.stream()
			.filter(t -> t.tenantId().equalsIgnoreCase(tenantOrDomain) || t.domain().equalsIgnoreCase(tenantOrDomain))
			.findFirst();
	}

	private String newCode() {
		var bytes = new byte[24];
		random.nextBytes(bytes);
		return base64(bytes);
	}

	private static String unsigned(BigInteger value) {
		var bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		return base64(bytes);
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static void text(HttpExchange exchange, int status, String text) throws IOException {
		var bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
