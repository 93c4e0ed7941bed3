package io.vigil.graph.http;

import java.net.MalformedURLException;
import java.util.Set;
import java.util.concurrent.CompletionException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.GraphException;
import io.vigil.graph.GraphUnavailable;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;

/**
 * App-only Graph tokens through msal4j's client-credentials flow: one
 * {@link ConfidentialClientApplication} (and so one token cache) per tenant authority,
 * because a shared client with per-request tenant overrides missed its cache in older
 * msal4j versions. Tokens are served from msal4j's cache until shortly before they
 * expire.
 */
public final class MsalTokenSource {

	private static final Set<String> GRAPH_SCOPE = Set.of("https://graph.microsoft.com/.default");

	private final GraphEndpoints endpoints;

	/** One msal4j client (and token cache) per {@link GraphCredentials#clientKey()}. */
	private final Cache<String, ConfidentialClientApplication> clients = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(java.time.Duration.ofHours(1))
		.build();

	public MsalTokenSource(GraphEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	/** An access token for Graph in the credentials' tenant. */
	public String accessToken(GraphCredentials credentials) {
		var client = clients.get(credentials.clientKey(), key -> build(credentials));
		try {
			return client.acquireToken(ClientCredentialParameters.builder(GRAPH_SCOPE).build()).join().accessToken();
		}
		catch (CompletionException ex) {
			throw translate(ex.getCause() == null ? ex : ex.getCause(), credentials);
		}
	}

	private ConfidentialClientApplication build(GraphCredentials credentials) {
		var authority = endpoints.loginBaseUrl().toString().replaceAll("/+$", "") + "/" + credentials.entraTenantId()
				+ "/";
		try {
			var builder = ConfidentialClientApplication
				.builder(credentials.clientId(),
						credentials.clientCertificate() != null
								? ClientCertificates.credential(credentials.clientCertificate())
								: ClientCredentialFactory.createFromSecret(credentials.clientSecret().reveal()))
				.authority(authority)
				.sslSocketFactory(endpoints.sslContext().getSocketFactory())
				.connectTimeoutForDefaultHttpClient((int) endpoints.requestTimeout().toMillis())
				.readTimeoutForDefaultHttpClient((int) endpoints.requestTimeout().toMillis());
			if (endpoints.customAuthority()) {
				builder.instanceDiscovery(false).validateAuthority(false);
			}
			return builder.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException("Invalid login authority " + authority, ex);
		}
	}

	private static GraphException translate(Throwable failure, GraphCredentials credentials) {
		if (failure instanceof MsalServiceException service && isRefusal(service)) {
			return new GraphAccessDenied(GraphAccessDenied.Reason.CONSENT_MISSING, aadstsCode(service),
					"Entra refused a token for tenant " + credentials.entraTenantId() + ": " + firstLine(service));
		}
		return new GraphUnavailable(
				"Could not get a token for tenant " + credentials.entraTenantId() + ": " + firstLine(failure), failure);
	}

	/**
	 * invalid_client / unauthorized_client / invalid_request with 4xx: consent removed,
	 * app deleted, bad secret.
	 */
	private static boolean isRefusal(MsalServiceException ex) {
		return ex.statusCode() >= 400 && ex.statusCode() < 500 && ex.statusCode() != 429;
	}

	private static String aadstsCode(MsalServiceException ex) {
		var matcher = java.util.regex.Pattern.compile("AADSTS\\d+").matcher(String.valueOf(ex.getMessage()));
		return matcher.find() ? matcher.group() : ex.errorCode();
	}

	private static String firstLine(Throwable ex) {
		var message = String.valueOf(ex.getMessage());
		var newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
