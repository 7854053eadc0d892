package dev.tripline.kieserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** KIE Server 7.74.1 (Drools extension only) in one JVM; configuration in application.properties and SecurityConfig. */
@SpringBootApplication
public class TestKieServer {
    public static void main(String[] args) {
        SpringApplication.run(TestKieServer.class, args);
    }
}
