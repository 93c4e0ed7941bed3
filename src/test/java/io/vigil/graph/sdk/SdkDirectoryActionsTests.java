package io.vigil.graph.sdk;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import io.vigil.graph.AuthenticationMethod;
import io.vigil.graph.AuthenticationMethodKind;
import io.vigil.graph.GraphAccessDenied;
import io.vigil.graph.GraphRequestRefused;
import io.vigil.graph.GraphRetryLater;
import io.vigil.graph.InboxRule;
import io.vigil.graph.http.GraphEndpoints;
import io.vigil.graph.http.MsalTokenSource;
import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.graph.simulator.SimulatorScenario;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every user action through the Microsoft Graph SDK against the simulator, without
 * Spring: what each call sends, what the tenant's state is afterwards, and how Graph's
 * refusals come back. The build runs this class again on the shrunk SDK the packaged jar
 * ships, so a class ProGuard removed but a call (or an error's parsing) needs fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkDirectoryActionsTests {

	static final String GRANTED = "c0c0c0c0-0000-4000-8000-000000000001";

	static final String PARTLY = "c0c0c0c0-0000-4000-8000-000000000002";

	static final String COMPROMISED = "c0c0c0c0-0000-4000-8000-000000000005";

	GraphSimulator simulator;

	SdkDirectoryActions actions;

	@BeforeAll
	void start() throws Exception {
		try (var in = getClass().getResourceAsStream("/simulator/consent.yml")) {
			simulator = GraphSimulator.start(SimulatorScenario.load(in), Clock.systemUTC(), 0);
		}
		var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(
					new ByteArrayInputStream(simulator.certificatePem().getBytes(StandardCharsets.US_ASCII)));
		var endpoints = new GraphEndpoints(simulator.baseUrl(), simulator.baseUrl(),
				GraphEndpoints.sslContextTrusting(certificate), Duration.ofSeconds(5), true,
				GraphEndpoints.trusting(certificate));
		actions = new SdkDirectoryActions(endpoints, new MsalTokenSource(endpoints));
	}

	@AfterAll
	void stop() {
		simulator.close();
	}

	@Test
	void readsAUserWithTheirAdministratorRoles() {
		var administrator = SimulatorProbe.administrator(simulator, GRANTED);
		var user = actions.user(credentials(GRANTED), administrator);
		assertThat(user.id()).isEqualTo(administrator);
		assertThat(user.userPrincipalName()).isEqualTo(simulator.users(GRANTED).get(administrator));
		assertThat(user.accountEnabled()).isTrue();
		assertThat(user.directoryRoles()).isNotEmpty();
		assertThat(actions.user(credentials(GRANTED), simulator.user(GRANTED, 1)).directoryRoles()).isEmpty();
	}

	@Test
	void blocksAndUnblocksSignIn() {
		var user = simulator.user(GRANTED, 2);
		actions.setAccountEnabled(credentials(GRANTED), user, false);
		assertThat(SimulatorProbe.isAccountEnabled(simulator, GRANTED, user)).isFalse();
		assertThat(actions.user(credentials(GRANTED), user).accountEnabled()).isFalse();
		actions.setAccountEnabled(credentials(GRANTED), user, true);
		assertThat(SimulatorProbe.isAccountEnabled(simulator, GRANTED, user)).isTrue();
	}

	@Test
	void revokesSessionsAndResetsThePassword() {
		var user = simulator.user(GRANTED, 3);
		actions.revokeSessions(credentials(GRANTED), user);
		assertThat(simulator.requests(GRANTED)).anyMatch(
				r -> r.method().equals("POST") && r.path().equals("/v1.0/users/" + user + "/revokeSignInSessions"));
		actions.resetPassword(credentials(GRANTED), user, new Secret("Temporary-Passw0rd-for-tests"));
		assertThat(SimulatorProbe.passwordResets(simulator, GRANTED, user)).isOne();
	}

	@Test
	void listsAndRemovesAnAuthenticationMethod() {
		var user = simulator.user(COMPROMISED, 2);
		var methods = actions.authenticationMethods(credentials(COMPROMISED), user);
		assertThat(methods).extracting(AuthenticationMethod::id)
			.containsExactlyInAnyOrderElementsOf(SimulatorProbe.authenticationMethodIds(simulator, COMPROMISED, user));
		var removed = methods.stream()
			.filter(m -> m.kind() == AuthenticationMethodKind.MICROSOFT_AUTHENTICATOR)
			.findFirst()
			.orElseThrow();
		actions.removeAuthenticationMethod(credentials(COMPROMISED), user, removed.kind(), removed.id());
		assertThat(SimulatorProbe.authenticationMethodIds(simulator, COMPROMISED, user)).doesNotContain(removed.id())
			.isNotEmpty();
	}

	@Test
	void listsAndDisablesAnInboxRule() {
		var user = simulator.user(COMPROMISED, 2);
		var rules = actions.inboxRules(credentials(COMPROMISED), user);
		assertThat(rules).extracting(InboxRule::displayName).containsExactly("Newsletters", ".", "Sync");
		var sync = rules.get(2);
		assertThat(sync.actions()).isNotEmpty();
		actions.disableInboxRule(credentials(COMPROMISED), user, sync.id());
		assertThat(SimulatorProbe.enabledInboxRuleIds(simulator, COMPROMISED, user)).doesNotContain(sync.id())
			.isNotEmpty();
	}

	@Test
	void graphsRefusalsComeBackAsVigilsOwn() {
		var user = simulator.user(PARTLY, 1);
		assertThatThrownBy(() -> actions.setAccountEnabled(credentials(PARTLY), user, false))
			.as("a permission the tenant did not grant")
			.isInstanceOf(GraphAccessDenied.class);
		assertThatThrownBy(() -> actions.user(credentials(GRANTED), "00000000-0000-4000-8000-00000000dead"))
			.as("no such user")
			.isInstanceOfSatisfying(GraphRequestRefused.class, ex -> assertThat(ex.getMessage()).isNotBlank());
		SimulatorProbe.throttleUserRequests(simulator, GRANTED, 1, Duration.ofSeconds(7));
		assertThatThrownBy(() -> actions.user(credentials(GRANTED), simulator.user(GRANTED, 1)))
			.isInstanceOfSatisfying(GraphRetryLater.class, ex -> assertThat(ex.throttledByGraph()).isTrue());
	}

	private GraphCredentials credentials(String tenant) {
		return new GraphCredentials(tenant, simulator.clientId(), simulator.clientSecret());
	}

}
