package io.vigil.graph.http;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * Where Graph and its token endpoint are, and which TLS trust to use: Microsoft's in production, the simulator's
 * self-signed certificate in demo mode and tests. Only these differ between the two; the code path is the same.
 *
 * @param customAuthority true when the login host is not Microsoft's (the simulator): msal4j then skips instance
 * discovery and authority validation, which would call out to login.microsoftonline.com
 */
public record GraphEndpoints(URI loginBaseUrl, URI graphBaseUrl, SSLContext sslContext, Duration requestTimeout,
		boolean customAuthority) {
}
