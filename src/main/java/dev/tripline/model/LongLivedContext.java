package dev.tripline.model;

/**
 * Context a rule derived that lives for the rest of its session, with no {@code @expires}: what the logs taught
 * about an account ("a service identity from then on"). An engine that rebuilds sessions from the facts it
 * retained (the Flink job) must keep the facts that taught such context for as long as the session would have
 * lived, not only for the events' own lifetimes; this marker is how it recognises them.
 */
public interface LongLivedContext {
}
