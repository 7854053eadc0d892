package dev.tripline.kjar.command;

import dev.tripline.model.RuleInfo;
import dev.tripline.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** A rule's metadata on the wire: its name and its {@code @id}, {@code @title}, {@code @level}, {@code @tags}, {@code @falsepositives}. */
public final class RemoteRule {
    private String name;
    private String id;
    private String title;
    private String level;
    private ArrayList<String> tags = new ArrayList<>();
    private ArrayList<String> falsePositives = new ArrayList<>();

    public RemoteRule() {}

    static RemoteRule of(RuleInfo r) {
        RemoteRule w = new RemoteRule();
        w.name = r.name();
        w.id = r.id();
        w.title = r.title();
        w.level = r.level().label();
        w.tags = new ArrayList<>(r.tags());
        w.falsePositives = new ArrayList<>(r.falsePositives());
        return w;
    }

    /** The rule as Tripline's model has it. */
    public RuleInfo toRuleInfo() {
        Severity l = Severity.parse(level).orElseThrow(() -> new IllegalArgumentException("unknown rule level: " + level));
        return new RuleInfo(name, id, title, l, tags == null ? List.of() : tags, falsePositives == null ? List.of() : falsePositives);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getLevel() { return level; }
    public void setLevel(String level) { this.level = level; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags == null ? null : new ArrayList<>(tags); }
    public List<String> getFalsePositives() { return falsePositives; }
    public void setFalsePositives(List<String> v) { this.falsePositives = v == null ? null : new ArrayList<>(v); }
}
