/**
 * Tiny value types every module speaks: the identifiers of an
 * {@link io.vigil.shared.OrganizationId Organization} (an MSP, our customer) and of a
 * {@link io.vigil.shared.ManagedTenantId ManagedTenant} (an Entra directory it manages),
 * and {@link io.vigil.shared.Secret}, which never prints its value.
 */
@NullMarked
package io.vigil.shared;

import org.jspecify.annotations.NullMarked;
