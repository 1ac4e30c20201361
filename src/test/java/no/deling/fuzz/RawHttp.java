package no.deling.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One raw HTTP exchange over its own connection, so a fuzzer can send what no client library would. */
final class RawHttp {
  /** What came back: the status (0 when the server closed without answering), the content type, the body. */
  record Answer(int status, String contentType, String body) {}

  private RawHttp() {}

  static Answer exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedEarly) {
        // the server may answer and close before it read everything (a 413, a 415): read what it said
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) got.write(buffer, 0, n);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer and no close within 10 s; got: " + got.toString(StandardCharsets.ISO_8859_1));
      } catch (IOException reset) {
        // a reset after the answer is fine; an empty answer is reported as status 0
      }
      String text = got.toString(StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.")) return new Answer(0, null, text);
      int status = Integer.parseInt(text.substring(9, 12));
      String contentType = null;
      int headersEnd = text.indexOf("\r\n\r\n");
      for (String line : text.substring(0, headersEnd < 0 ? text.length() : headersEnd).split("\r\n")) {
        if (line.toLowerCase().startsWith("content-type:")) contentType = line.substring(13).trim();
      }
      return new Answer(status, contentType, headersEnd < 0 ? "" : text.substring(headersEnd + 4));
    }
  }

  static byte[] request(String method, String path, String token, String contentType, byte[] body) {
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    if (token != null) head.append("Authorization: Bearer ").append(token).append("\r\n");
    if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
    if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (body == null) return h;
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}
