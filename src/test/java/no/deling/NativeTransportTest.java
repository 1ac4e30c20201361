package no.deling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.vertx.core.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The server's sockets run on io_uring where the kernel allows it, else epoll (Linux; the jar
 * carries both for x86-64): the jar must carry them, and {@code DELING_TRANSPORT} must pick them.
 */
class NativeTransportTest {
  static {
    // as in the server, NetworkTransport loads before anything asks whether io_uring is available
    NetworkTransport.parse("auto");
  }

  @Test
  void theCompletionQueueSizeAndOneAcceptPerConnectionAreOurs_unlessGiven() {
    Properties none = new Properties();
    NetworkTransport.tuneIoUring(none);
    assertThat(none.getProperty("io.netty.iouring.cqSize")).isEqualTo("32768");
    assertThat(none.getProperty("io.netty.iouring.acceptMultiShotEnabled")).isEqualTo("false");
    Properties given = new Properties();
    given.setProperty("io.netty.iouring.cqSize", "8192");
    given.setProperty("io.netty.iouring.acceptMultiShotEnabled", "true");
    NetworkTransport.tuneIoUring(given);
    assertThat(given.getProperty("io.netty.iouring.cqSize")).isEqualTo("8192");
    assertThat(given.getProperty("io.netty.iouring.acceptMultiShotEnabled")).isEqualTo("true");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void netty_acceptsOneConnectionAtATime() {
    assumeTrue(Transport.IO_URING.available(), "io_uring unavailable here");
    assertThat(io.netty.channel.uring.IoUring.isAcceptMultishotEnabled()).as("what Netty read from our setting").isFalse();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theEventLoopsRingsHaveTheLargerCompletionQueue() {
    assumeTrue(Transport.IO_URING.available(), "io_uring unavailable here");
    int entries = new IoUringIoHandlerConfig().getCqSize(); // what Netty gives each ring it makes
    assumeTrue(entries != -1, "this kernel cannot size the completion queue apart");
    assertThat(entries).as("Netty read its size before NetworkTransport set ours").isEqualTo(Integer.getInteger("io.netty.iouring.cqSize"))
        .isGreaterThanOrEqualTo(32_768);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void autoPicksIoUringWhereTheKernelAllowsItElseEpoll() {
    assertThat(Transport.EPOLL.available()).as("epoll unavailable: %s", Transport.EPOLL.unavailabilityCause()).isTrue();
    Transport expected = Transport.IO_URING.available() ? Transport.IO_URING : Transport.EPOLL;
    assertThat(NetworkTransport.candidates("auto").get(0)).isSameAs(expected);
    assertThat(NetworkTransport.candidates(null).get(0)).isSameAs(expected);
    assertThat(NetworkTransport.candidates(" ").get(0)).isSameAs(expected);
    assertRunsOn("auto", expected);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void eachTransportCanBeAskedForByName() {
    assertRunsOn("EPOLL", Transport.EPOLL);
    assertRunsOn("nio", Transport.NIO);
    if (Transport.IO_URING.available()) assertRunsOn("io_uring", Transport.IO_URING);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theServersSocketsAnswerOnIoUring() throws Exception {
    // a kernel or seccomp profile without io_uring: auto is epoll, tested above
    assumeTrue(Transport.IO_URING.available(), "io_uring unavailable here");
    Vertx vertx = NetworkTransport.vertx("io_uring");
    try {
      int port = vertx.createHttpServer().requestHandler(r -> r.response().end("ok")).listen(0, "127.0.0.1").await().actualPort();
      var client = java.net.http.HttpClient.newHttpClient();
      var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("ok");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void autoGoesOnToTheNextTransportWhenOneCannotStart_anExplicitChoiceFails() {
    List<Transport> candidates = NetworkTransport.candidates("auto");
    assertThat(candidates).endsWith(Transport.NIO).contains(Transport.EPOLL);
    Transport first = candidates.get(0);
    Function<Transport, Vertx> refusingTheFirst = t -> {
      if (t == first) throw new IllegalStateException("no ring for you");
      return Vertx.builder().withTransport(t).build();
    };
    Vertx vertx = NetworkTransport.vertx("auto", refusingTheFirst);
    try {
      assertThat(((VertxInternal) vertx).transport()).isSameAs(candidates.get(1).implementation());
    } finally {
      vertx.close().await();
    }
    String explicit = first == Transport.IO_URING ? "io_uring" : "epoll";
    assertThatThrownBy(() -> NetworkTransport.vertx(explicit, refusingTheFirst)).hasMessage("no ring for you");
  }

  @Test
  void anUnknownTransportIsAConfigurationErrorNamingTheVariable() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("DELING_TRANSPORT", "kqueue2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DELING_TRANSPORT")
        .hasMessageContaining("io_uring")
        .hasMessageContaining("kqueue2");
    assertThat(Config.fromEnv(Map.of()).transport()).isEqualTo("auto");
    assertThat(Config.fromEnv(Map.of("DELING_TRANSPORT", " Epoll ")).transport()).isEqualTo("epoll");
  }

  private static void assertRunsOn(String setting, Transport expected) {
    Vertx vertx = NetworkTransport.vertx(setting);
    try {
      assertThat(((VertxInternal) vertx).transport()).isSameAs(expected.implementation());
    } finally {
      vertx.close().await();
    }
  }
}
