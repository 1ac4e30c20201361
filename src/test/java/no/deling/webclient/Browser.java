package no.deling.webclient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; a test
 * tool's own browser download does not work here), with the few things the tests do in it.
 *
 * <p>Starting a Chromium costs about 1.6 s on two cores, and the browser tests open about sixty, so
 * a closed browser is emptied (every window but one closed, the sites' cookies, storage, service
 * workers and permissions cleared, emulations undone) and handed to the next test that asks for
 * one in its language, instead of being quit. A browser that cannot be emptied is quit. Tests that
 * need a browser nothing ever ran in (a service worker's first registration) ask for a
 * {@link #fresh} one.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** Emptied browsers by language, waiting for the next test; quit when the tests' JVM exits. */
  private static final Map<String, Deque<ChromeDriver>> IDLE = new HashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (IDLE) {
        IDLE.values().forEach(idle -> idle.forEach(ChromeDriver::quit));
        IDLE.clear();
      }
    }, "quit-idle-browsers"));
  }

  final ChromeDriver driver;
  private final String base;
  private final String lang;
  private final boolean reusable;

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  /** A browser another test emptied, or a new one; {@code lang} is the browser's own language. */
  Browser(int port, String lang, int width, int height) {
    this(port, lang, width, height, true);
  }

  /** A browser started for this test alone and quit after it. */
  static Browser fresh(int port, String lang, int width, int height) {
    return new Browser(port, lang, width, height, false);
  }

  private Browser(int port, String lang, int width, int height, boolean reusable) {
    ChromeDriver idle = null;
    if (reusable) {
      synchronized (IDLE) {
        Deque<ChromeDriver> waiting = IDLE.get(lang);
        if (waiting != null) idle = waiting.poll();
      }
    }
    driver = idle != null ? idle : start(lang, width, height);
    driver.manage().window().setSize(new Dimension(width, height));
    base = "http://127.0.0.1:" + port;
    this.lang = lang;
    this.reusable = reusable;
  }

  private static ChromeDriver start(String lang, int width, int height) {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=" + lang,
            "--window-size=" + width + "," + height, "--disable-extensions", "--no-first-run");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // the page's console, read at close
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
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

  /**
   * What Deque's axe-core (the same script its Selenium {@code AxeBuilder} injects) finds against
   * the rules tagged {@code tags} on the page as it is now: "rule: help [elements]". The script is
   * put into the page once, not before every check as {@code AxeBuilder} does (half a megabyte each
   * time): the web client changes screens without loading a page.
   */
  List<String> accessibilityViolations(String... tags) {
    if (!Boolean.TRUE.equals(js("return typeof axe === 'object'"))) js(AXE.get());
    @SuppressWarnings("unchecked")
    List<String> found = (List<String>) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })"
        + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ' + JSON.stringify(v.nodes.map(n => n.target)))))"
        + ".catch(e => done(['axe-core failed: ' + e]));", List.of(tags));
    return found;
  }

  private static final java.util.function.Supplier<String> AXE = new java.util.function.Supplier<>() {
    private String source;

    @Override
    public synchronized String get() {
      if (source == null) {
        try (var in = com.deque.html.axecore.selenium.AxeBuilder.class.getResourceAsStream("/axe.min.js")) {
          source = new String(java.util.Objects.requireNonNull(in, "axe.min.js").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return source;
    }
  };

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
      errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
          .map(org.openqa.selenium.logging.LogEntry::getMessage)
          .filter(m -> !m.contains("Failed to load resource"))
          .toList();
    } finally {
      if (reusable && emptied()) {
        synchronized (IDLE) {
          IDLE.computeIfAbsent(lang, l -> new ArrayDeque<>()).push(driver);
        }
      } else {
        driver.quit();
      }
    }
    org.assertj.core.api.Assertions.assertThat(errors).as("errors in the page's console").isEmpty();
  }

  /** Leaves nothing of this test for the next: true if the browser is as a new one would be. */
  private boolean emptied() {
    try {
      Set<String> origins = new HashSet<>(Set.of(base));
      List<String> windows = new ArrayList<>(driver.getWindowHandles());
      for (int i = 0; i < windows.size(); i++) {
        driver.switchTo().window(windows.get(i));
        origins.add(origin(driver.getCurrentUrl()));
        if (i > 0) driver.close();
      }
      driver.switchTo().window(windows.get(0));
      driver.get("about:blank"); // the page's sockets and timers go with it
      for (String origin : origins) {
        if (origin.startsWith("http")) driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
      }
      driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
      driver.executeCdpCommand("Browser.resetPermissions", Map.of());
      driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "", "features", List.of()));
      driver.manage().logs().get(LogType.BROWSER); // what leaving the page said is not the next test's
      return driver.getWindowHandles().size() == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String origin(String url) {
    java.net.URI u = java.net.URI.create(url);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }
}
