/**
 * Organizations (MSPs, our customers) and the ManagedTenants (Entra directories) each one
 * connects, with the MSP's Graph app registration.
 * {@link io.vigil.tenants.ManagedTenants} is the API; the client secret is encrypted at
 * rest and only leaves this module as {@link io.vigil.shared.GraphCredentials}.
 * Persistence is plain JDBC: the aggregates are small and the queries are few and always
 * scoped by organization. Connecting a tenant goes through Entra's admin consent
 * ({@link io.vigil.tenants.TenantOnboarding}), checked with the graph module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "graph" })
package io.vigil.tenants;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
