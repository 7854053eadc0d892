package dev.tripline.kie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tripline.kie.KieServerException.Problem;
import dev.tripline.kjar.command.RemoteAlert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * KIE Server's REST API (7.x) as far as Tripline uses it, in JSON: server info, a container's status, deploying a
 * container by Maven coordinates, and running a batch of commands in a container. Every failure is a
 * {@link KieServerException} naming what went wrong.
 */
public final class KieServerClient {
    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param base the server's REST root, e.g. {@code http://127.0.0.1:8080/rest/server} (a trailing slash is fine)
     * @param user HTTP Basic user; with {@code password} null, no credentials are sent
     */
    public KieServerClient(URI base, String user, String password, Duration timeout) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.authorization = user == null || password == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI base() { return base; }

    /** {@code GET /}: the server's id and version; proves the URL and the credentials. */
    public JsonNode serverInfo() {
        return result(send(request("").GET(), "the server"), "the server");
    }

    /** {@code GET /containers/{id}}: the container, which must exist and be STARTED. */
    public JsonNode container(String id) {
        JsonNode answer = send(request("/containers/" + id).GET(), "container " + id);
        if (isFailure(answer)) throw new KieServerException(Problem.NO_CONTAINER, "KIE Server " + base + " has no container " + id + ": " + answer.path("msg").asText());
        JsonNode c = answer.path("result").path("kie-container");
        if (!"STARTED".equals(c.path("status").asText())) {
            throw new KieServerException(Problem.NO_CONTAINER, "container " + id + " on " + base + " is " + c.path("status").asText("not started"));
        }
        return c;
    }

    /** {@code PUT /containers/{id}}: creates the container from the KJAR's coordinates (the server resolves them from its Maven repositories). */
    public JsonNode deploy(String id, String groupId, String artifactId, String version) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("container-id", id);
        ObjectNode release = body.putObject("release-id");
        release.put("group-id", groupId);
        release.put("artifact-id", artifactId);
        release.put("version", version);
        JsonNode answer = send(request("/containers/" + id).PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)), "container " + id);
        if (isFailure(answer)) throw new KieServerException(Problem.SERVER_ERROR, "deploying container " + id + " failed: " + answer.path("msg").asText());
        return answer.path("result").path("kie-container");
    }

    /**
     * {@code POST /containers/instances/{id}}: runs {@code batch} ({@code {"lookup":…,"commands":[…]}}) and returns its
     * execution results ({@code {"results":[{"key","value"}…],"facts":[…]}}).
     */
    public JsonNode execute(String containerId, ObjectNode batch) {
        JsonNode answer = send(request("/containers/instances/" + containerId)
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString(), StandardCharsets.UTF_8)), "container " + containerId);
        if (isFailure(answer)) {
            String msg = answer.path("msg").asText();
            if (msg.contains("is not instantiated")) {
                throw new KieServerException(Problem.NO_CONTAINER, "KIE Server " + base + " has no container " + containerId + ": " + msg);
            }
            throw new KieServerException(Problem.SERVER_ERROR, "container " + containerId + " failed to run the batch: " + msg);
        }
        return answer.path("result").path("execution-results");
    }

    /** The alerts a {@code TakeAlerts} command returned under {@code key}, in the order the server made them. */
    public static List<RemoteAlert> alerts(JsonNode executionResults, String key) {
        for (JsonNode r : executionResults.path("results")) {
            if (!key.equals(r.path("key").asText())) continue;
            List<RemoteAlert> out = new ArrayList<>();
            for (JsonNode item : r.path("value")) {
                try {
                    out.add(MAPPER.treeToValue(unwrap(item, RemoteAlert.class.getName()), RemoteAlert.class));
                } catch (JsonProcessingException e) {
                    throw new KieServerException(Problem.PROTOCOL, "an alert in the server's answer cannot be read: " + e.getOriginalMessage(), e);
                }
            }
            return out;
        }
        throw new KieServerException(Problem.PROTOCOL, "the server's answer has no result " + key);
    }

    /** KIE Server's JSON marshaller wraps objects of KJAR classes as {@code {"fq.Class":{…}}}. */
    static JsonNode unwrap(JsonNode item, String className) {
        if (item.size() == 1) {
            Iterator<Map.Entry<String, JsonNode>> it = item.fields();
            Map.Entry<String, JsonNode> only = it.next();
            if (only.getKey().equals(className)) return only.getValue();
        }
        return item;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").header("Content-Type", "application/json");
        if (authorization != null) b.header("Authorization", authorization);
        return b;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                    : e instanceof java.net.http.HttpTimeoutException ? "no answer within " + timeout
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new KieServerException(Problem.UNREACHABLE, "cannot reach KIE Server " + base + ": " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KieServerException(Problem.UNREACHABLE, "interrupted while calling KIE Server " + base, e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new KieServerException(Problem.UNAUTHORIZED, "KIE Server " + base + " refused the credentials (HTTP " + status
                    + "): check --kie-user and TRIPLINE_KIE_PASSWORD, and that the user has the role kie-server");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.has("type")) {
            if (status == 404) throw new KieServerException(Problem.PROTOCOL, "no KIE Server REST API at " + base + " (HTTP 404 for " + what + ")");
            throw new KieServerException(Problem.PROTOCOL, "unexpected answer from " + base + " for " + what + " (HTTP " + status + ")");
        }
        return body;
    }

    private static boolean isFailure(JsonNode answer) { return !"SUCCESS".equals(answer.path("type").asText()); }

    private static JsonNode result(JsonNode answer, String what) {
        if (isFailure(answer)) throw new KieServerException(Problem.SERVER_ERROR, what + ": " + answer.path("msg").asText());
        return answer.path("result");
    }
}
