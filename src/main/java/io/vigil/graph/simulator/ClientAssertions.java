package io.vigil.graph.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Certificate credentials of the simulated app registration: client assertions (RFC 7523
 * JWTs) are accepted when signed (RS256 or PS256) by the key of a certificate uploaded to
 * the app, named by its thumbprint, for this client and not expired, as Entra checks
 * them.
 */
final class ClientAssertions {

	private static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final Map<String, X509Certificate> byThumbprint = new ConcurrentHashMap<>();

	/**
	 * Under each spelling of its thumbprints a client library may use (SHA-1 or SHA-256;
	 * base64 or base64url).
	 */
	void register(X509Certificate certificate) {
		for (var digest : new String[] { "SHA-1", "SHA-256" }) {
			var hash = hash(certificate, digest);
			byThumbprint.put(Base64.getUrlEncoder().withoutPadding().encodeToString(hash), certificate);
			byThumbprint.put(Base64.getUrlEncoder().encodeToString(hash), certificate);
			byThumbprint.put(Base64.getEncoder().encodeToString(hash), certificate);
			byThumbprint.put(Base64.getEncoder().withoutPadding().encodeToString(hash), certificate);
		}
	}

	/** Why the assertion is refused, or null when it is good. */
	@Nullable String problem(@Nullable String assertion, @Nullable String type, String clientId, Instant now) {
		if (!TYPE.equals(type) || assertion == null) {
			return "The client assertion type is not supported.";
		}
		var parts = assertion.split("\\.");
		if (parts.length != 3) {
			return "The client assertion is not a JWT.";
		}
		var header = decode(parts[0]);
		var claims = decode(parts[1]);
		var thumbprint = claim(header, "x5t#S256");
		var certificate = byThumbprint.get(thumbprint != null ? thumbprint : String.valueOf(claim(header, "x5t")));
		if (certificate == null) {
			return "The certificate with identifier used to sign the client assertion is not registered on the "
					+ "application.";
		}
		if (!clientId.equals(claim(claims, "iss")) || !clientId.equals(claim(claims, "sub"))) {
			return "The client assertion is not for this application.";
		}
		var expires = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(claims);
		if (!expires.find() || Instant.ofEpochSecond(Long.parseLong(expires.group(1))).isBefore(now)) {
			return "The client assertion has expired.";
		}
		return verifies(String.valueOf(claim(header, "alg")), parts, certificate) ? null
				: "The client assertion's signature does not verify.";
	}

	private static boolean verifies(String algorithm, String[] parts, X509Certificate certificate) {
		try {
			Signature signature;
			if (algorithm.equals("PS256")) {
				signature = Signature.getInstance("RSASSA-PSS");
				signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
			}
			else if (algorithm.equals("RS256")) {
				signature = Signature.getInstance("SHA256withRSA");
			}
			else {
				return false;
			}
			signature.initVerify(certificate.getPublicKey());
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static @Nullable String claim(String json, String name) {
		var matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

	private static byte[] hash(X509Certificate certificate, String digest) {
		try {
			return MessageDigest.getInstance(digest).digest(certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
