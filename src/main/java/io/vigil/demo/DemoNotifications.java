package io.vigil.demo;

import io.vigil.detection.Severity;
import io.vigil.notification.NotificationRouting;
import io.vigil.notification.Route;
import io.vigil.security.VigilUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.context.annotation.Profile;

/**
 * The demo organization's routing, set once: the MSP's team hears of everything, each
 * tenant's customer admins of medium incidents and up (with answer links). Mail goes to
 * the in-process demo mail server unless {@code spring.mail.host} names another.
 */
@Profile("!prod")
@Component
class DemoNotifications {

	private static final Logger log = LoggerFactory.getLogger(DemoNotifications.class);

	static final String TEAM = "soc@demo-msp.example";

	private final NotificationRouting routing;

	private final Environment environment;

	DemoNotifications(NotificationRouting routing, Environment environment) {
		this.routing = routing;
		this.environment = environment;
	}

	void routeOnce(VigilUser admin) {
		if (!routing.routes(admin.organizationId()).isEmpty()) {
			return;
		}
		routing.addRoute(admin, null, Severity.LOW, Route.Audience.MSP, TEAM, Route.Delivery.IMMEDIATE);
		routing.addRoute(admin, null, Severity.MEDIUM, Route.Audience.CUSTOMER, Route.TENANT_ADMINS,
				Route.Delivery.IMMEDIATE);
		var host = environment.getProperty("spring.mail.host");
		log.info(
				"Demo notifications: the MSP team ({}) hears of every incident, customer admins of medium and up; "
						+ "mail goes to {}",
				TEAM,
				host == null || host.isBlank()
						? "the demo mailbox (sign in as admin@demo-msp.example, Notifications, Demo mailbox)"
						: host + ":" + environment.getProperty("spring.mail.port", "25"));
	}

}
