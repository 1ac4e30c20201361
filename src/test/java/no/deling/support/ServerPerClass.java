package no.deling.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test server for a whole test class, on a temporary data directory removed afterwards, closed
 * after the class's last test with every check {@link TestServer#close} makes. Registered as
 * {@code @RegisterExtension static final ServerPerClass SERVER = ServerPerClass.withoutWriteLimit();}
 * it fills the class's static {@link TestServer} field before the first test.
 */
public final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> env;
  private TestServer server;

  private ServerPerClass(Map<String, String> env) {
    this.env = env;
  }

  /** Tests write faster than a person may: the per-person write limit is off. */
  public static ServerPerClass withoutWriteLimit() {
    return with(Map.of());
  }

  /** The server's own defaults, per-person write limits included. */
  public static ServerPerClass asShipped() {
    return new ServerPerClass(Map.of());
  }

  /** As {@link #withoutWriteLimit}, with these settings too. */
  public static ServerPerClass with(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(settings);
    env.putIfAbsent("DELING_WRITE_RATE", "0");
    return new ServerPerClass(Map.copyOf(env));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = TestServer.startInTempDir("deling-" + context.getRequiredTestClass().getSimpleName(), env);
    for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
      if (f.getType() == TestServer.class && Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        f.set(null, server);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }
}
