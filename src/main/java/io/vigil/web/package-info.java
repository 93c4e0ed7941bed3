/**
 * The browser UI: server-rendered Thymeleaf pages, thin package-private controllers per
 * feature ({@code web.account}, {@code web.home}, {@code web.admin}) that call the
 * modules' APIs and pass view records to templates. Nothing depends on this module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "security", "incidents", "detection", "graph",
		"response", "ingest", "notification" })
package io.vigil.web;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
