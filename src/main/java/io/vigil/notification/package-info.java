/**
 * Who hears of an incident, and how: routing per organization, tenant and severity (the
 * MSP's team, named customer contacts, a tenant's customer admins; at once or as a
 * digest; quiet hours for low severity), emails in plain language with signed one-click
 * answers, and webhooks (Teams, Slack, signed JSON). Every message is written to an
 * outbox in the transaction of the incident change and sent by a worker with retries, so
 * an outage delays and loses nothing, and several replicas send each message once.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "shared", "tenants", "incidents", "detection", "security" })
package io.vigil.notification;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
