package no.deling.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.deling.push.PushTestDevice;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deling as something a phone installs and that notifies it: the manifest, the service worker,
 * the choice on one's own profile, one's devices, and a pushed message shown as a notification.
 */
@EnabledIf("no.deling.webclient.Browser#available")
class PushBrowserTest {
  @TempDir Path dir;

  @Test
  void onHerProfile_sheSeesHerDevices_removesOne_andAPushedMessageIsShownAsANotification() throws Exception {
    try (TestServer s = TestServer.start(dir, Map.of()); Browser ada = Browser.fresh(s.server.port(), "en", 1280, 900)) {
      ada.login("p-ada", "Ada", "Finance", false);
      // installable: the manifest and its icon, linked from the page
      @SuppressWarnings("unchecked")
      Map<String, Object> manifest = (Map<String, Object>) ada.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "(async () => { const link = document.querySelector('link[rel=manifest]').href; const r = await fetch(link); const m = await r.json();"
          + "const icon = await fetch(m.icons[0].src); return { type: r.headers.get('content-type'), name: m.name, display: m.display,"
          + "iconType: icon.headers.get('content-type'), iconOk: icon.ok }; })().then(done);");
      assertThat(manifest).containsEntry("name", "Deling").containsEntry("display", "standalone").containsEntry("iconOk", true);
      assertThat((String) manifest.get("iconType")).startsWith("image/svg+xml");
      // the service worker, over the whole site
      String scope = (String) ada.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "navigator.serviceWorker.ready.then(r => done(r.scope + ' ' + r.active.scriptURL));");
      String base = "http://127.0.0.1:" + s.server.port();
      assertThat(scope).isEqualTo(base + "/ " + base + "/sw.js");

      // a phone she allowed earlier; this browser not yet
      PushTestDevice phone = PushTestDevice.create();
      String token = s.token("p-ada");
      assertThat(s.post("/api/me/push-subscriptions", token, new JsonObject().put("endpoint", "https://fcm.googleapis.com/fcm/send/ada-phone")
          .put("keys", new JsonObject().put("p256dh", phone.p256dh()).put("auth", phone.auth())).put("label", "Chrome on Android")).status()).isEqualTo(201);
      ada.go("#/user/p-ada");
      ada.withText("label", "Notify me on this device as notifications come");
      assertThat(ada.el("#push-here").isSelected()).isFalse();
      assertThat(ada.el("#push-only").getAttribute("value")).isEqualTo("all");
      new org.openqa.selenium.support.ui.Select(ada.el("#push-only")).selectByValue("waiting");
      for (int i = 0; i < 50 && !"waiting".equals(s.get("/api/me/push-subscriptions", token).json().getString("only")); i++) Thread.sleep(100);
      assertThat(s.get("/api/me/push-subscriptions", token).json().getString("only")).as("only when someone waits for her").isEqualTo("waiting");
      ada.withText("#push-devices li", "Chrome on Android");
      ada.clickIn("#push-devices li", "Chrome on Android", "button");
      ada.waitFor(d -> d.findElements(org.openqa.selenium.By.cssSelector("#push-devices li")).isEmpty() ? true : null);
      assertThat(s.get("/api/me/push-subscriptions", token).json().getJsonArray("items")).isEmpty();

      // what the server pushes, the service worker shows (Chromium's DevTools deliver it as a push service would), unless
      // a Deling window has the focus: then it arrives in the app
      ada.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base, "permissions", List.of("notifications")));
      String deling = ada.driver.getWindowHandle();
      String registration = push(ada, base, null, "While she looks");
      Thread.sleep(1_000);
      assertThat(notifications(ada)).as("she is looking at Deling").isEmpty();
      ada.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB).get("about:blank");
      push(ada, base, registration, "Bob Berg mentioned you");
      ada.driver.switchTo().window(deling);
      String shown = null;
      // up to 15 s: the service worker is woken by the push, which took over 5 s once on two cores busy with the suite
      for (int i = 0; i < 150 && shown == null; i++) {
        List<?> n = notifications(ada);
        shown = n.isEmpty() ? null : (String) n.get(0);
        if (shown == null) Thread.sleep(100);
      }
      assertThat(shown).isEqualTo("Bob Berg mentioned you / and 2 more notifications / /#/notifications");

      // logging out of a shared computer stops its notifications: the device this browser subscribed is removed
      String here = s.post("/api/me/push-subscriptions", token, new JsonObject().put("endpoint", "https://fcm.googleapis.com/fcm/send/ada-laptop")
          .put("keys", new JsonObject().put("p256dh", phone.p256dh()).put("auth", phone.auth())).put("label", "Chrome on Linux")).json().getString("id");
      ada.js("localStorage.setItem('deling.pushDevice', arguments[0])", here); // as the profile's box leaves it after subscribing
      ada.go("#/logout");
      ada.el("#login-user");
      for (int i = 0; i < 50 && !s.get("/api/me/push-subscriptions", token).json().getJsonArray("items").isEmpty(); i++) Thread.sleep(100);
      assertThat(s.get("/api/me/push-subscriptions", token).json().getJsonArray("items")).isEmpty();
      assertThat(ada.js("return localStorage.getItem('deling.pushDevice')")).isNull();
    }
  }

  /** Delivers a message to the site's service worker through DevTools, as a push service would; answers its registration's id. */
  private static String push(Browser b, String origin, String registration, String title) {
    b.driver.executeCdpCommand("ServiceWorker.enable", Map.of());
    String data = new JsonObject().put("title", title).put("body", "and 2 more notifications").put("url", "/#/notifications")
        .put("tag", "deling-notifications").encode();
    // a new browser's first registration; DevTools names it only in events, which this driver does not pass on
    for (String id : registration != null ? List.of(registration) : List.of("0", "1", "2", "3")) {
      try {
        b.driver.executeCdpCommand("ServiceWorker.deliverPushMessage", Map.of("origin", origin, "registrationId", id, "data", data));
        return id;
      } catch (org.openqa.selenium.WebDriverException notThisOne) {
        // another id
      }
    }
    throw new AssertionError("no service worker registration took the message");
  }

  /** The notifications the service worker shows: "title / body / url". */
  private static List<?> notifications(Browser b) {
    return (List<?>) b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => done(n.map(x => x.title + ' / ' + x.body + ' / ' + x.data.url)));");
  }
}
