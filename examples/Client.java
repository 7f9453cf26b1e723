// A yingsu client in one file of plain Java 17 (java.net.http.HttpClient; no Maven, no libraries).
//
//   java examples/Client.java http://127.0.0.1:8000 examples/xianzhou-government-sued.json
//   java examples/Client.java URL CASE.json --expect-unit 区住房和城乡建设局 --expect-deadline answer=2026-10-13
//
// Posts the case to POST /v1/evaluate and prints the undertaking units, the appearance level,
// every deadline and the provenance. With --expect-… it checks the Decision and exits 1 when
// it differs (2 for a problem answer or a transport error), so a build can run it as a test.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class Client {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java Client.java URL CASE.json [--expect-unit NAME] [--expect-deadline ID=YYYY-MM-DD]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        String body = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/evaluate"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Object parsed = new Json(response.body()).value();
        if (response.statusCode() != 200) {  // an RFC 9457 problem: code, detail, and the fields
            Map<?, ?> problem = (Map<?, ?>) parsed;
            System.err.println("HTTP " + response.statusCode() + " " + problem.get("code") + ": " + problem.get("detail"));
            System.exit(2);
        }
        Map<?, ?> decision = (Map<?, ?>) parsed;
        Map<?, ?> undertaking = (Map<?, ?>) decision.get("undertaking");
        List<String> unitNames = new ArrayList<>();
        for (Object u : (List<?>) undertaking.get("units")) {
            Map<?, ?> unit = (Map<?, ?>) u;
            unitNames.add((String) unit.get("name"));
            System.out.println("unit\t" + unit.get("name") + "\t" + unit.get("role") + "\t" + unit.get("duty") + "\t" + unit.get("scope"));
        }
        System.out.println("appearance\t" + ((Map<?, ?>) decision.get("appearance")).get("level"));
        Map<String, String> due = new LinkedHashMap<>();
        for (Object d : (List<?>) decision.get("deadlines")) {
            Map<?, ?> deadline = (Map<?, ?>) d;
            due.put((String) deadline.get("id"), (String) deadline.get("due"));
            Map<?, ?> basis = (Map<?, ?>) deadline.get("basis");
            System.out.println("deadline\t" + deadline.get("id") + "\t" + deadline.get("due") + "\t" + basis.get("article"));
        }
        Map<?, ?> provenance = (Map<?, ?>) decision.get("provenance");
        System.out.println("provenance\tyingsu " + provenance.get("yingsu") + "\truleset sha256:"
                + ((Map<?, ?>) provenance.get("ruleset")).get("sha256") + "\theader " + response.headers().firstValue("Yingsu-Ruleset").orElse("-"));

        int failures = 0;
        for (int i = 2; i + 1 < args.length; i += 2) {
            if (args[i].equals("--expect-unit") && !unitNames.contains(args[i + 1])) {
                System.err.println("expected undertaking unit " + args[i + 1] + ", got " + unitNames);
                failures++;
            } else if (args[i].equals("--expect-deadline")) {
                String[] kv = args[i + 1].split("=", 2);
                if (!kv[1].equals(due.get(kv[0]))) {
                    System.err.println("expected deadline " + kv[0] + " due " + kv[1] + ", got " + due.get(kv[0]));
                    failures++;
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** A small JSON reader: objects as maps, arrays as lists, numbers as doubles. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(start, i));
        }

        private Map<String, Object> object() {
            Map<String, Object> out = new LinkedHashMap<>();
            i++;
            skip();
            if (s.charAt(i) == '}') { i++; return out; }
            while (true) {
                skip();
                String key = string();
                skip();
                i++;  // ':'
                out.put(key, value());
                skip();
                if (s.charAt(i++) == '}') return out;  // else ','
            }
        }

        private List<Object> array() {
            List<Object> out = new ArrayList<>();
            i++;
            skip();
            if (s.charAt(i) == ']') { i++; return out; }
            while (true) {
                out.add(value());
                skip();
                if (s.charAt(i++) == ']') return out;  // else ','
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;  // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> b.append(e);
                }
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }
}
