package io.vigil;

import java.time.Duration;
import java.util.UUID;

import io.vigil.graph.simulator.GraphSimulator;
import io.vigil.incidents.Incidents;
import io.vigil.ingest.SignInLog;
import io.vigil.tenants.ManagedTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where most integration tests start: organizations of the test's own whose app
 * registration is the Graph simulator's ({@link #organization}), with their tenants
 * connected, ingested and detected on by the real application. A bean of every
 * {@link VigilIntegrationTest} context;
 * {@link #Simulation(ApplicationContext, GraphSimulator)} makes one for an application a
 * test starts itself.
 */
public class Simulation {

	/**
	 * How long ingestion and detection of a scenario's tenant may take on a busy machine.
	 */
	static final Duration PATIENCE = Duration.ofSeconds(90);

	private final ApplicationContext context;

	private final GraphSimulator simulator;

	@Autowired
	public Simulation(ApplicationContext context) {
		this(context, context.getBean(GraphSimulator.class));
	}

	/** For an application started against a simulator outside it. */
	public Simulation(ApplicationContext context, GraphSimulator simulator) {
		this.context = context;
		this.simulator = simulator;
	}

	/**
	 * A new organization with the simulator's app registration; its name is made unique,
	 * so tests sharing a context may ask for the same one.
	 */
	public SimulatedOrganization organization(String name) {
		var organization = tenants().createOrganization(name + " " + UUID.randomUUID().toString().substring(0, 8)).id();
		return new SimulatedOrganization(this, organization,
				tenants().registerGraphApp(organization, simulator().clientId(), simulator().clientSecret()));
	}

	/**
	 * Publishes events in a transaction, as the module that changed state would: their
	 * listeners run after the commit, and Modulith's registry keeps them until done.
	 */
	public void publish(Object... events) {
		context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
			for (var event : events) {
				context.publishEvent(event);
			}
		});
	}

	public GraphSimulator simulator() {
		return simulator;
	}

	public ManagedTenants tenants() {
		return context.getBean(ManagedTenants.class);
	}

	public SignInLog signIns() {
		return context.getBean(SignInLog.class);
	}

	public Incidents incidents() {
		return context.getBean(Incidents.class);
	}

	public JdbcClient jdbc() {
		return context.getBean(JdbcClient.class);
	}

}
