package io.tributary.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.tributary.app.GatewayApplication;
import io.tributary.app.admin.AdminSurface;
import io.tributary.app.config.ConfigLoader;
import io.tributary.app.testing.LoopbackUpnpDevice;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.SimulatedAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The console in a real browser (Debian's chromium and chromium-driver, headless): the login prompt for a wrong
 * token, a value published over CoAP appearing live on the topics page, the claim dialog moving a device to a
 * rule whose first step a simulated agent then receives, the devices UPnP discovery found (a second gateway on
 * loopback) and the observers of a CoAP resource. Screenshots of each page go to
 * {@code tributary.screenshots} (docs/images in the console-browser profile).
 */
@Tag("console-browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String TOKEN = "browser-test-token-0123456789";
    static final Udi SWITCH = new Udi("C9300-24T", "V01", "FOC2233X0AB");

    private static GatewayApplication.Running running;
    private static AdminSurface admin;
    private static WebDriver browser;
    private static String base;
    private static Path userData;
    private static LoopbackUpnpDevice device;

    @BeforeAll
    static void start() throws Exception {
        device = LoopbackUpnpDevice.start();
        Map<String, String> environment = new HashMap<>(LoopbackUpnpDevice.LOOPBACK_SSDP);
        environment.putAll(Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1",
                "TRIBUTARY_PNP_DATA_DIR", "console-browser-test/pnp-" + System.nanoTime(),
                "TRIBUTARY_PNP_RULES", "[{name: edge, serials: [NOT-THIS-ONE], steps: [{service: cli-exec,"
                        + " command: show version}], finish: terminate}, {name: core, serials: [NOR-THIS],"
                        + " finish: terminate}]",
                "TRIBUTARY_UPNP_DISCOVERY_RULES", LoopbackUpnpDevice.FOLLOW_KITCHEN,
                "TRIBUTARY_ADMIN_TOKEN", TOKEN));
        Settings config = new ConfigLoader().load(null, environment);
        running = new GatewayApplication(config).start().block(TIMEOUT);
        admin = AdminSurface.start(running, List.of(new Console())).block(TIMEOUT);
        base = "http://127.0.0.1:" + running.gateway().httpAddress().getPort();
        userData = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + userData);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (admin != null) {
            admin.stop().block(TIMEOUT);
        }
        if (running != null) {
            running.stop().block(TIMEOUT);
        }
        if (device != null) {
            device.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, TIMEOUT);
    }

    private static void screenshot(String name) throws Exception {
        String directory = System.getProperty("tributary.screenshots");
        if (directory == null) {
            return;
        }
        Path target = Files.createDirectories(Path.of(directory)).resolve("console-" + name + ".png");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void signIn(String token) {
        WebElement login = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(login.isDisplayed()).isTrue();
        WebElement field = browser.findElement(By.id("login-token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("login-submit")).click();
    }

    @Test
    @Order(1)
    @DisplayName("without credentials, then with a wrong token, the console shows the login prompt")
    void wrongTokenGetsLoginPrompt() throws Exception {
        browser.get(base + "/ui/topics");
        signIn("wrong-token-0000000000000");
        waiting().until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong credentials."));
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isTrue();
        screenshot("login");
    }

    @Test
    @Order(2)
    @DisplayName("the topics page shows a value published over CoAP within the test, live and retained")
    void topicsShowCoapValue() throws Exception {
        browser.get(base + "/ui/topics");
        signIn(TOKEN);
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("login")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "token (admin)"));
        waiting().until(driver -> running.gateway().router().subscriptionCount() > 1);
        CoapClient client = CoapClient.bind().block(TIMEOUT);
        try {
            StepVerifier.create(client.put(URI.create("coap://127.0.0.1:" + running.coapPort()
                            + "/ps/kitchen/temp"), "21.5"))
                    .assertNext(response -> assertThat(response.isSuccess()).isTrue()).verifyComplete();
        } finally {
            client.dispose();
        }
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-rows"), "kitchen/temp"));
        assertThat(browser.findElement(By.id("live-rows")).getText()).contains("21.5").contains("coap");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("retained"), "kitchen/temp"));
        screenshot("topics");
    }

    @Test
    @Order(3)
    @DisplayName("the claim dialog moves an unclaimed device to a rule; the agent then receives that rule's first"
            + " step")
    void claimDialogMovesDevice() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try {
            Predicate<AgentEvent> parked = event -> event.kind() == AgentEvent.Kind.WAITING;
            StepVerifier.create(SimulatedAgent.create(base, SWITCH).scheduler(time).run())
                    .expectNextMatches(event -> event.kind() == AgentEvent.Kind.HELLO)
                    .expectNextMatches(event -> event.service() == Service.DEVICE_INFO)
                    .expectNextMatches(event -> event.service() == Service.BACKOFF)
                    .expectNextMatches(parked)
                    .then(() -> {
                        browser.get(base + "/ui/pnp");
                        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices"),
                                "unclaimed"));
                        browser.findElement(By.cssSelector("tr[data-serial='FOC2233X0AB'] button.claim")).click();
                        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("claim-rule")));
                        new Select(browser.findElement(By.id("claim-rule"))).selectByVisibleText("edge");
                        browser.findElement(By.id("claim-variables")).sendKeys("site=roof");
                        try {
                            screenshot("pnp-claim");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        browser.findElement(By.id("claim-submit")).click();
                        waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                                By.cssSelector("tr[data-serial='FOC2233X0AB']"), "edge"));
                        time.advanceTimeBy(Duration.ofHours(1));
                    })
                    .expectNextMatches(event -> event.kind() == AgentEvent.Kind.ANSWERED
                            && event.service() == Service.CLI_EXEC && event.success())
                    .thenCancel().verify(TIMEOUT);
        } finally {
            time.dispose();
        }
        assertThat(running.pnp().devices().blockFirst(TIMEOUT).claim().variables()).containsEntry("site", "roof");
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices"), "step 1 of 1"));
        screenshot("pnp");
    }

    @Test
    @Order(4)
    @DisplayName("the UPnP page lists the devices discovery found: a gateway on loopback, followed, its Kitchen"
            + " service subscribed")
    void upnpDevices() throws Exception {
        device.announceTo(running.upnp().ssdp().port());
        browser.get(base + "/ui/upnp");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("upnp"), "publisher"));
        By row = By.cssSelector("#upnp-devices tr[data-udn='" + device.udn() + "']");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(row, "none\nsubscribed"));
        assertThat(browser.findElement(row).getText()).contains("Tributary gateway")
                .contains(LoopbackUpnpDevice.DEVICE_TYPE).contains(device.location())
                .contains("Topics\nKitchen yes ");
        screenshot("upnp");
    }

    @Test
    @Order(5)
    @DisplayName("the CoAP page shows the endpoint and lists an observer: peer, resource, CON")
    void coapObservers() throws Exception {
        running.gateway().router().publish(Message.builder(Topic.of("kitchen/temp")).payload("21.5").retain(true)
                .build());
        CoapClient client = CoapClient.bind().block(TIMEOUT);
        ConnectableFlux<CoapResponse> observed = client.observe(URI.create("coap://127.0.0.1:" + running.coapPort()
                + "/ps/kitchen/temp")).replay(1);
        Disposable held = observed.connect();
        try {
            assertThat(observed.next().block(TIMEOUT).payloadUtf8()).isEqualTo("21.5");
            browser.get(base + "/ui/coap");
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("coap"), "Requests received"));
            assertThat(browser.findElement(By.id("coap")).getText()).contains(Integer.toString(running.coapPort()));
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("coap-observers"),
                    "/ps/kitchen/temp"));
            assertThat(browser.findElement(By.cssSelector("#coap-observers tbody")).getText())
                    .startsWith("127.0.0.1:" + client.endpoint().port() + " /ps/kitchen/temp ").contains(" CON ");
            screenshot("coap");
        } finally {
            held.dispose();
            client.dispose();
        }
    }

    @Test
    @Order(6)
    @DisplayName("the rates page draws its charts")
    void charts() throws Exception {
        browser.get(base + "/ui/charts");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-messages canvas")));
        screenshot("charts");
    }
}
