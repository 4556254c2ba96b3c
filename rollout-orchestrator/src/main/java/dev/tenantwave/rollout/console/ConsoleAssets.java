package dev.tenantwave.rollout.console;

import dev.tenantwave.service.security.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the console's pages and ES modules (classpath {@code console/}) and uPlot from its WebJar, behind the same
 * Basic authentication as the API: an unauthenticated browser gets a 401 with {@code WWW-Authenticate: Basic} and
 * asks for a login, then sends it with every same-origin request, the event stream included.
 */
@Controller("/console")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleAssets {

  private static final Pattern FILE = Pattern.compile("[a-z][a-z0-9-]*\\.(html|js|css)");
  private static final Map<String, String> VENDOR = Map.of("uPlot.esm.js", "dist/uPlot.esm.js",
      "uPlot.min.css", "dist/uPlot.min.css");
  private static final String UPLOT = "META-INF/resources/webjars/uplot/" + webJarVersion("uplot") + "/";

  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** {@code /console} and {@code /console/} alike; the page's {@code <base href="/console/">} resolves its modules. */
  @Get
  public HttpResponse<byte[]> index() {
    return serve("console/index.html", "index.html");
  }

  @Get("/{file}")
  public HttpResponse<byte[]> file(@PathVariable String file) {
    return FILE.matcher(file).matches() ? serve("console/" + file, file) : HttpResponse.notFound();
  }

  @Get("/vendor/{file}")
  public HttpResponse<byte[]> vendor(@PathVariable String file) {
    String path = VENDOR.get(file);
    return path == null ? HttpResponse.notFound() : serve(UPLOT + path, file);
  }

  private HttpResponse<byte[]> serve(String resource, String name) {
    byte[] body = cache.computeIfAbsent(resource, ConsoleAssets::read);
    if (body.length == 0) {
      return HttpResponse.notFound();
    }
    return HttpResponse.ok(body).contentType(contentType(name)).header("Cache-Control", "no-cache");
  }

  private static MediaType contentType(String name) {
    if (name.endsWith(".js")) {
      return MediaType.of("text/javascript;charset=utf-8");
    }
    return name.endsWith(".css") ? MediaType.of("text/css;charset=utf-8") : MediaType.TEXT_HTML_TYPE;
  }

  private static byte[] read(String resource) {
    try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version of an npm WebJar on the classpath, from the pom.properties every WebJar carries. */
  static String webJarVersion(String name) {
    String resource = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
    try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the " + name + " WebJar is not on the classpath (" + resource + ")");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
