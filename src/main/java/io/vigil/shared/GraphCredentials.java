package io.vigil.shared;

import org.jspecify.annotations.Nullable;

/**
 * What it takes to call Microsoft Graph app-only for one Entra tenant: the MSP's
 * multi-tenant app registration (client id, and a client secret or a certificate) and the
 * customer's Entra tenant id. Passed from the tenants module to the graph module.
 *
 * @param entraTenantId the customer's directory id, used in the token authority
 * @param clientId the MSP app registration's application (client) id
 * @param clientSecret the app registration's client secret (empty when it signs in with a
 * certificate)
 * @param clientCertificate the app's certificate and private key (PEM), used instead of
 * the secret when present
 */
public record GraphCredentials(@Nullable OrganizationId organization, String entraTenantId, String clientId,
		Secret clientSecret, @Nullable Secret clientCertificate) {

	/** Credentials outside any organization (the simulator's own checks, benchmarks). */
	public GraphCredentials(String entraTenantId, String clientId, Secret clientSecret) {
		this(null, entraTenantId, clientId, clientSecret, null);
	}

	/**
	 * What clients built from these credentials are cached under: the organization, the
	 * tenant, the app and a hash of the credential itself, so that no organization ever
	 * calls Graph with another's client, and a rotated or revoked credential stops
	 * working at once (the next call builds a client from what is stored now).
	 */
	public String clientKey() {
		return Sha256.hex((organization == null ? "-" : organization.value().toString()) + "|" + entraTenantId + "|"
				+ clientId + "|" + credential().reveal());
	}

	/**
	 * The credential msal4j presents: the certificate when there is one, else the secret.
	 */
	public Secret credential() {
		return clientCertificate != null ? clientCertificate : clientSecret;
	}

}
