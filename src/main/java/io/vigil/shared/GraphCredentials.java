package io.vigil.shared;

/**
 * What it takes to call Microsoft Graph app-only for one Entra tenant: the MSP's multi-tenant app registration
 * (client id and secret) and the customer's Entra tenant id. Passed from the tenants module to the graph module.
 *
 * @param entraTenantId the customer's directory id, used in the token authority
 * @param clientId the MSP app registration's application (client) id
 * @param clientSecret the app registration's client secret
 */
public record GraphCredentials(String entraTenantId, String clientId, Secret clientSecret) {
}
