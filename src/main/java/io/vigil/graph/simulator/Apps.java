package io.vigil.graph.simulator;

/** First-party Microsoft apps the simulated users sign in to (real application ids). */
final class Apps {

	static final String[][] APPS = {
			{ "4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome", "Office 365 Exchange Online",
					"00000002-0000-0ff1-ce00-000000000000" },
			{ "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams", "Microsoft Teams Services",
					"cc15fd57-2c6c-4117-a88c-83b1d56b4bbe" },
			{ "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal", "Windows Azure Service Management API",
					"797f4846-ba00-4fd7-ba43-dac1f8f63013" },
			{ "27922004-5251-4030-b22d-91ecd9a37ea4", "Outlook Mobile", "Office 365 Exchange Online",
					"00000002-0000-0ff1-ce00-000000000000" },
			{ "00000003-0000-0ff1-ce00-000000000000", "Office 365 SharePoint Online", "Office 365 SharePoint Online",
					"00000003-0000-0ff1-ce00-000000000000" } };

	static final int COUNT = APPS.length;

	private Apps() {
	}

}
