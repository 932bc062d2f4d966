package cn.changai.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol with the JDK's own HTTP and WebSocket
 * client: one browser process with a fresh profile, one page, bounded waits everywhere, and the
 * process tree killed by id on close.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final List<String> output = new CopyOnWriteArrayList<>();

  static boolean isAvailable() {
    return Files.isExecutable(BINARY);
  }

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts Chromium and connects to its first page. */
  static HeadlessChromium start() throws Exception {
    Path profile = Files.createTempDirectory("changai-chromium-");
    ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
        "about:blank");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          seen.add(line);
          lines.add(line);
        }
      } catch (IOException e) {
        // The process went away: nothing more to read.
      }
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    try {
      String endpoint = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (endpoint == null && System.nanoTime() < deadline) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null && line.contains("DevTools listening on ws://")) {
          endpoint = line.substring(line.indexOf("ws://"));
        }
        if (!process.isAlive() && lines.isEmpty()) {
          break;
        }
      }
      if (endpoint == null) {
        throw new IllegalStateException("Chromium did not open its DevTools port; it said: " + String.join("\n", seen));
      }
      URI browser = URI.create(endpoint);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
      String pageSocket = null;
      for (JsonNode target : JSON.readTree(list)) {
        if ("page".equals(target.path("type").asText())) {
          pageSocket = target.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (pageSocket == null) {
        throw new IllegalStateException("Chromium has no page target: " + list);
      }
      HeadlessChromium[] self = new HeadlessChromium[1];
      Listener listener = new Listener(self);
      WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(URI.create(pageSocket), listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      self[0] = new HeadlessChromium(process, profile, socket);
      self[0].output.addAll(seen);
      return self[0];
    } catch (Exception e) {
      kill(process);
      deleteTree(profile);
      throw e;
    }
  }

  /** Sends one command and waits for its result; a protocol error becomes an exception. */
  /** A browser with the page, DOM, CSS, runtime and log domains on, as the page tests use it. */
  static HeadlessChromium startForPages() throws Exception {
    HeadlessChromium chromium = start();
    for (String domain : List.of("Runtime", "Log", "Page", "DOM", "CSS")) {
      chromium.call(domain + ".enable");
    }
    return chromium;
  }

  /** Console errors, uncaught exceptions and error log entries since the last page was opened. */
  List<String> errors() {
    List<String> errors = new java.util.ArrayList<>();
    for (JsonNode event : events()) {
      String method = event.path("method").asText();
      JsonNode params = event.path("params");
      if (method.equals("Runtime.exceptionThrown")
          || (method.equals("Runtime.consoleAPICalled") && List.of("error", "assert").contains(params.path("type").asText()))
          || (method.equals("Log.entryAdded") && params.path("entry").path("level").asText().equals("error"))) {
        errors.add(event.toString());
      }
    }
    return errors;
  }

  JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode reply = result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  JsonNode call(String method) throws Exception {
    return call(method, Map.of());
  }

  /** Events received since the last {@link #clearEvents}. */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  void clearEvents() {
    events.clear();
  }

  /** Waits until an event of the method has arrived. */
  JsonNode awaitEvent(String method) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode event : events) {
        if (method.equals(event.path("method").asText())) {
          return event;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no " + method + " within " + WAIT);
  }

  /** Opens a URL at the given viewport and waits for its load event and its fonts. */
  void open(String url, int width, int height, boolean mobile) throws Exception {
    call("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    clearEvents();
    call("Page.navigate", Map.of("url", url));
    awaitEvent("Page.loadEventFired");
    evaluate("document.fonts.ready.then(() => true)");
  }

  /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate",
        Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Saves a screenshot of the whole page (up to 8,000 px tall) as PNG. */
  void screenshot(Path file, int width) throws Exception {
    JsonNode metrics = call("Page.getLayoutMetrics");
    double height = Math.min(8000, metrics.path("cssContentSize").path("height").asDouble(900));
    JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  /** The families of the platform fonts that drew the first element matching the selector. */
  List<String> platformFonts(String selector) throws Exception {
    JsonNode document = call("DOM.getDocument", Map.of("depth", 0));
    int root = document.path("root").path("nodeId").asInt();
    int node = call("DOM.querySelector", Map.of("nodeId", root, "selector", selector)).path("nodeId").asInt();
    if (node == 0) {
      throw new IllegalStateException("no element matches " + selector);
    }
    List<String> families = new ArrayList<>();
    for (JsonNode font : call("CSS.getPlatformFontsForNode", Map.of("nodeId", node)).path("fonts")) {
      if (font.path("glyphCount").asInt() > 0) {
        families.add(font.path("familyName").asText());
      }
    }
    return families;
  }

  @Override
  public void close() {
    try {
      socket.abort();
    } finally {
      kill(process);
      deleteTree(profile);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp profile left behind is harmless.
    }
  }

  private void dispatch(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> future = pending.remove(message.get("id").asInt());
        if (future != null) {
          future.complete(message);
        }
      } else {
        events.add(message);
      }
    } catch (IOException e) {
      events.add(JSON.createObjectNode().put("method", "unparsable").put("text", text));
    }
  }

  /** Collects text frames into messages and hands them to the browser object. */
  private static final class Listener implements WebSocket.Listener {
    private final HeadlessChromium[] owner;
    private final StringBuilder buffer = new StringBuilder();
    private final List<String> early = new ArrayList<>();

    Listener(HeadlessChromium[] owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        if (owner[0] == null) {
          early.add(text);
        } else {
          early.forEach(owner[0]::dispatch);
          early.clear();
          owner[0].dispatch(text);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
