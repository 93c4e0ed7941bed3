package io.vigil.shared;

import org.jspecify.annotations.Nullable;

/**
 * What it takes to call Microsoft Graph app-only for one Entra tenant: the MSP's multi-tenant app registration
 * (client id, and a client secret or a certificate) and the customer's Entra tenant id. Passed from the tenants
 * module to the graph module.
 *
 * @param entraTenantId the customer's directory id, used in the token authority
 * @param clientId the MSP app registration's application (client) id
 * @param clientSecret the app registration's client secret (empty when it signs in with a certificate)
 * @param clientCertificate the app's certificate and private key (PEM), used instead of the secret when present
 */
public record GraphCredentials(String entraTenantId, String clientId, Secret clientSecret,
		@Nullable Secret clientCertificate) {

	public GraphCredentials(String entraTenantId, String clientId, Secret clientSecret) {
		this(entraTenantId, clientId, clientSecret, null);
	}

	/** The credential msal4j presents: the certificate when there is one, else the secret. */
	public Secret credential() {
		return clientCertificate != null ? clientCertificate : clientSecret;
	}

}
