package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.cli.FatalError;
import io.codis.common.testkit.TempDirs;
import io.codis.fe.assets.Assets;
import io.codis.fe.discovery.DashboardSource;
import io.codis.fe.login.LoginGuard;
import io.codis.fe.login.Users;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** {@code --users=FILE}: a login in front of the console, /list and the forwarded API; off, the fe is the original. */
class LoginTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static Path coordinator;
    private static RealDashboard demo;
    private static EchoUpstream echo;
    private static DashboardSource source;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws InterruptedException {
        coordinator = TempDirs.create("fe-login-");
        demo = RealDashboard.start("filesystem", coordinator.toString(), "codis-demo");
        echo = new EchoUpstream();
        source = () -> Map.of("codis-demo", demo.adminAddr(), "codis-echo", echo.addr());
    }

    @AfterAll
    static void stop() {
        echo.close();
        demo.close();
        TempDirs.delete(coordinator);
    }

    private Users users() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "# operators\n\nalice:" + BCrypt.hashpw("s3cret", BCrypt.gensalt(4))
                + "\nbob:" + BCrypt.hashpw("other", BCrypt.gensalt(4)).replace("$2a$", "$2y$") + "\n");
        return Users.load(file);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutUsersThereIsNoLogin() {
        try (FeUnderTest fe = FeUnderTest.start(source)) {
            assertThat(fe.get("/list").statusCode()).isEqualTo(200);
            assertThat(fe.get("/login").statusCode()).as("an unknown path, as in the original").isEqualTo(403);
            assertThat(fe.get("/topom?forward=codis-demo").statusCode()).isEqualTo(200);
            assertThat(fe.get("/x?forward=codis-echo", "Cookie", "a=b").body()).contains("cookie: a=b\n");
        }
    }

    @Test
    void aSessionOpensTheConsoleListAndForwardedApi() throws IOException {
        try (FeUnderTest fe = FeUnderTest.start(source, Duration.ofSeconds(5), Assets.builtIn(), new LoginGuard(users()))) {
            HttpResponse<String> page = fe.get("/");
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValue("/login");
            for (String path : new String[] {"/list", "/topom?forward=codis-demo", "/js/main.js"}) {
                HttpResponse<String> refused = fe.get(path);
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(refused.body()).as(path).isEqualTo("login required\n");
            }
            assertThat(fe.put("/api/topom/group/create/" + demo.xauth() + "/3?forward=codis-demo").statusCode()).isEqualTo(401);

            HttpResponse<String> form = fe.get("/login");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("id=\"login-form\"", "id=\"login-user\"", "id=\"login-password\"");

            HttpResponse<String> wrong = fe.send("POST", "/login", "user=alice&password=wrong", "Content-Type", FORM);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("Wrong user or password.");
            assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(fe.send("POST", "/login", "user=nobody&password=s3cret", "Content-Type", FORM).statusCode()).isEqualTo(401);

            HttpResponse<String> login = fe.send("POST", "/login", "user=alice&password=s3cret", "Content-Type", FORM);
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Location")).hasValue("/");
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).startsWith(LoginGuard.COOKIE + "=").contains("HttpOnly", "SameSite=Strict");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));

            assertThat(fe.get("/", "Cookie", cookie).body()).contains("id=\"codis-console\"");
            assertThat(fe.get("/list", "Cookie", cookie).body()).contains("\"codis-demo\"");
            assertThat(fe.get("/topom?forward=codis-demo", "Cookie", cookie).statusCode()).isEqualTo(200);
            assertThat(fe.put("/api/topom/group/create/" + demo.xauth() + "/3?forward=codis-demo", "Cookie", cookie)
                    .statusCode()).isEqualTo(200);
            String echoed = fe.get("/x?forward=codis-echo", "Cookie", cookie, "X-Other", "1").body();
            assertThat(echoed).as("the fe's credentials stay with the fe").contains("x-other: 1").doesNotContain("cookie", LoginGuard.COOKIE);

            HttpResponse<String> logout = fe.send("POST", "/logout", "", "Cookie", cookie);
            assertThat(logout.statusCode()).isEqualTo(303);
            assertThat(logout.headers().firstValue("Location")).hasValue("/login");
            assertThat(fe.get("/list", "Cookie", cookie).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void scriptsMaySendBasicCredentials() throws IOException {
        try (FeUnderTest fe = FeUnderTest.start(source, Duration.ofSeconds(5), Assets.builtIn(), new LoginGuard(users()))) {
            assertThat(fe.get("/list", "Authorization", basic("bob", "other")).statusCode()).isEqualTo(200);
            assertThat(fe.get("/list", "Authorization", basic("bob", "other")).statusCode()).as("remembered").isEqualTo(200);
            assertThat(fe.get("/list", "Authorization", basic("bob", "s3cret")).statusCode()).isEqualTo(401);
            assertThat(fe.get("/list", "Authorization", "Basic !!!").statusCode()).isEqualTo(401);
            String echoed = fe.get("/x?forward=codis-echo", "Authorization", basic("alice", "s3cret")).body();
            assertThat(echoed).contains("method=GET").doesNotContain("authorization");
        }
    }

    @Test
    void aBadUsersFileIsRefusedNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad-users"), "alice:" + BCrypt.hashpw("x", BCrypt.gensalt(4)) + "\nbob:plaintext\n");
        assertThatThrownBy(() -> Users.load(file)).isInstanceOf(FatalError.class)
                .hasMessage("load users from " + file + " failed, line 2: want user:bcrypt-hash");
        Path empty = Files.writeString(dir.resolve("empty-users"), "# nobody\n");
        assertThatThrownBy(() -> Users.load(empty)).isInstanceOf(FatalError.class)
                .hasMessage("load users from " + empty + " failed, no user in it");
        assertThatThrownBy(() -> Users.load(dir.resolve("missing"))).isInstanceOf(FatalError.class)
                .hasMessageStartingWith("load users from " + dir.resolve("missing") + " failed, ");
    }
}
