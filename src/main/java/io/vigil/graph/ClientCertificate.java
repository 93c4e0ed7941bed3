package io.vigil.graph;

import io.vigil.graph.http.ClientCertificates;
import io.vigil.shared.Secret;

/**
 * Checks an app registration's certificate credential (PEM with certificate and private
 * key) before it is stored.
 */
public final class ClientCertificate {

	private ClientCertificate() {
	}

	/**
	 * @throws IllegalArgumentException naming what is missing or unreadable (never the
	 * PEM's content)
	 */
	public static void validate(Secret pem) {
		ClientCertificates.parse(pem);
	}

}
