package io.vigil.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;

import javax.net.ssl.SSLContext;

import io.vigil.graph.http.GraphBudget;
import io.vigil.graph.http.GraphEndpoints;
import io.vigil.graph.http.HttpSignInFeed;
import io.vigil.graph.http.MsalTokenSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the production Graph client. In simulator mode (never in production)
 * {@code graph.simulator} supplies the endpoints instead: only the base URLs and the
 * trusted certificate change.
 */
@Configuration(proxyBeanMethods = false)
class GraphConfiguration {

	/** Microsoft's Graph, or the one {@code app.graph.*-base-url} names. */
	@Bean
	@ConditionalOnProperty(name = "app.graph.mode", havingValue = "live", matchIfMissing = true)
	GraphEndpoints graphEndpoints(GraphSettings settings) throws GeneralSecurityException, IOException {
		var microsoft = settings.loginBaseUrl().getHost().equalsIgnoreCase("login.microsoftonline.com");
		return new GraphEndpoints(settings.loginBaseUrl(), settings.graphBaseUrl(), sslContext(settings),
				settings.requestTimeout(), !microsoft, trustManager(settings));
	}

	@Bean
	GraphBudget graphBudget(GraphSettings settings, JdbcClient jdbc, TransactionTemplate transactions) {
		var budget = settings.budget();
		return new GraphBudget(jdbc, transactions, new GraphBudget.Limits(budget.effectiveAppLimit(),
				budget.tenantLimit(), budget.window(), budget.backlogShare()));
	}

	@Bean
	io.vigil.graph.http.GraphBudgetMetrics graphBudgetMetrics(GraphBudget budget, JdbcClient jdbc) {
		return new io.vigil.graph.http.GraphBudgetMetrics(jdbc, budget.limits());
	}

	@Bean
	EntraSignIn entraSignIn(GraphEndpoints endpoints) {
		return new EntraSignIn(endpoints.loginBaseUrl(), endpoints.sslContext());
	}

	@Bean
	DirectoryActions directoryActions(GraphEndpoints endpoints, MsalTokenSource tokens) {
		return new io.vigil.graph.sdk.SdkDirectoryActions(endpoints, tokens);
	}

	@Bean
	MsalTokenSource msalTokenSource(GraphEndpoints endpoints) {
		return new MsalTokenSource(endpoints);
	}

	@Bean
	TenantAccess tenantAccess(GraphEndpoints endpoints, MsalTokenSource tokens, SignInFeed signIns, Clock clock) {
		return new TenantAccess(endpoints, tokens, signIns, clock);
	}

	@Bean
	SignInFeed signInFeed(GraphEndpoints endpoints, MsalTokenSource tokens, GraphBudget budget, Clock clock,
			io.micrometer.core.instrument.MeterRegistry registry) {
		return new HttpSignInFeed(endpoints, tokens, budget, JsonMapper.builder().build(), clock, registry);
	}

	@Bean
	ActivityFeed activityFeed(GraphEndpoints endpoints, MsalTokenSource tokens, GraphBudget budget, Clock clock,
			io.micrometer.core.instrument.MeterRegistry registry) {
		return new io.vigil.graph.http.HttpActivityFeed(endpoints, tokens, budget, JsonMapper.builder().build(), clock,
				registry);
	}

	private static javax.net.ssl.@org.jspecify.annotations.Nullable X509TrustManager trustManager(
			GraphSettings settings) throws GeneralSecurityException, IOException {
		if (settings.trustedCertificateFile() == null) {
			return null;
		}
		try (var in = Files.newInputStream(settings.trustedCertificateFile())) {
			return GraphEndpoints
				.trusting((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
	}

	private static SSLContext sslContext(GraphSettings settings)
			throws GeneralSecurityException, IOException, NoSuchAlgorithmException {
		if (settings.trustedCertificateFile() == null) {
			return SSLContext.getDefault();
		}
		try (var in = Files.newInputStream(settings.trustedCertificateFile())) {
			var certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			return GraphEndpoints.sslContextTrusting(certificate);
		}
	}

}
