package no.deling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings are read once, at start: a value that cannot work is refused there, in one line naming the variable and what it must be. */
class ConfigTest {
  @Test
  void noSettings_meanTheDefaults() {
    Config c = Config.fromEnv(Map.of());
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.nodeId()).isZero();
    assertThat(c.writeRate()).isEqualTo(20.0);
    assertThat(c.mail().enabled()).as("no email without a mail server").isFalse();
    assertThat(c.mail().port()).isEqualTo(587);
    assertThat(c.mail().tls()).isEqualTo("starttls");
    assertThat(c.mail().afterMinutes()).isEqualTo(60);
  }

  @Test
  void mailFromTheFirstByte_defaultsToPort465_andThePublicAddressLosesItsTrailingSlash() {
    Config.Mail m = Config.fromEnv(Map.of("DELING_SMTP_HOST", "smtp.example.org", "DELING_SMTP_TLS", "TLS", "DELING_PUBLIC_URL", "https://deling.example.org/"))
        .mail();
    assertThat(m.enabled()).isTrue();
    assertThat(m.port()).isEqualTo(465);
    assertThat(m.publicUrl()).isEqualTo("https://deling.example.org");
    Config.Mail login = Config.fromEnv(Map.of("DELING_SMTP_HOST", "smtp.example.org", "DELING_SMTP_USER", "deling", "DELING_SMTP_PASSWORD", "hunter2"))
        .mail();
    assertThat(login.toString()).as("a log line never shows the password").contains("user=deling").doesNotContain("hunter2");
  }

  @Test
  void theEdgesOfEachRange_areTaken() {
    Config c = Config.fromEnv(Map.of("DELING_HTTP_PORT", "65535", "DELING_NODE_ID", "1023", "DELING_WRITE_RATE", "0", "DELING_RETENTION_DAYS", "0",
        "DELING_STREAM_RETENTION", "0", "DELING_FANOUT_LIMIT", "0"));
    assertThat(c.httpPort()).isEqualTo(65535);
    assertThat(c.nodeId()).isEqualTo(1023);
    assertThat(c.writeRate()).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DELING_HTTP_PORT | 70000 | DELING_HTTP_PORT must be from 0 to 65535, was '70000'",
      "DELING_HTTP_PORT | -1 | DELING_HTTP_PORT must be from 0 to 65535, was '-1'",
      "DELING_HTTP_PORT | http | DELING_HTTP_PORT must be a whole number, was 'http'",
      "DELING_NODE_ID | 1024 | DELING_NODE_ID must be from 0 to 1023, was '1024'",
      "DELING_WRITE_RATE | -5 | DELING_WRITE_RATE must be a number of at least 0 (0: no limit), was '-5'",
      "DELING_LOGIN_RATE | NaN | DELING_LOGIN_RATE must be a number of at least 0 (0: no limit), was 'NaN'",
      "DELING_STREAM_MESSAGE_RATE | Infinity | DELING_STREAM_MESSAGE_RATE must be a number of at least 0 (0: no limit), was 'Infinity'",
      "DELING_WRITE_BURST | 0 | DELING_WRITE_BURST must be at least 1, was '0'",
      "DELING_STREAM_QUEUE | 0 | DELING_STREAM_QUEUE must be at least 1, was '0'",
      "DELING_HOME_TIMELINE_SIZE | -3 | DELING_HOME_TIMELINE_SIZE must be at least 1, was '-3'",
      "DELING_HTTP_INSTANCES | 0 | DELING_HTTP_INSTANCES must be at least 1, was '0'",
      "DELING_RETENTION_DAYS | -30 | DELING_RETENTION_DAYS must be at least 0, was '-30'",
      "DELING_STREAM_IDLE_TIMEOUT_MS | 0 | DELING_STREAM_IDLE_TIMEOUT_MS must be at least 1, was '0'",
      "DELING_STORE | postgres | DELING_STORE must be 'embedded' or 'kurrentdb', was 'postgres'",
      "DELING_SMTP_TLS | ssl | DELING_SMTP_TLS must be 'starttls', 'tls' or 'none', was 'ssl'",
      "DELING_SMTP_PORT | 0 | DELING_SMTP_PORT must be from 1 to 65535, was '0'",
      "DELING_EMAIL_LANGUAGE | de | DELING_EMAIL_LANGUAGE must be 'en' or 'nb', was 'de'",
      "DELING_PUBLIC_URL | deling.example.org | DELING_PUBLIC_URL must be an http(s) address such as https://deling.example.org, was 'deling.example.org'",
      "DELING_EMAIL_CHECK_SECONDS | 0 | DELING_EMAIL_CHECK_SECONDS must be from 1 to 3600, was '0'",
      "DELING_PUSH_CHECK_MS | 50 | DELING_PUSH_CHECK_MS must be from 100 to 60000, was '50'",
      "DELING_PUSH_LANGUAGE | sv | DELING_PUSH_LANGUAGE must be 'en' or 'nb', was 'sv'",
      "DELING_PUSH_SUBJECT | ops@example.org | DELING_PUSH_SUBJECT must be a mailto: or https: address, was 'ops@example.org'",
      "DELING_PUSH_SERVICES | fcm.googleapis.com | DELING_PUSH_SERVICES must list origins such as https://fcm.googleapis.com or https://*.push.apple.com, had 'fcm.googleapis.com'",
      "DELING_LINK_PREVIEW_HOSTS | http://wiki.example.org | DELING_LINK_PREVIEW_HOSTS must list host names such as wiki.example.org or *.intranet.example.org, had 'http://wiki.example.org'",
      "DELING_PUSH_PUBLIC_KEY | BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8 | DELING_PUSH_PUBLIC_KEY and DELING_PUSH_PRIVATE_KEY go together: set both (npx web-push generate-vapid-keys) or neither",
  })
  void aValueThatCannotWork_isRefusedAtStart_namingTheVariableAndTheRule(String key, String value, String message) {
    assertThatThrownBy(() -> Config.fromEnv(Map.of(key, value))).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void pushKeys_mustBeOnePair_andThePrivateHalfNeverPrints() {
    String pub = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    String priv = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    Config.Push push = Config.fromEnv(Map.of("DELING_PUSH_PUBLIC_KEY", pub, "DELING_PUSH_PRIVATE_KEY", priv)).push();
    assertThat(push.enabled()).isTrue();
    assertThat(push.toString()).contains(pub).doesNotContain(priv);
    assertThatThrownBy(() -> Config.fromEnv(Map.of("DELING_PUSH_PUBLIC_KEY", pub, "DELING_PUSH_PRIVATE_KEY", "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DELING_PUSH_PUBLIC_KEY and DELING_PUSH_PRIVATE_KEY must be a P-256 key pair");
    // who runs the server, for the push services: the public address where it is https, else the mail sender's address
    assertThat(Config.fromEnv(Map.of("DELING_PUBLIC_URL", "https://deling.example.org")).push().subject()).isEqualTo("https://deling.example.org");
    assertThat(Config.fromEnv(Map.of("DELING_MAIL_FROM", "Deling <deling@example.org>")).push().subject()).isEqualTo("mailto:deling@example.org");
    assertThat(Config.fromEnv(Map.of("DELING_PUSH", "false")).push().enabled()).isFalse();
    assertThat(Config.fromEnv(Map.of("DELING_EMAIL_LANGUAGE", "nb")).push().language()).as("the emails' language, unless told").isEqualTo("nb");
  }

  @Test
  void waitingQuestions_goToOwnersAfterADay_checkedEveryMinute_andCanBeTurnedOff() {
    assertThat(Config.fromEnv(Map.of()).waitingQuestions()).isEqualTo(new Config.WaitingQuestions(1440, 60_000));
    assertThat(Config.fromEnv(Map.of("DELING_QUESTION_WAIT_MINUTES", "Off")).waitingQuestions().afterMinutes()).isEqualTo(-1);
    assertThat(Config.fromEnv(Map.of("DELING_QUESTION_WAIT_MINUTES", "0", "DELING_QUESTION_WAIT_SWEEP_MS", "10")).waitingQuestions())
        .isEqualTo(new Config.WaitingQuestions(0, 50));
    assertThatThrownBy(() -> Config.fromEnv(Map.of("DELING_QUESTION_WAIT_MINUTES", "-5"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DELING_QUESTION_WAIT_MINUTES must be minutes from 0 to 43200, or off, was '-5'");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("DELING_QUESTION_WAIT_MINUTES", "50000"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DELING_QUESTION_WAIT_MINUTES must be from 0 to 43200, was '50000'");
  }

  @Test
  void linkPreviews_areOnByDefault_forThePublicInternetOnly_unlessHostsInsideAreListed() {
    Config.Previews byDefault = Config.fromEnv(Map.of()).previews();
    assertThat(byDefault.enabled()).isTrue();
    assertThat(byDefault.internalHosts()).isEmpty();
    Config.Previews listed = Config.fromEnv(Map.of("DELING_LINK_PREVIEW_HOSTS", " Wiki.Example.org, *.intranet.example.org,,10.0.0.7 ")).previews();
    assertThat(listed.internalHosts()).containsExactly("wiki.example.org", "*.intranet.example.org", "10.0.0.7");
    assertThat(Config.fromEnv(Map.of("DELING_LINK_PREVIEWS", "false")).previews().enabled()).isFalse();
  }
}
