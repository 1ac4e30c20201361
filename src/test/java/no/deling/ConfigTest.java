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
  })
  void aValueThatCannotWork_isRefusedAtStart_namingTheVariableAndTheRule(String key, String value, String message) {
    assertThatThrownBy(() -> Config.fromEnv(Map.of(key, value))).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
