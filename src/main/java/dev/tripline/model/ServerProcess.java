package dev.tripline.model;

/** A parent image (file-name pattern such as {@code w3wp.exe} or {@code tomcat*.exe}) that serves the network. */
public final class ServerProcess {
    private final Glob image;
    private final String kind;

    public ServerProcess(String image, String kind) {
        this.image = new Glob(image);
        this.kind = kind;
    }

    public boolean matches(ProcessEvent e) { return e != null && image.matches(Text.fileName(e.getParentImage())); }

    public String reasonFor(ProcessEvent e) {
        return "its parent " + Text.fileName(e.getParentImage()) + " is " + kind;
    }

    @Override public String toString() { return "ServerProcess[" + image + "]"; }
}
