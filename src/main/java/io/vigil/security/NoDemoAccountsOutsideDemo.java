package io.vigil.security;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outside demo mode the database must hold no demo accounts: their password and second
 * factor are published in the README. A start that finds any is refused, naming them,
 * until they are deleted.
 */
@Component
@ConditionalOnProperty(prefix = "app.demo", name = "enabled", havingValue = "false", matchIfMissing = true)
class NoDemoAccountsOutsideDemo implements InitializingBean {

	private final JdbcClient jdbc;

	NoDemoAccountsOutsideDemo(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void afterPropertiesSet() {
		var demo = jdbc.sql("select email from user_account where demo order by email").query(String.class).list();
		if (!demo.isEmpty()) {
			throw new IllegalStateException("This database holds demo accounts, whose passwords are published: "
					+ String.join(", ", demo) + ". Delete them (delete from user_account where demo) or use a "
					+ "database of their own for the demo; Vigil does not start outside demo mode with them.");
		}
	}

}
