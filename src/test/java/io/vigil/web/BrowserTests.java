package io.vigil.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.vigil.Simulation;
import io.vigil.graph.simulator.SimulatorProbe;
import io.vigil.SimulatedOrganization;
import io.vigil.CheapPasswordHashing;
import io.vigil.FreshDatabase;
import io.vigil.incidents.Incidents;
import io.vigil.security.Accounts;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A responder in real headless Chromium against the running app and the simulator: signs
 * in with a second factor, finds the RULE-1143 incident the attack raised, walks the "not
 * recognised" branch, blocks and revokes (the simulator records one call each), and sees
 * both on the timeline; blocking where the app lacks the permission shows as failed.
 * Screenshots of the queue and the detail page go to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = FreshDatabase.class)
@Import({ CheapPasswordHashing.class, Simulation.class })
@DirtiesContext
@TestPropertySource(properties = "app.graph.simulator.scenario=classpath:simulator/attacks.yml")
class BrowserTests {

	static final String ALPHA = "a77ac000-0000-4000-8000-000000000001";

	static final String BRAVO = "a77ac000-0000-4000-8000-000000000002";

	static final String KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

	@LocalServerPort
	int port;

	@Autowired
	Simulation simulation;

	@Autowired
	Accounts accounts;

	WebDriver browser;

	SimulatedOrganization msp;

	OrganizationId organization;

	ManagedTenantId alpha;

	ManagedTenantId bravo;

	String email;

	/** How long a lookup waits for an element a script adds. */
	private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(5);

