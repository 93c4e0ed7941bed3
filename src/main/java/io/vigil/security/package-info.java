/**
 * Who may sign in and what they may see and do: local accounts (Argon2 password hashes,
 * mandatory TOTP for MSP staff, recovery codes, lockout), the one-time setup link for the
 * first administrator, roles and tenant scopes, the session hardening and security
 * headers of the filter chain, and the append-only audit log. Persistence is plain JDBC
 * like the other modules: accounts are small rows read by email or id.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "graph", "incidents", "ingest", "detection" })
package io.vigil.security;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
