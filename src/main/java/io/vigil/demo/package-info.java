/**
 * Demo mode: connects an organization and the Graph simulator's tenants on first start,
 * so {@code ./mvnw spring-boot:run} ingests sign-ins with no Microsoft tenant, and
 * creates clearly marked demo accounts. A module of its own (beyond the nine of the style
 * guide) so no domain module knows about demo data; it uses only the tenants and graph
 * APIs.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "graph", "security", "notification", "detection" })
package io.vigil.demo;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
