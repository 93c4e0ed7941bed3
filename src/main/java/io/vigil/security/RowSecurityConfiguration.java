package io.vigil.security;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wraps the application's DataSource so every connection carries whom it acts for (see RowSecurityDataSource). */
@Configuration(proxyBeanMethods = false)
class RowSecurityConfiguration {

	@Bean
	static BeanPostProcessor rowSecurityDataSourceWrapper() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return bean instanceof DataSource dataSource && !(bean instanceof RowSecurityDataSource)
						&& name.equals("dataSource") ? new RowSecurityDataSource(dataSource) : bean;
			}

		};
	}

}
