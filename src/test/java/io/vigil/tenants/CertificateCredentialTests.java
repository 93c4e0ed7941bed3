package io.vigil.tenants;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.VigilIntegrationTest;
import io.vigil.shared.Secret;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The MSP's app signs in with a certificate instead of a secret: msal4j's client
 * assertion, checked by Entra.
 */
@VigilIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/consent.yml")
class CertificateCredentialTests {

	static final String TENANT = "c0c0c0c0-0000-4000-8000-000000000001";

	@Autowired
	Simulation simulation;

	@Test
	void anAppWithACertificateIngests(CapturedOutput output) throws Exception {
		var uploaded = keyAndCertificate();
		SimulatorProbe.registerClientCertificate(simulation.simulator(), uploaded.certificate());
		var organization = simulation.tenants().createOrganization("Certificate MSP " + UUID.randomUUID()).id();
		var app = simulation.tenants()
			.registerGraphAppWithCertificate(organization, simulation.simulator().clientId(), uploaded.pem());
		var tenant = simulation.tenants().connect(organization, app, TENANT, "With certificate").id();
		await().atMost(Duration.ofSeconds(30)).until(() -> simulation.signIns().count(organization, tenant) > 0);
		assertThat(simulation.tenants().graphCredentials(organization, tenant).orElseThrow().clientCertificate())
			.isNotNull();
		assertThat(output.getAll()).doesNotContain(privateKeyLine(uploaded.pem()));
	}

	@Test
	void aCertificateEntraDoesNotKnowIsRefused() throws Exception {
		var unknown = keyAndCertificate();
		var organization = simulation.tenants().createOrganization("Unknown certificate MSP " + UUID.randomUUID()).id();
		var app = simulation.tenants()
			.registerGraphAppWithCertificate(organization, simulation.simulator().clientId(), unknown.pem());
		var tenant = simulation.tenants().connect(organization, app, TENANT, "Unknown certificate").id();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> simulation.tenants()
				.find(organization, tenant)
				.orElseThrow()
				.status() != TenantStatus.CONNECTED);
		assertThat(simulation.tenants().find(organization, tenant).orElseThrow().statusReason())
			.contains("AADSTS700027");
		assertThat(simulation.signIns().count(organization, tenant)).isZero();
	}

	@Test
	void aPemWithoutItsKeyIsRefusedWithAClearMessage() throws Exception {
		var pem = keyAndCertificate().pem().reveal();
		var certificateOnly = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"));
		var organization = simulation.tenants().createOrganization("Broken PEM MSP " + UUID.randomUUID()).id();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> simulation.tenants()
				.registerGraphAppWithCertificate(organization, "client", new Secret(certificateOnly)))
			.withMessage("The PEM holds no private key");
	}

	record Uploaded(Secret pem, X509Certificate certificate) {
	}

	private static Uploaded keyAndCertificate() throws Exception {
		var generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		var name = new X500Name("CN=Vigil MSP app");
		var now = Instant.now();
		var holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
				Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
		var certificate = new JcaX509CertificateConverter().getCertificate(holder);
		var pem = new StringWriter();
		try (var writer = new JcaPEMWriter(pem)) {
			writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null));
			writer.writeObject(certificate);
		}
		return new Uploaded(new Secret(pem.toString()), certificate);
	}

	private static String privateKeyLine(Secret pem) {
		return pem.reveal().lines().skip(1).findFirst().orElseThrow();
	}

}
