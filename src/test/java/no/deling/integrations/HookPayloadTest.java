package no.deling.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HookPayloadTest {
  @Test
  void text_isTheWords() {
    assertThat(HookPayload.text(new JsonObject().put("text", "Build 42 passed").put("username", "ci").put("icon_emoji", ":ok:")))
        .isEqualTo("Build 42 passed");
  }

  @Test
  void attachmentsOnly_asAlertmanagerSendsThem_becomeTheirTitleLinkTextAndFields() {
    JsonObject alertmanager = new JsonObject("""
        {"channel":"#ops","username":"Alertmanager","attachments":[
          {"title":"[FIRING:1] DiskFull db-3","title_link":"https://alerts.example.org/#/alerts","text":"Disk at 91%",
           "fallback":"[FIRING:1] DiskFull","color":"danger","fields":[{"title":"severity","value":"page","short":true}]},
          {"fallback":"only a fallback"}]}""");
    assertThat(HookPayload.text(alertmanager))
        .isEqualTo("[FIRING:1] DiskFull db-3 https://alerts.example.org/#/alerts\nDisk at 91%\nseverity: page\n\nonly a fallback");
  }

  @Test
  void textAndAttachments_bothCount_andNothingToSayIsNull() {
    assertThat(HookPayload.text(new JsonObject("""
        {"text":"Deployed","attachments":[{"pretext":"to production","text":"v2.4"}]}"""))).isEqualTo("Deployed\n\nto production\nv2.4");
    assertThat(HookPayload.text(new JsonObject().put("username", "ci"))).isNull();
    assertThat(HookPayload.text(new JsonObject().put("text", "  "))).as("blank: the post's own rule refuses it").isEqualTo("  ");
    assertThat(HookPayload.text(new JsonObject("{\"attachments\":[1, \"x\", {\"color\":\"good\"}]}"))).isNull();
  }
}
