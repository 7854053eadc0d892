package dev.tripline.sigma;

import java.util.List;

/** Cross-fires judged legitimate: filled in after review (see the comments). */
final class KnownCrossFires {
    private KnownCrossFires() {}

    static final List<String> EXPECTED = List.of();
}
