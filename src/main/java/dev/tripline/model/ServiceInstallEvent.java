package dev.tripline.model;

/**
 * A service was installed: Security 4697 or System 7045. {@code serviceAccount} is the account the service will
 * run as ({@code LocalSystem}, {@code NT AUTHORITY\LocalService}, {@code CORP\svc_app}…), as the event names it.
 */
public record ServiceInstallEvent(long time, String host, String serviceName, String imagePath, String serviceAccount,
                                  Account installedBy, String schema, SourceRef source) implements TimedFact {
    @Override public long getTime() { return time; }
    @Override public SourceRef getSource() { return source; }
    public String getHostKey() { return host == null ? "" : Text.fold(host); }
    public String getServiceName() { return serviceName; }
    public String getImagePath() { return imagePath; }
    public String getServiceAccount() { return serviceAccount; }
    public Account getInstalledBy() { return installedBy; }
}
