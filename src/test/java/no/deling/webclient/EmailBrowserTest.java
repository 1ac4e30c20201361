package no.deling.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** On one's own profile: whether notifications left unread are emailed, and to which address. */
@EnabledIf("no.deling.webclient.Browser#available")
class EmailBrowserTest {
  @TempDir Path dir;

  @Test
  void onHerProfile_sheSeesWhereUnreadNotificationsAreEmailed_choosesADay_andTurnsItOff() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (TestServer s = TestServer.start(dir, Map.of("DELING_SMTP_HOST", "127.0.0.1", "DELING_SMTP_PORT", Integer.toString(port), "DELING_SMTP_TLS",
        "none", "DELING_EMAIL_AFTER_MINUTES", "60", "DELING_SCIM_TOKEN", "scim"))) {
      s.scim(HttpMethod.POST, "/Users", "scim", new JsonObject().put("userName", "m-ada").put("displayName", "Ada")
          .put("emails", new JsonArray().add(new JsonObject().put("value", "ada@example.org").put("primary", true))));
      try (Browser ada = new Browser(s.server.port(), "en", 1280, 900)) {
        ada.login("m-ada", "Ada", "Finance", false);
        ada.go("#/user/m-ada");
        ada.withText("label", "Email me notifications I leave unread (to ada@example.org)");
        assertThat(ada.el("#email-unread").isSelected()).isTrue();
        assertThat(ada.el("#email-after").getAttribute("value")).as("the server's delay").isEqualTo("60");
        new org.openqa.selenium.support.ui.Select(ada.el("#email-after")).selectByVisibleText("after a day");
        for (int i = 0; i < 50 && s.get("/api/me/email", s.token("m-ada")).json().getInteger("afterMinutes") != 1440; i++) Thread.sleep(100);
        assertThat(s.get("/api/me/email", s.token("m-ada")).json().getMap()).containsEntry("afterMinutes", 1440).containsEntry("chosen", true);
        ada.el("#email-unread").click();
        for (int i = 0; i < 50 && s.get("/api/me/email", s.token("m-ada")).json().getBoolean("unreadNotifications"); i++) Thread.sleep(100);
        assertThat(s.get("/api/me/email", s.token("m-ada")).json().getBoolean("unreadNotifications")).isFalse();
        ada.go("#/home");
        ada.el("#compose textarea");
        ada.go("#/user/m-ada");
        ada.withText("label", "Email me notifications");
        assertThat(ada.el("#email-unread").isSelected()).as("as she left it").isFalse();
        assertThat(ada.el("#email-after").getAttribute("value")).isEqualTo("1440");
      }
    } finally {
      smtp.stop();
    }
  }
}
