package no.deling.webclient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; a test
 * tool's own browser download does not work here), with the few things the tests do in it.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final String base;

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  Browser(int port, String lang, int width, int height) {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=" + lang,
            "--window-size=" + width + "," + height, "--disable-extensions", "--no-first-run");
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", lang));
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL")); // the page's console, read at close
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    base = "http://127.0.0.1:" + port;
  }

  void open(String path) {
    driver.get(base + path);
  }

  void go(String hash) {
    ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    // screens re-render on live messages: an element found a moment ago may be gone, so look again.
    // 30 s: a reconnect's back-off and a refetch took over 15 s once on two cores busy with other work
    return new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  WebElement el(String css) {
    return waitFor(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    });
  }

  /** Waits until some element matching {@code css} contains {@code text}. */
  WebElement withText(String css, String text) {
    return waitFor(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null));
  }

  /** Clicks {@code inner} inside the first {@code css} element containing {@code text}, again if the screen re-rendered meanwhile. */
  void clickIn(String css, String text, String inner) {
    waitFor(d -> {
      withText(css, text).findElement(By.cssSelector(inner)).click();
      return true;
    });
  }

  /**
   * Types {@code text} into the {@code css} field, again if the screen re-rendered meanwhile: a
   * question's page renders its answer form once more when the thread arrives, which left the field
   * found a moment before stale (or would drop what was typed), so what the field holds is checked.
   */
  void type(String css, String text) {
    waitFor(d -> {
      WebElement e = el(css);
      e.clear();
      e.sendKeys(text);
      return text.equals(el(css).getDomProperty("value")) ? Boolean.TRUE : null;
    });
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Dev login through the login form, as a person would. */
  void login(String user, String name, String department, boolean leader) {
    login(user, name, department, leader, false);
  }

  /** Dev login, ticking the roles asked for. */
  void login(String user, String name, String department, boolean leader, boolean admin) {
    open("/#/login");
    type("#login-user", user);
    type("#login-name", name);
    type("#login-department", department);
    if (leader) el("#login-leader").click();
    if (admin) el("#login-admin").click();
    el("#dev-login button[type=submit]").click();
    el("#compose textarea");
    waitFor(d -> "live".equals(js("return document.getElementById('conn').dataset.state")));
  }

  void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Quits, failing on any error the page's scripts raised (an uncaught exception, a rejected promise
   * nobody handled, console.error) that the test's steps did not notice. A resource answered 4xx or
   * 5xx is logged too, but is the server's to answer for (a test may ask for one on purpose).
   */
  @Override
  public void close() {
    List<String> errors;
    try {
      errors = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
          .map(org.openqa.selenium.logging.LogEntry::getMessage)
          .filter(m -> !m.contains("Failed to load resource"))
          .toList();
    } finally {
      driver.quit();
    }
    org.assertj.core.api.Assertions.assertThat(errors).as("errors in the page's console").isEmpty();
  }
}
