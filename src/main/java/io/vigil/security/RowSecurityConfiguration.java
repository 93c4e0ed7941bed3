package io.vigil.security;

import javax.sql.DataSource;

import io.vigil.tenants.SecretSealing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wraps the application's DataSource so every connection carries whom it acts for (see
 * RowSecurityDataSource).
 */
@Configuration(proxyBeanMethods = false)
class RowSecurityConfiguration {

	@Bean
	static BeanPostProcessor rowSecurityDataSourceWrapper(ObjectProvider<SecretSealing> sealing,
			Environment environment) {
		var credentials = new RowSecurityCredentials(sealing, environment);
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return bean instanceof DataSource dataSource && !(bean instanceof RowSecurityDataSource)
						&& name.equals("dataSource") ? new RowSecurityDataSource(dataSource, credentials) : bean;
			}

		};
	}

}
