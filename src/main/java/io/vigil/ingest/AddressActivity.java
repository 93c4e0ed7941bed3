package io.vigil.ingest;

/**
 * Who else signed in from an address: distinct accounts in the same tenant (the account
 * asked about excluded), and distinct accounts and tenants elsewhere in the organization.
 */
public record AddressActivity(long otherAccountsInTenant, long accountsInOtherTenants, long otherTenants) {
}