	@BeforeEach
	void chromiumAndAnAttackedOrganization() {
		var chromium = Path.of("/usr/bin/chromium");
		var driver = Path.of("/usr/bin/chromedriver");
		if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail("Chromium and chromedriver are required on CI (.ci/run installs them)");
			}
			Assumptions.abort("Chromium not installed: apt-get install -y chromium chromium-driver");
		}
		var options = new ChromeOptions().setBinary(chromium.toString())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1400,1000");
		// Chromium starts while the attack is ingested and detected: each takes seconds
		var starting = java.util.concurrent.CompletableFuture.supplyAsync(() -> new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), options));

		try {
			msp = simulation.organization("Browser MSP");
			organization = msp.id();
			alpha = msp.connect(ALPHA, "Attacked Alpha");
			bravo = msp.connect(BRAVO, "Attacked Bravo");
			email = "analyst-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
			var analyst = accounts.create(organization, email, "Ana Analyst", new Secret("a long enough password"),
					Role.RESPONDER, null, true, "test");
			accounts.enrolDemoTotp(analyst.id(), new Secret(KEY));
			// every attack detected (10 incidents, 35 sign-ins of evidence,
			// the AiTM
			// one raised by what the attacker did next): the queue no longer changes
			// under the browser
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				var found = simulation.incidents().recent(organization, null, 50);
				return found.size() == 10
						&& found.stream().mapToInt(io.vigil.incidents.Incident::signInCount).sum() == 35
						&& found.stream()
							.filter(incident -> incident.ruleId().equals("RULE-1143"))
							.allMatch(incident -> incident.postCompromiseAt() != null);
			});
		}
		finally {
			// quit after the test even when the attack was not detected in time
			browser = starting.join();
		}
		browser.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
	}

	@AfterEach
	void quit() {
		if (browser != null) {
			browser.quit();
		}
		// every test attacks its own organization's copy of the two tenants: the ones
		// done with stop polling, or each setup waits longer than the last
		simulation.tenants().disconnect(organization, alpha);
		simulation.tenants().disconnect(organization, bravo);
	}

	@Test
	void theNotRecognisedBranchBlocksAndRevokes() throws Exception {
		signIn();
		var incident = aitmIncident(alpha);
		assertThat(browser.findElement(By.id("by-tenant")).getText()).contains("Attacked Alpha", "Attacked Bravo");
		screenshot("dashboard");
		browser.findElement(By.id("nav-incidents")).click();
		settled(By.tagName("h1"), "Incidents");
		var queue = browser.findElement(By.tagName("main")).getText();
		assertThat(queue).contains("Successful sign-in from CloudFlare infrastructure", incident.accountUpn());
		screenshot("queue");

		browser.findElement(By.cssSelector("a[href='/incidents/" + incident.id() + "']")).click();
		settled(By.id("account-upn"), incident.accountUpn());
		assertThat(browser.findElement(By.id("sign-ins")).getText()).contains("CloudFlare", "Cloudflare, Inc.");
		screenshot("detail");

		browser.findElement(By.xpath("//button[text()='Not recognised']")).click();
		settled(By.id("current-step"), "Block sign-in");
		act("Block sign-in");
		assertThat(browser.findElement(By.id("outcome")).getText()).contains("Block sign-in", "SUCCEEDED");
		// the work moves the incident: in progress, assigned to the responder, the step
		// done by the action
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("In progress");
		assertThat(browser.findElement(By.id("assignee")).getText()).isEqualTo("Ana Analyst");
		assertThat(browser.findElement(By.id("account-check")).getText()).contains("blocked");
		assertThat(browser.findElements(By.cssSelector("#account-actions a"))
			.stream()
			.map(org.openqa.selenium.WebElement::getText)
			.toList()).contains("Unblock sign-in").doesNotContain("Block sign-in");
		settled(By.id("current-step"), "Revoke all");
		act("Revoke all sessions");
		assertThat(browser.findElement(By.id("outcome")).getText()).contains("Revoke all sessions", "SUCCEEDED");

		var user = incident.accountId();
		assertThat(simulation.simulator().requests(ALPHA))
			.filteredOn(r -> r.method().equals("PATCH") && r.path().equals("/v1.0/users/" + user))
			.hasSize(1);
		assertThat(simulation.simulator().requests(ALPHA))
			.filteredOn(
					r -> r.method().equals("POST") && r.path().equals("/v1.0/users/" + user + "/revokeSignInSessions"))
			.hasSize(1);
		assertThat(SimulatorProbe.isAccountEnabled(simulation.simulator(), ALPHA, user)).isFalse();
		var timeline = browser.findElement(By.id("timeline")).getText();
		assertThat(timeline)
			.contains("Ana Analyst blocked sign-in for " + incident.accountUpn() + ": succeeded",
					"Ana Analyst revoked all sessions for " + incident.accountUpn() + ": succeeded",
					"moved the incident from New to In progress")
			.doesNotContain("BLOCK_SIGN_IN", "{");

		settled(By.id("current-step"), "Reset the password");
		act("Reset password");
		assertThat(browser.findElement(By.id("one-time-password")).getText()).hasSize(16);
		assertThat(SimulatorProbe.passwordResets(simulation.simulator(), ALPHA, user)).isOne();
		browser.findElement(By.linkText("Back to the incident")).click();
		settled(By.id("current-step"), "Review authentication methods");
		browser.findElement(By.linkText("Review authentication methods")).click();
		settled(By.id("methods"), "added since the sign-in");
		screenshot("authentication-methods");
		browser.findElement(By.xpath("//tr[td[contains(., 'iPhone 15 Pro')]]//input[@type='checkbox']")).click();
		browser.findElement(By.xpath("//button[starts-with(., 'Remove the selected')]")).click();
		settled(By.id("subjects"), "iPhone 15 Pro");
		browser.findElement(By.xpath("//button[starts-with(normalize-space(.), 'Yes')]")).click();
		settled(By.id("outcome"), "Remove authentication method");
		assertThat(browser.findElement(By.id("outcome")).getText()).contains("iPhone 15 Pro", "SUCCEEDED");
		assertThat(simulation.simulator().requests(ALPHA)).filteredOn(r -> r.method().equals("DELETE")).hasSize(1);
	}

	@Test
	void aRefusedActionShowsAsFailed() throws Exception {
		signIn();
		var incident = aitmIncident(bravo);
		browser.get(url("/incidents/" + incident.id()));
		browser.findElement(By.xpath("//button[text()='Not recognised']")).click();
		settled(By.id("current-step"), "Block sign-in");
		act("Block sign-in");
		var outcome = browser.findElement(By.cssSelector("#outcome p"));
		assertThat(outcome.getText()).contains("FAILED", "Authorization_RequestDenied");
		assertThat(outcome.getAttribute("class")).isEqualTo("error");
		assertThat(SimulatorProbe.isAccountEnabled(simulation.simulator(), BRAVO, incident.accountId())).isTrue();
	}

	@Test
	void theRecognisedBranchSuppressesAndAReplayRaisesNothing() throws Exception {
		signIn();
		var incident = aitmIncident(alpha);
		browser.get(url("/incidents/" + incident.id()));
		browser.findElement(By.xpath("//button[text()='Recognised']")).click();
		settled(By.id("current-step"), "route traffic through CloudFlare");
		browser.findElement(By.xpath("//button[text()='Yes']")).click();
		settled(By.id("current-step"), "Close as benign");
		browser.findElement(By.linkText("Create a suppression and close as benign")).click();
		settled(By.tagName("h1"), "Suppress matches like this one");
		browser.findElement(By.name("reason")).sendKeys("Contoso routes its staff through CloudFlare WARP");
		browser.findElement(By.xpath("//button[@value='preview']")).click();
		settled(By.id("preview"), "Past incidents it would have suppressed: 1");
		browser.findElement(By.xpath("//button[@value='save']")).click();
		settled(By.id("status"), "Dismissed (benign)");
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("closed the",
				"remaining checklist steps");

		// the same sign-in again (a replay through detection): recorded as suppressed, no
		// new incident
		var evidence = simulation.incidents().signIns(organization, incident.id()).getFirst();
		var replay = new io.vigil.detection.SignInMatch(incident.ruleId(), incident.ruleTitle(), incident.severity(),
				Duration.ofHours(24), incident.checklist(), incident.dedupKey(), evidence.signInId() + 1_000_000,
				"replay-" + UUID.randomUUID(), java.time.Instant.now(), incident.accountId(), incident.accountUpn(),
				incident.accountDisplayName(), evidence.ipAddress(), evidence.evidence());
		msp.matched(alpha, replay);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			browser.get(url("/suppressions"));
			assertThat(browser.findElement(By.tagName("main")).getText())
				.contains("Contoso routes its staff through CloudFlare WARP", "incident");
			assertThat(browser.findElements(By.xpath("//td[text()='1']"))).isNotEmpty();
		});
		assertThat(simulation.incidents().recent(organization, alpha, 10))
			.filteredOn(found -> found.ruleId().equals("RULE-1143"))
			.hasSize(1);
	}

	/**
	 * Each main page in real Chromium: no serious or critical accessibility violation
	 * (axe-core), nothing scrolls sideways on a 390 px phone, and the dark theme applies
	 * when the system asks for it.
	 */
	@Test
	void thePagesAreAccessibleFitAPhoneAndFollowDarkMode() throws Exception {
		signIn();
		var incident = simulation.incidents().recent(organization, alpha, 10).getFirst();
		var pages = new java.util.LinkedHashMap<String, String>();
		pages.put("dashboard", "/");
		pages.put("queue", "/incidents");
		pages.put("incident", "/incidents/" + incident.id());
		pages.put("rules", "/rules");
		pages.put("tenants", "/tenants");
		for (var page : pages.entrySet()) {
			browser.get(url(page.getValue()));
			assertThat(seriousViolations()).as("axe on " + page.getKey()).isEmpty();
			screenshot(page.getKey());
		}
		browser.get(url("/suppressions"));
		screenshot("suppressions");
		var chrome = (ChromeDriver) browser;
		chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		for (var page : pages.entrySet()) {
			browser.get(url(page.getValue()));
			var widths = (java.util.List<?>) chrome
				.executeScript("return [document.documentElement.scrollWidth, window.innerWidth]");
			assertThat(((Number) widths.get(0)).longValue()).as(page.getKey() + " at 390 px scrolls sideways")
				.isLessThanOrEqualTo(((Number) widths.get(1)).longValue());
			screenshot("phone-" + page.getKey());
		}
		chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
		// the organization admin's pages too
		var adminEmail = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
		var admin = accounts.create(organization, adminEmail, "Ada Admin", new Secret("a long enough password"),
				Role.ORG_ADMIN, null, true, "test");
		accounts.enrolDemoTotp(admin.id(), new Secret(KEY));
		browser.manage().deleteAllCookies();
		email = adminEmail;
		signIn();
		for (var page : java.util.List.of("/admin/audit", "/admin/operations", "/admin/users", "/admin/tenants",
				"/admin/notifications", "/admin/sso", "/admin/rules/upload", "/account/password", "/account/sso")) {
			browser.get(url(page));
			assertThat(seriousViolations()).as("axe on " + page).isEmpty();
			screenshot(page.substring(1).replace('/', '-'));
			chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
			browser.get(url(page));
			var widths = (java.util.List<?>) chrome
				.executeScript("return [document.documentElement.scrollWidth, window.innerWidth]");
			assertThat(((Number) widths.get(0)).longValue()).as(page + " at 390 px scrolls sideways")
				.isLessThanOrEqualTo(((Number) widths.get(1)).longValue());
			chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
		}
		chrome.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
				java.util.List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
		browser.get(url("/incidents/" + incident.id()));
		var background = (String) chrome.executeScript("return getComputedStyle(document.body).backgroundColor");
		assertThat(background).as("the dark theme's background").isEqualTo("rgb(15, 20, 27)");
		assertThat(seriousViolations()).as("axe in dark mode").isEmpty();
		screenshot("dark-incident");
		browser.manage().deleteAllCookies();
		browser.get(url("/login"));
		assertThat(seriousViolations()).as("axe on the sign-in page (dark)").isEmpty();
		screenshot("dark-login");
	}

	@Test
	void theQueueMovesByKeyboardAndClosesInBulk() throws Exception {
		signIn();
		browser.get(url("/incidents"));
		// htmx swaps the filtered queue in: the page itself stays (a marker on window
		// survives), the URL follows
		var chrome = (ChromeDriver) browser;
		chrome.executeScript("window.vigilMarker = 42");
		// the AiTM incidents are critical: raised by what the attackers did next
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("severity"))).selectByValue("CRITICAL");
		browser.findElement(By.xpath("//button[text()='Filter']")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> driver.getCurrentUrl().contains("severity=CRITICAL"));
		settled(By.id("queue"), "Successful sign-in from CloudFlare");
		assertThat(chrome.executeScript("return window.vigilMarker")).isEqualTo(42L);
		assertThat(browser.findElements(By.cssSelector("#queue .badge.critical")))
			.hasSize(browser.findElements(By.cssSelector("#queue tbody tr")).size());
		var body = browser.findElement(By.tagName("body"));
		body.sendKeys("?");
		assertThat(browser.findElement(By.id("shortcuts")).isDisplayed()).isTrue();
		browser.findElement(By.cssSelector("#shortcuts button")).click();
		body.sendKeys("j");
		body.sendKeys("j");
		var second = browser.findElement(By.cssSelector("#queue tbody tr.current a.incident-link"))
			.getAttribute("href");
		assertThat(browser.findElements(By.cssSelector("#queue tbody tr")).get(1).getAttribute("class"))
			.contains("current");
		body.sendKeys("o");
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> driver.getCurrentUrl().equals(second));
		screenshot("incident");

		browser.get(url("/incidents"));
		var picks = browser.findElements(By.cssSelector("input.pick"));
		assertThat(picks).hasSizeGreaterThanOrEqualTo(2);
		picks.get(0).click();
		picks.get(1).click();
		assertThat(browser.findElement(By.id("picked-count")).getText()).isEqualTo("2 selected");
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#bulk select[name=status]")))
			.selectByVisibleText("Dismissed (benign)");
		browser.findElement(By.cssSelector("#bulk input[name=reason]"))
			.sendKeys("Penetration test by Contoso's vendor");
		chrome.executeScript("window.vigilMarker = 43");
		browser.findElement(By.cssSelector("#bulk button[value=close]")).click();
		settled(By.cssSelector(".flash.notice"), "2 incidents changed.");
		assertThat(chrome.executeScript("return window.vigilMarker")).as("swapped by htmx, not reloaded")
			.isEqualTo(43L);
		screenshot("queue-after-bulk-close");
		var closed = simulation.incidents()
			.recent(organization, null, 10)
			.stream()
			.filter(found -> found.status() == io.vigil.incidents.IncidentStatus.DISMISSED_BENIGN)
			.toList();
		assertThat(closed).hasSize(2);
		assertThat(simulation.incidents().timeline(organization, closed.getFirst().id())).anySatisfy(
				entry -> assertThat(entry.detail().toString()).contains("Penetration test by Contoso's vendor"));
	}

	@Test
	void errorsAreStyledPagesAndAReaderSeesNoAction() throws Exception {
		signIn();
		browser.get(url("/admin/users"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You may not open this");
		assertThat(browser.findElement(By.cssSelector("header.top")).isDisplayed()).isTrue();
		screenshot("error-403");
		browser.get(url("/incidents/" + UUID.randomUUID()));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nothing here");
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel", "Exception");
		screenshot("error-404");
		browser.get(url("/incidents/not-an-incident-id"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The request could not be read");
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel", "Exception", "UUID");

		var reader = "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
		var account = accounts.create(organization, reader, "Rita Reader", new Secret("a long enough password"),
				Role.READ_ONLY, null, true, "test");
		accounts.enrolDemoTotp(account.id(), new Secret(KEY));
		browser.manage().deleteAllCookies();
		email = reader;
		signIn();
		var incident = simulation.incidents().recent(organization, alpha, 10).getFirst();
		for (var path : java.util.List.of("/incidents", "/incidents/" + incident.id())) {
			browser.get(url(path));
			var buttons = onThePage(By.cssSelector(
					"main form[method=post]:not(#save-view) button, main input.pick, main a[href*='/confirm']"))
				.stream()
				.filter(org.openqa.selenium.WebElement::isDisplayed)
				.map(org.openqa.selenium.WebElement::getText)
				.toList();
			assertThat(buttons).as("changes a reader is offered on " + path).isEmpty();
		}
		screenshot("reader-incident");

		// a customer's admin: their tenant's incidents, the answer they may
		// give, and
		// nothing else
		var customer = "it-" + UUID.randomUUID().toString().substring(0, 8) + "@alpha.example";
		var customerAccount = accounts.create(organization, customer, "Alpha IT", new Secret("a long enough password"),
				Role.TENANT_ADMIN, java.util.Set.of(alpha), true, "test");
		accounts.enrolDemoTotp(customerAccount.id(), new Secret(KEY));
		browser.manage().deleteAllCookies();
		email = customer;
		signIn();
		browser.get(url("/incidents"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Attacked Alpha")
			.doesNotContain("Attacked Bravo");
		assertThat(onThePage(By.cssSelector("#bulk, input.pick, button.assign-me"))).isEmpty();
		browser.get(url("/incidents/" + incident.id()));
		var offered = onThePage(By.cssSelector("main form[method=post] button")).stream()
			.filter(org.openqa.selenium.WebElement::isDisplayed)
			.map(org.openqa.selenium.WebElement::getText)
			.toList();
		assertThat(offered).as("a customer admin only answers").containsOnly("Send my answer");
		assertThat(onThePage(By.id("admin-menu"))).isEmpty();
		assertThat(seriousViolations()).as("axe on the customer's incident page").isEmpty();
		screenshot("customer-incident");
	}

	/** The tenant's RULE-1143 incident: the AiTM proxy's successful sign-in. */
	private io.vigil.incidents.Incident aitmIncident(ManagedTenantId tenant) {
		return simulation.incidents()
			.recent(organization, tenant, 10)
			.stream()
			.filter(found -> found.ruleId().equals("RULE-1143"))
			.findFirst()
			.orElseThrow();
	}

	/** axe-core's serious and critical violations on the current page, one line each. */
	@SuppressWarnings("unchecked")
	private java.util.List<String> seriousViolations() throws Exception {
		var chrome = (ChromeDriver) browser;
		chrome.executeScript(Files.readString(Path.of("frontend", "node_modules", "axe-core", "axe.min.js")));
		return (java.util.List<String>) chrome.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] }).then(result => done(result.violations
				  .filter(v => v.impact === 'serious' || v.impact === 'critical')
				  .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))));""");
	}

	/**
	 * The elements the loaded page has, without the implicit wait: a list expected empty
	 * would otherwise cost the whole wait.
	 */
	private java.util.List<org.openqa.selenium.WebElement> onThePage(By locator) {
		browser.manage().timeouts().implicitlyWait(Duration.ZERO);
		try {
			return browser.findElements(locator);
		}
		finally {
			browser.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		}
	}

	private void signIn() {
		browser.get(url("/login"));
		browser.findElement(By.name("username")).sendKeys(email);
		browser.findElement(By.name("password")).sendKeys("a long enough password");
		browser.findElement(By.xpath("//button[text()='Sign in']")).click();
		browser.findElement(By.name("code")).sendKeys(TestSignIn.totpCode(KEY));
		browser.findElement(By.xpath("//button[text()='Verify']")).click();
		settled(By.tagName("h1"), "Dashboard");
	}

	/**
	 * Clicks the checklist's action, reads the confirmation, confirms, waits for the
	 * outcome.
	 */
	private void act(String label) {
		browser.findElement(By.linkText("Do it: " + label)).click();
		settled(By.id("what-changes"), "Attacked");
		browser.findElement(By.xpath("//button[starts-with(normalize-space(.), 'Yes')]")).click();
		settled(By.id("outcome"), label);
	}

	/**
	 * Waits until the page after a click shows the element with the text (the old page's
	 * elements go stale).
	 */
	private void settled(By locator, String text) {
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(driver -> driver.findElements(locator).stream().anyMatch(e -> e.getText().contains(text)));
	}

	private void screenshot(String name) throws Exception {
		var file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		var target = Path.of("target", "screenshots", name + ".png");
		Files.createDirectories(target.getParent());
		Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
