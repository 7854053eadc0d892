package dev.tripline.model;

/** A qualified name Windows gives LOCAL_SYSTEM in some language ({@code NT AUTHORITY\SYSTEM}, {@code AUTORITE NT\Système}). */
public final class LocalSystemName {
    private final String qualifiedName;

    public LocalSystemName(String qualifiedName) { this.qualifiedName = qualifiedName; }

    public boolean matches(Account a) { return a != null && a.getName() != null && Text.fold(a.display()).equals(Text.fold(qualifiedName)); }

    public String getQualifiedName() { return qualifiedName; }

    @Override public String toString() { return "LocalSystemName[" + qualifiedName + "]"; }
}
