package io.vigil.graph.http;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * Where Graph and its token endpoint are, and which TLS trust to use: Microsoft's in
 * production, the simulator's self-signed certificate in demo mode and tests. Only these
 * differ between the two; the code path is the same.
 *
 * @param customAuthority true when the login host is not Microsoft's (the simulator):
 * msal4j then skips instance discovery and authority validation, which would call out to
 * login.microsoftonline.com
 */
public record GraphEndpoints(URI loginBaseUrl, URI graphBaseUrl, SSLContext sslContext, Duration requestTimeout,
		boolean customAuthority, javax.net.ssl.@org.jspecify.annotations.Nullable X509TrustManager trustManager) {

	/**
	 * With the JVM's trust (Microsoft's endpoints): clients that need a trust manager use
	 * the default one.
	 */
	public GraphEndpoints(URI loginBaseUrl, URI graphBaseUrl, SSLContext sslContext, Duration requestTimeout,
			boolean customAuthority) {
		this(loginBaseUrl, graphBaseUrl, sslContext, requestTimeout, customAuthority, null);
	}

	/**
	 * The trust manager matching {@link #sslContext()} (OkHttp, under the Graph SDK,
	 * needs both).
	 */
	public javax.net.ssl.X509TrustManager x509TrustManager() {
		if (trustManager != null) {
			return trustManager;
		}
		try {
			var factory = javax.net.ssl.TrustManagerFactory
				.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
			factory.init((java.security.KeyStore) null);
			return (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * TLS that trusts exactly this certificate (a Graph the operator names, with its own
	 * certificate file).
	 */
	public static SSLContext sslContextTrusting(java.security.cert.X509Certificate certificate) {
		try {
			var context = SSLContext.getInstance("TLS");
			context.init(null, new javax.net.ssl.TrustManager[] { trusting(certificate) }, null);
			return context;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A trust manager that trusts exactly this certificate. */
	public static javax.net.ssl.X509TrustManager trusting(java.security.cert.X509Certificate certificate) {
		try {
			var store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
			store.load(null, null);
			store.setCertificateEntry("graph", certificate);
			var factory = javax.net.ssl.TrustManagerFactory
				.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
		}
		catch (java.security.GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
