package dev.tripline.kieserver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic on every path, one in-memory user with KIE Server's role {@code kie-server}. The user comes from the
 * property {@code tripline.kie.user}, the password from {@code tripline.kie.password} (the test passes it in the
 * environment as TRIPLINE_KIE_PASSWORD, never on the command line).
 */
@Configuration("kieServerSecurity") // the name replaces the starter's DefaultWebSecurityConfig (and its built-in user)
@EnableWebSecurity
public class SecurityConfig extends WebSecurityConfigurerAdapter {
    @Value("${tripline.kie.user}") String user;
    @Value("${tripline.kie.password}") String password;

    @Override protected void configure(HttpSecurity http) throws Exception {
        http.csrf().disable()
                .authorizeRequests().anyRequest().authenticated()
                .and().httpBasic();
    }

    @Override protected void configure(AuthenticationManagerBuilder auth) throws Exception {
        PasswordEncoder encoder = passwordEncoder();
        auth.inMemoryAuthentication().passwordEncoder(encoder)
                .withUser(user).password(encoder.encode(password)).roles("kie-server");
    }

    @Bean public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
