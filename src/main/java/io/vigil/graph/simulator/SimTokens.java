package io.vigil.graph.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens the simulator issues and checks: tenant and expiry, signed with a key
 * made at start.
 */
final class SimTokens {

	private final byte[] key = new byte[32];

	SimTokens() {
		new SecureRandom().nextBytes(key);
	}

	private static final String HEADER = base64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");

	private static final java.util.regex.Pattern TENANT = java.util.regex.Pattern.compile("\"tid\":\"([^\"]+)\"");

	private static final java.util.regex.Pattern APP = java.util.regex.Pattern.compile("\"appid\":\"([^\"]+)\"");

	private static final java.util.regex.Pattern EXPIRES = java.util.regex.Pattern.compile("\"exp\":(\\d+)");

	/**
	 * A JWT like Entra's app-only tokens: the tenant, the app and its granted application
	 * permissions.
	 */
	String issue(String tenantId, String clientId, Instant expires, java.util.List<String> roles) {
		var payload = base64("{\"aud\":\"https://graph.microsoft.com\",\"iss\":\"https://sts.windows.net/" + tenantId
				+ "/\",\"tid\":\"" + tenantId + "\",\"appid\":\"" + clientId + "\",\"idtyp\":\"app\",\"roles\":["
				+ String.join(",", roles.stream().map(role -> "\"" + role + "\"").toList()) + "],\"exp\":"
				+ expires.getEpochSecond() + "}");
		return HEADER + "." + payload + "." + sign(HEADER + "." + payload);
	}

	/** The app a token names (read after {@link #tenantOf} found it valid). */
	String appOf(String token) {
		var parts = token.split("\\.");
		var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		var app = APP.matcher(payload);
		return app.find() ? app.group(1) : "";
	}

	/** The tenant a valid, unexpired token was issued for. */
	Optional<String> tenantOf(String token, Instant now) {
		var parts = token.split("\\.");
		if (parts.length != 3
				|| !MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(), parts[2].getBytes())) {
			return Optional.empty();
		}
		var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		var tenant = TENANT.matcher(payload);
		var expires = EXPIRES.matcher(payload);
		if (!tenant.find() || !expires.find()
				|| Instant.ofEpochSecond(Long.parseLong(expires.group(1))).isBefore(now)) {
			return Optional.empty();
		}
		return Optional.of(tenant.group(1));
	}

	private String sign(String payload) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

}
