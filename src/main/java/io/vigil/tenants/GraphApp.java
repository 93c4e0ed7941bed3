package io.vigil.tenants;

import java.util.UUID;

/**
 * The MSP's multi-tenant Entra app as registered in Vigil (its secret stays inside this
 * module).
 */
public record GraphApp(UUID id, String clientId) {
}
