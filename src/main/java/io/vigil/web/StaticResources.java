package io.vigil.web;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The only static files Vigil serves: the front end's build (frontend/, built into
 * static/app) under content-hashed URLs that Thymeleaf's {@code @{...}} links produce, so
 * browsers keep them for a year and never hold a stale one; and the favicon. Mapping
 * nothing else keeps link rendering cheap: Spring resolves each rendered link against
 * every static mapping, and a catch-all mapping made that a classpath lookup per link.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/app/**")
			.addResourceLocations("classpath:/static/app/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		registry.addResourceHandler("/favicon.svg")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic());
	}

	/** Rewrites links to /app/** into their content-hashed names as pages render. */
	@org.springframework.context.annotation.Bean
	org.springframework.web.servlet.resource.ResourceUrlEncodingFilter resourceUrlEncodingFilter() {
		return new org.springframework.web.servlet.resource.ResourceUrlEncodingFilter();
	}

}
