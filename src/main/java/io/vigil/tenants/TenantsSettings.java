package io.vigil.tenants;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the tenants module.
 *
 * @param encryptionKey base64 of the 32-byte AES key that encrypts client secrets at
 * rest; set it from the environment ({@code APP_TENANTS_ENCRYPTION_KEY}), never in a file
 * that is committed
 * @param generatedKeyFile demo mode only: when no key is set, a random key is generated
 * once and kept in this file
 */
@ConfigurationProperties("app.tenants")
record TenantsSettings(@Nullable String encryptionKey, @Nullable Path generatedKeyFile) {
}
