package dev.tenantwave.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens validated against a JWKS served over HTTP, roles from a configured claim, next to HTTP Basic: a
 * locally generated RSA key signs the tokens, as an identity provider's would.
 */
class BearerTokenTest {

  static final String ENV = "bearer-token-test";
  static RSAKey signingKey;
  static HttpServer jwks;
  static EmbeddedServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @Controller("/api/v1/levers")
  @Requires(env = ENV)
  static class LeverController {
    @Get
    @Secured(Role.OPERATOR_NAME)
    Map<String, String> pull() {
      return Map.of("pulled", "yes");
    }
  }

  @BeforeAll
  static void start() throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
    jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext("/jwks.json", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    jwks.start();
    server = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "micronaut.server.port", -1,
        "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/none",
        "datasources.default.username", "nobody", "datasources.default.password", "unused",
        "flyway.datasources.default.enabled", false,
        "micronaut.security.token.jwt.signatures.jwks.tenantwave.url",
        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json",
        "micronaut.security.token.roles-name", "tenantwave.roles",
        "tenantwave.security.users", "operator=olga:o-pw"), ENV);
  }

  @AfterAll
  static void stop() {
    server.close();
    jwks.stop(0);
  }

  @Test
  void shouldAcceptAValidTokenWhoseClaimGrantsTheRole() throws Exception {
    assertThat(call(token(signingKey, List.of("operator"), Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
    assertThat(call(token(signingKey, List.of("admin"), Duration.ofMinutes(5))).statusCode())
        .as("admin includes operator").isEqualTo(200);
  }

  @Test
  void shouldForbidAValidTokenWithoutTheRole() throws Exception {
    assertThat(call(token(signingKey, List.of("viewer"), Duration.ofMinutes(5))).statusCode()).isEqualTo(403);
    assertThat(call(token(signingKey, List.of("superhero"), Duration.ofMinutes(5))).statusCode()).isEqualTo(403);
  }

  @Test
  void shouldRefuseAnExpiredToken() throws Exception {
    assertThat(call(token(signingKey, List.of("admin"), Duration.ofMinutes(-5))).statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRefuseATokenSignedByAnotherKey() throws Exception {
    RSAKey impostor = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
    assertThat(call(token(impostor, List.of("admin"), Duration.ofMinutes(5))).statusCode()).isEqualTo(401);
    assertThat(call("not.a.token").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldStillAcceptHttpBasic() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri()).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("olga:o-pw".getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> call(String token) throws Exception {
    return http.send(HttpRequest.newBuilder(uri()).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri() {
    return URI.create("http://localhost:" + server.getPort() + "/api/v1/levers");
  }

  private static String token(RSAKey key, List<String> roles, Duration expiresIn) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("release-bot").issuer("https://idp.example")
        .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.plus(expiresIn)))
        .claim("tenantwave", Map.of("roles", roles)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
        .type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
