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

/** Access tokens the simulator issues and checks: tenant and expiry, signed with a key made at start. */
final class SimTokens {

	private final byte[] key = new byte[32];

	SimTokens() {
		new SecureRandom().nextBytes(key);
	}

	String issue(String tenantId, String clientId, Instant expires) {
		var payload = base64(tenantId + "|" + clientId + "|" + expires.getEpochSecond());
		return "sim." + payload + "." + sign(payload);
	}

	/** The tenant a valid, unexpired token was issued for. */
	Optional<String> tenantOf(String token, Instant now) {
		var parts = token.split("\\.");
		if (parts.length != 3 || !parts[0].equals("sim")
				|| !MessageDigest.isEqual(sign(parts[1]).getBytes(), parts[2].getBytes())) {
			return Optional.empty();
		}
		var fields = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
		if (Instant.ofEpochSecond(Long.parseLong(fields[2])).isBefore(now)) {
			return Optional.empty();
		}
		return Optional.of(fields[0]);
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
