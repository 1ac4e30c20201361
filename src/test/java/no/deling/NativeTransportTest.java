package no.deling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The server runs on Netty's epoll transport on Linux: the jar must carry it, and Main must ask for it. */
class NativeTransportTest {
  @Test
  @EnabledOnOs(OS.LINUX)
  void theServerRunsOnEpollOnLinux() {
    Vertx vertx = Vertx.vertx(Main.vertxOptions());
    try {
      assertTrue(vertx.isNativeTransportEnabled(), "epoll unavailable: " + vertx.unavailableNativeTransportCause());
    } finally {
      vertx.close().await();
    }
  }
}
