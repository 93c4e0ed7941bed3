package io.vigil.graph.simulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate made at start for the simulator's TLS endpoint (msal4j only talks to
 * https authorities). Clients trust exactly this certificate, and only in simulator mode;
 * nothing else is trusted through it.
 */
public final class SelfSignedTls {

	private final X509Certificate certificate;

	private final SSLContext serverContext;

	private final SSLContext clientContext;

	public SelfSignedTls() {
		try {
			var keys = KeyPairGenerator.getInstance("EC");
			keys.initialize(256);
			var pair = keys.generateKeyPair();
			var now = Instant.now();
			var name = new X500Name("CN=Vigil Graph simulator");
			var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
					Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))), name,
					pair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.dNSName, "localhost") }));
			var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
			this.certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
			var keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("simulator", pair.getPrivate(), new char[0], new X509Certificate[] { certificate });
			var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, new char[0]);
			this.serverContext = SSLContext.getInstance("TLS");
			serverContext.init(keyManagers.getKeyManagers(), null, null);
			this.clientContext = trusting(certificate);
		}
		catch (GeneralSecurityException | OperatorCreationException | java.io.IOException ex) {
			throw new IllegalStateException("Could not create the simulator's TLS certificate", ex);
		}
	}

	/** A client context that trusts only the given certificate. */
	public static SSLContext trusting(X509Certificate certificate)
			throws GeneralSecurityException, java.io.IOException {
		var trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("simulator", certificate);
		var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trustStore);
		var context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

	SSLContext serverContext() {
		return serverContext;
	}

	/** Trusts the simulator's certificate and nothing else. */
	public SSLContext clientContext() {
		return clientContext;
	}

	public String certificatePem() {
		try {
			return "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (java.security.cert.CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
