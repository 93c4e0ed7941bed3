/**
 * Microsoft Graph behind interfaces Vigil owns. {@link io.vigil.graph.SignInFeed} pages
 * through {@code /beta/auditLogs/signIns}; it returns Vigil's own records
 * ({@link io.vigil.graph.GraphSignIn}), never SDK or JSON-library types. Internals:
 * {@code graph.http} (msal4j tokens, the HTTP client, the cluster-wide request budget)
 * and {@code graph.simulator}, a Graph simulator speaking the real protocol over HTTPS on
 * loopback, which the production client talks to unchanged in demo mode and in tests.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "shared")
package io.vigil.graph;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
