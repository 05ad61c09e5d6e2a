package io.contacthub.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium from the OS packages ({@code chromium}, {@code chromium-driver}; .ci/run
 * installs them), driven through the system chromedriver: no driver or browser is downloaded.
 */
final class Browser implements AutoCloseable {

    /** Screenshots of every run; the few named for the README are also copied to docs/screenshots. */
    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path DOC_SHOTS = Path.of("docs", "screenshots");

    final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        String chromium = onPath("chromium").or(() -> onPath("chromium-browser"))
                .orElseThrow(() -> new IllegalStateException("chromium is not installed (apt-get install chromium; .ci/run does it)"));
        String chromedriver = onPath("chromedriver")
                .orElseThrow(() -> new IllegalStateException("chromedriver is not installed (apt-get install chromium-driver)"));
        try {
            profile = Files.createTempDirectory("hub-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // Background networking off: this machine's network is closed, and Chromium's own calls home
        // would otherwise be refused (and slow every start). A fresh profile per run.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Clicks something that loads a new page, and waits until the new page is there. */
    void clickAndWait(String css) {
        clickAndWait(find(css));
    }

    void clickAndWait(WebElement element) {
        // A mark on the old document: the new page is there once the mark is gone and it has loaded.
        driver.executeScript("window.hubOldPage = true;");
        element.click();
        await(Duration.ofSeconds(15), d -> {
            try {
                return Boolean.TRUE.equals(driver.executeScript(
                        "return window.hubOldPage === undefined && document.readyState === 'complete';"));
            } catch (org.openqa.selenium.WebDriverException navigating) {
                return false; // the page is being replaced right now
            }
        });
    }

    java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Staff sign-in through the console's login form. */
    void signInStaff(String user, String password) {
        open("/login");
        type("#username", user);
        type("#password", password);
        clickAndWait("#sign-in");
    }

    void signInMember(String login, String password) {
        open("/portal/login");
        type("#username", login);
        type("#password", password);
        clickAndWait("#sign-in");
    }

    void signOutEverywhere() {
        driver.manage().deleteAllCookies();
    }

    /** Saves target/screenshots/{name}.png; with {@code forDocs} also docs/screenshots/{name}.png (the latest run wins). */
    void screenshot(String name, boolean forDocs) {
        try {
            Files.createDirectories(SHOTS);
            Path shot = SHOTS.resolve(name + ".png");
            Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            if (forDocs && Files.isDirectory(DOC_SHOTS.getParent())) {
                Files.createDirectories(DOC_SHOTS);
                Files.copy(shot, DOC_SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static Optional<String> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).map(Path::toString).findFirst();
    }
}
