package io.vigil.graph.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import io.vigil.graph.http.GraphEndpoints;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ResourceLoader;

/**
 * The demo's and the tests' Graph: in simulator mode the simulator starts in-process and
 * the production client is pointed at it, trusting its self-signed certificate; only the
 * base URLs and that trust differ. Never in the {@code prod} profile (the application
 * refuses to start there in simulator mode), and the only place that trusts the
 * simulator.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!prod")
@ConditionalOnProperty(name = "app.graph.mode", havingValue = "simulator")
class SimulatorConfiguration {

	@Bean(destroyMethod = "close")
	GraphSimulator graphSimulator(ResourceLoader resources, Clock clock,
			@Value("${app.graph.simulator.scenario:classpath:simulator/demo.yml}") String scenario,
			@Value("${app.graph.simulator.port:0}") int port,
			@Value("${app.graph.budget.window:PT10S}") Duration budgetWindow) throws IOException {
		try (InputStream in = resources.getResource(scenario).getInputStream()) {
			// Graph's limits count over 10 s, as Vigil's budget does; where the budget's
			// window is shortened (tests exercise it in seconds) the simulator counts
			// over the same window
			return GraphSimulator.start(SimulatorScenario.load(in).withLimitsWindow(budgetWindow), clock, port);
		}
	}

	@Bean
	GraphEndpoints graphEndpoints(GraphSimulator simulator,
			@Value("${app.graph.request-timeout:PT60S}") Duration requestTimeout) throws GeneralSecurityException {
		var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new java.io.ByteArrayInputStream(
					simulator.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
		return new GraphEndpoints(simulator.baseUrl(), simulator.baseUrl(), simulator.clientSslContext(),
				requestTimeout, true, GraphEndpoints.trusting(certificate));
	}

}
