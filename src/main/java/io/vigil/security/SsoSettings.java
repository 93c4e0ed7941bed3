package io.vigil.security;

/**
 * An organization's single sign-on with Entra ID, as shown to its admins (the client
 * secret stays sealed).
 */
public record SsoSettings(String entraTenantId, String clientId, String emailDomain) {
}
