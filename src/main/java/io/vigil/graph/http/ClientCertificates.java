package io.vigil.graph.http;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.vigil.shared.Secret;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/**
 * An app registration's certificate credential from PEM: the certificate and its private
 * key (PKCS#8 or PKCS#1), in either order, as Entra's portal and openssl produce them.
 */
public final class ClientCertificates {

	private ClientCertificates() {
	}

	public record Parsed(PrivateKey key, X509Certificate certificate) {
	}

	/**
	 * Parses the PEM; a clear message when the key or the certificate is missing or
	 * unreadable.
	 */
	public static Parsed parse(Secret pem) {
		PrivateKey key = null;
		X509Certificate certificate = null;
		try (var parser = new PEMParser(new StringReader(pem.reveal()))) {
			for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
				if (item instanceof PEMKeyPair pair) {
					key = new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
				}
				else if (item instanceof PrivateKeyInfo info) {
					key = new JcaPEMKeyConverter().getPrivateKey(info);
				}
				else if (item instanceof X509CertificateHolder holder) {
					certificate = new JcaX509CertificateConverter().getCertificate(holder);
				}
			}
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalArgumentException("The PEM cannot be read: " + ex.getClass().getSimpleName());
		}
		return new Parsed(required(key, "a private key"), required(certificate, "a certificate"));
	}

	static IClientCredential credential(Secret pem) {
		var parsed = parse(pem);
		return ClientCredentialFactory.createFromCertificate(parsed.key(), parsed.certificate());
	}

	private static <T> T required(@Nullable T value, String what) {
		if (value == null) {
			throw new IllegalArgumentException("The PEM holds no " + what.replace("a ", ""));
		}
		return value;
	}

}
