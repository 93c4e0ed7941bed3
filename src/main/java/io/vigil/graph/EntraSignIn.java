package io.vigil.graph;

import java.net.URI;

import javax.net.ssl.SSLContext;

/**
 * Where Entra ID's sign-in endpoints are for single sign-on, and the TLS trust to reach
 * them: Microsoft's in production, the simulator's in demo mode and tests (the same
 * switch as for Graph).
 */
public record EntraSignIn(URI loginBaseUrl, SSLContext sslContext) {

	public URI authorizationUri(String tenant) {
		return URI.create(base() + "/" + tenant + "/oauth2/v2.0/authorize");
	}

	public URI tokenUri(String tenant) {
		return URI.create(base() + "/" + tenant + "/oauth2/v2.0/token");
	}

	public URI keysUri(String tenant) {
		return URI.create(base() + "/" + tenant + "/discovery/v2.0/keys");
	}

	public String issuer(String tenantId) {
		return base() + "/" + tenantId + "/v2.0";
	}

	private String base() {
		return loginBaseUrl.toString().replaceAll("/+$", "");
	}

}
